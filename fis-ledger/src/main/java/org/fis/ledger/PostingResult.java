package org.fis.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The business outcome of one {@link LedgerCommand}. Only {@link Posted} wrote anything; every
 * other outcome left the journal and the balances unchanged. Immutable.
 */
public sealed interface PostingResult {
  /**
   * Whether the command's effect is in the journal: newly written or found as an idempotent repeat.
   *
   * @return {@code true} for {@link Posted} and {@link Duplicate}
   */
  default boolean accepted() {
    return this instanceof Posted || this instanceof Duplicate;
  }

  /**
   * Recorded now.
   *
   * @param posting the new posting (version)
   */
  record Posted(Posting posting) implements PostingResult {
    /** Validates the result. */
    public Posted {
      Objects.requireNonNull(posting, "posting");
    }
  }

  /**
   * The same operation id with the same content was already recorded: nothing written.
   *
   * @param original the posting recorded earlier
   */
  record Duplicate(Posting original) implements PostingResult {
    /** Validates the result. */
    public Duplicate {
      Objects.requireNonNull(original, "original");
    }
  }

  /**
   * The operation id was already used with different content: nothing written.
   *
   * @param ledgerId the ledger
   * @param operationId the operation id
   * @param existing the posting recorded under that id
   */
  record IdempotencyConflict(String ledgerId, String operationId, Posting existing)
      implements PostingResult {
    /** Validates the result. */
    public IdempotencyConflict {
      Objects.requireNonNull(ledgerId, "ledgerId");
      Objects.requireNonNull(operationId, "operationId");
      Objects.requireNonNull(existing, "existing");
    }
  }

  /**
   * A constrained account would exceed its limit: nothing written.
   *
   * @param accountId the account
   * @param constraint its rule
   * @param shortfall by how much the limit would be exceeded
   */
  record InsufficientFunds(String accountId, BalanceConstraint constraint, BigDecimal shortfall)
      implements PostingResult {
    /** Validates the result. */
    public InsufficientFunds {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(constraint, "constraint");
      Objects.requireNonNull(shortfall, "shortfall");
    }
  }

  /**
   * The posting time (or, for a supersession, the old version's posting time) lies in a closed
   * period: nothing written. Corrections go to the open period.
   *
   * @param ledgerId the ledger
   * @param postingTime the rejected posting time
   * @param closedBefore the ledger is closed for posting times before this instant
   */
  record PeriodClosed(String ledgerId, Instant postingTime, Instant closedBefore)
      implements PostingResult {
    /** Validates the result. */
    public PeriodClosed {
      Objects.requireNonNull(ledgerId, "ledgerId");
      Objects.requireNonNull(postingTime, "postingTime");
      Objects.requireNonNull(closedBefore, "closedBefore");
    }
  }

  /**
   * The operation to supersede, reverse, capture or void does not exist: nothing written.
   *
   * @param ledgerId the ledger
   * @param operationId the missing operation
   */
  record OperationNotFound(String ledgerId, String operationId) implements PostingResult {
    /** Validates the result. */
    public OperationNotFound {
      Objects.requireNonNull(ledgerId, "ledgerId");
      Objects.requireNonNull(operationId, "operationId");
    }
  }

  /**
   * The operation was already reversed: it can be neither reversed again nor superseded.
   *
   * @param ledgerId the ledger
   * @param operationId the reversed operation
   */
  record AlreadyReversed(String ledgerId, String operationId) implements PostingResult {
    /** Validates the result. */
    public AlreadyReversed {
      Objects.requireNonNull(ledgerId, "ledgerId");
      Objects.requireNonNull(operationId, "operationId");
    }
  }

  /**
   * The hold is no longer pending: nothing written.
   *
   * @param holdOperationId the hold
   * @param state its state (captured, voided or expired)
   */
  record HoldNotPending(String holdOperationId, HoldState state) implements PostingResult {
    /** Validates the result. */
    public HoldNotPending {
      Objects.requireNonNull(holdOperationId, "holdOperationId");
      Objects.requireNonNull(state, "state");
    }
  }

  /**
   * The command does not fit what is stored (unknown account, account of another ledger, currency
   * differing from the account's, superseding a non-posting, capturing more than held …): nothing
   * written.
   *
   * @param field the offending field, e.g. {@code lines[1].accountId}
   * @param reason why, in a sentence
   */
  record Rejected(String field, String reason) implements PostingResult {
    /** Validates the result. */
    public Rejected {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
