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
    StringBuilder text =
        new StringBuilder(
            join(
                Long.toString(posting.postingId()),
                posting.ledgerId(),
                posting.operationId(),
                Integer.toString(posting.version()),
                posting.kind().name(),
                String.valueOf(posting.referenceOperationId()),
                micros(posting.operationTime()),
                micros(posting.postingTime()),
                micros(posting.recordedAt()),
                optionalMicros(posting.expiresAt()),
                posting.metadataJson(),
                Hashes.hex(requestHash)));
    for (EntryRow entry : entries) {
      text.append('\n').append(entry.canonical());
    }
    return Hashes.sha256(text.toString());
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
