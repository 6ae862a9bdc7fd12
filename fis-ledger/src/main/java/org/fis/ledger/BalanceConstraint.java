package org.fis.ledger;

/**
 * A per-account rule checked, under the account's row lock, for every posting that worsens the
 * account's position. Pending (held) amounts count against the limit. Immutable.
 */
public enum BalanceConstraint {
  /** No limit. */
  NONE,
  /** Posted debits plus pending debits must not exceed posted credits (no overdraft). */
  DEBITS_MUST_NOT_EXCEED_CREDITS,
  /** Posted credits plus pending credits must not exceed posted debits. */
  CREDITS_MUST_NOT_EXCEED_DEBITS
}
