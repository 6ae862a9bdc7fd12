package org.fis.ledger;

import java.util.Objects;

/**
 * A correction: records a new version of an existing operation that replaces the current version in
 * every balance. Insert-only: the old version stays as it was; the new version carries cancelling
 * entries for the old lines (at the old posting time) and its own lines. Submitting the same
 * replacement again returns the current version and writes nothing. The old version's posting time
 * must lie in an open period (otherwise reverse it and post anew in the open period). Immutable.
 *
 * @param replacement the new content of the operation (its ledger and operation id name the
 *     operation)
 */
public record SupersedeRequest(PostingRequest replacement) implements LedgerCommand {
  /** Validates the request. */
  public SupersedeRequest {
    Objects.requireNonNull(replacement, "replacement");
  }

  @Override
  public String ledgerId() {
    return replacement.ledgerId();
  }

  @Override
  public String operationId() {
    return replacement.operationId();
  }
}
