package org.fis.ledger;

/** The type of an account in the chart of accounts, with its normal side. Immutable. */
public enum AccountType {
  /** What the entity owns; normal side debit. */
  ASSET(Side.DEBIT),
  /** What the entity owes; normal side credit. */
  LIABILITY(Side.CREDIT),
  /** The owners' residual interest; normal side credit. */
  EQUITY(Side.CREDIT),
  /** Revenue; normal side credit. */
  INCOME(Side.CREDIT),
  /** Costs; normal side debit. */
  EXPENSE(Side.DEBIT);

  private final Side normalSide;

  AccountType(Side normalSide) {
    this.normalSide = normalSide;
  }

  /**
   * The side on which the balance of this type of account normally stands.
   *
   * @return debit for assets and expenses, credit otherwise
   */
  public Side normalSide() {
    return normalSide;
  }
}
