package org.fis.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One recorded version of an operation, as stored. Immutable.
 *
 * @param postingId the journal's id of this version
 * @param ledgerId the ledger
 * @param operationId the operation (idempotency key)
 * @param version 1 for the first recording, higher for superseding versions
 * @param kind what the posting is
 * @param referenceOperationId the reversed operation or the hold, or {@code null}
 * @param operationTime when the business operation happened
 * @param postingTime when it takes effect on balances
 * @param recordedAt when the journal recorded it (from the ledger's clock)
 * @param expiresAt a hold's expiry, or {@code null}
 * @param metadataJson the metadata (canonical JSON)
 * @param lines the posting's own lines (for a hold: the held lines)
 */
public record Posting(
    long postingId,
    String ledgerId,
    String operationId,
    int version,
    PostingKind kind,
    String referenceOperationId,
    Instant operationTime,
    Instant postingTime,
    Instant recordedAt,
    Instant expiresAt,
    String metadataJson,
    List<Line> lines) {
  /** Validates the posting. */
  public Posting {
    Objects.requireNonNull(ledgerId, "ledgerId");
    Objects.requireNonNull(operationId, "operationId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(operationTime, "operationTime");
    Objects.requireNonNull(postingTime, "postingTime");
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(metadataJson, "metadataJson");
    lines = List.copyOf(lines);
  }
}
