package org.fis.ledger;

import java.time.Instant;
import java.util.Objects;
import org.fis.ledger.internal.Checks;

/**
 * The first phase of a two-phase transfer: reserves the lines' amounts as pending (they count
 * against balance constraints but not in posted balances) until a {@link CaptureRequest} posts
 * them, a {@link VoidRequest} releases them, or they expire. Immutable.
 *
 * @param posting the lines, times and metadata; its operation id names the hold
 * @param expiresAt when the hold expires (exclusive), or {@code null} for never
 */
public record HoldRequest(PostingRequest posting, Instant expiresAt) implements LedgerCommand {
  /** Validates the request. */
  public HoldRequest {
    Objects.requireNonNull(posting, "posting");
    expiresAt = Checks.optionalInstant(expiresAt, "expiresAt");
  }

  @Override
  public String ledgerId() {
    return posting.ledgerId();
  }

  @Override
  public String operationId() {
    return posting.operationId();
  }
}
