package org.fis.ledger.internal;

import java.time.Instant;
import java.util.List;
import org.fis.ledger.CaptureRequest;
import org.fis.ledger.HoldRequest;
import org.fis.ledger.LedgerCommand;
import org.fis.ledger.Line;
import org.fis.ledger.Posting;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.ReversalRequest;
import org.fis.ledger.SupersedeRequest;
import org.fis.ledger.VoidRequest;

/** Canonical texts of commands and postings, hashed for idempotency and tamper evidence. */
public final class Canonical {
  private Canonical() {}

  /**
   * The idempotency hash of a command: everything the caller supplied.
   *
   * @param command the command
   * @return SHA-256 of its canonical text
   */
  public static byte[] requestHash(LedgerCommand command) {
    return Hashes.sha256(requestText(command));
  }

  /**
   * The idempotency hash of an expiry written by the ledger itself.
   *
   * @param ledgerId the ledger
   * @param holdOperationId the expired hold
   * @return the hash
   */
  public static byte[] expiryHash(String ledgerId, String holdOperationId) {
    return Hashes.sha256("EXPIRY|" + ledgerId + "|" + holdOperationId);
  }

  private static String requestText(LedgerCommand command) {
    if (command instanceof PostingRequest p) {
      return "POSTING|" + posting(p);
    } else if (command instanceof SupersedeRequest s) {
      return "POSTING|" + posting(s.replacement());
    } else if (command instanceof HoldRequest h) {
      return "HOLD|" + posting(h.posting()) + "|" + optionalMicros(h.expiresAt());
    } else if (command instanceof ReversalRequest r) {
      return join(
          "REVERSAL",
          r.ledgerId(),
          r.operationId(),
          r.reversedOperationId(),
          micros(r.operationTime()),
          micros(r.postingTime()),
          r.metadataJson());
    } else if (command instanceof CaptureRequest c) {
      return join(
          "CAPTURE",
          c.ledgerId(),
          c.operationId(),
          c.holdOperationId(),
          c.amount() == null ? "full" : c.amount().toPlainString(),
          micros(c.operationTime()),
          micros(c.postingTime()),
          c.metadataJson());
    } else if (command instanceof VoidRequest v) {
      return join(
          "VOID",
          v.ledgerId(),
          v.operationId(),
          v.holdOperationId(),
          micros(v.operationTime()),
          micros(v.postingTime()),
          v.metadataJson());
    }
    throw new AssertionError("unknown command " + command);
  }

  private static String posting(PostingRequest p) {
    StringBuilder text =
        new StringBuilder(
            join(
                p.ledgerId(),
                p.operationId(),
                micros(p.operationTime()),
                micros(p.postingTime()),
                p.metadataJson()));
    for (Line line : p.lines()) {
      text.append('|')
          .append(line.accountId())
          .append(',')
          .append(line.side())
          .append(',')
          .append(line.amount().toPlainString())
          .append(',')
          .append(line.currency());
    }
    return text.toString();
  }

  /**
   * The record hash of a stored posting: every stored field and every entry, so that a changed row
   * is detected by {@code verify}.
   *
   * @param posting the posting (its lines are ignored: the entries carry them)
   * @param requestHash the stored request hash
   * @param entries every entry of the posting, ordered by line number
   * @return SHA-256 of the canonical text
   */
  public static byte[] recordHash(Posting posting, byte[] requestHash, List<EntryRow> entries) {
    return Hashes.sha256(
        posting.postingId()
            + recordTextAfterId(
                posting.ledgerId(),
                posting.operationId(),
                posting.version(),
                posting.kind().name(),
                posting.referenceOperationId(),
                posting.operationTime(),
                posting.postingTime(),
                posting.recordedAt(),
                posting.expiresAt(),
                posting.metadataJson(),
                requestHash,
                entries));
  }

  /**
   * The canonical record text after its leading posting id: the record hash is SHA-256 of the
   * posting id's decimal text followed by this text (so that the database can hash a posting whose
   * id it assigns; see {@code post_new}).
   *
   * @param ledgerId the ledger
   * @param operationId the operation
   * @param version the version
   * @param kind the kind's name
   * @param referenceOperationId the referred operation, or {@code null}
   * @param operationTime the operation time
   * @param postingTime the posting time
   * @param recordedAt the recording time
   * @param expiresAt the expiry, or {@code null}
   * @param metadataJson the metadata
   * @param requestHash the request hash
   * @param entries every entry of the posting, ordered by line number
   * @return the text, starting with {@code |}
   */
  public static String recordTextAfterId(
      String ledgerId,
      String operationId,
      int version,
      String kind,
      String referenceOperationId,
      Instant operationTime,
      Instant postingTime,
      Instant recordedAt,
      Instant expiresAt,
      String metadataJson,
      byte[] requestHash,
      List<EntryRow> entries) {
    StringBuilder text =
        new StringBuilder(256)
            .append('|')
            .append(
                join(
                    ledgerId,
                    operationId,
                    Integer.toString(version),
                    kind,
                    String.valueOf(referenceOperationId),
                    micros(operationTime),
                    micros(postingTime),
                    micros(recordedAt),
                    optionalMicros(expiresAt),
                    metadataJson,
                    Hashes.hex(requestHash)));
    for (EntryRow entry : entries) {
      text.append('\n').append(entry.canonical());
    }
    return text.toString();
  }

  private static String micros(Instant instant) {
    return Long.toString(Hashes.micros(instant));
  }

  private static String optionalMicros(Instant instant) {
    return instant == null ? "-" : micros(instant);
  }

  private static String join(String... parts) {
    return String.join("|", parts);
  }
}
