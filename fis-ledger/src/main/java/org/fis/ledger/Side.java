package org.fis.ledger;

/** The side of a posting line or the normal side of an account type. Immutable. */
public enum Side {
  /** The left side: increases assets and expenses. */
  DEBIT,
  /** The right side: increases liabilities, equity and income. */
  CREDIT
}
