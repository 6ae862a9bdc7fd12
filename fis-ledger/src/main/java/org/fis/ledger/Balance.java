package org.fis.ledger;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An account's totals. Debits and credits are net of superseded versions; pending amounts are held
 * by open holds. Immutable.
 *
 * @param accountId the account (for a roll-up: the subtree's root)
 * @param currency the currency
 * @param normalSide the side on which the balance normally stands
 * @param debits posted debits
 * @param credits posted credits
 * @param pendingDebits debits held by pending holds
 * @param pendingCredits credits held by pending holds
 */
public record Balance(
    String accountId,
    String currency,
    Side normalSide,
    BigDecimal debits,
    BigDecimal credits,
    BigDecimal pendingDebits,
    BigDecimal pendingCredits) {
  /** Validates the balance. */
  public Balance {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(normalSide, "normalSide");
    Objects.requireNonNull(debits, "debits");
    Objects.requireNonNull(credits, "credits");
    Objects.requireNonNull(pendingDebits, "pendingDebits");
    Objects.requireNonNull(pendingCredits, "pendingCredits");
  }

  /**
   * The posted balance on the normal side: debits − credits for debit-normal accounts, credits −
   * debits otherwise.
   *
   * @return the posted balance
   */
  public BigDecimal posted() {
    BigDecimal debitNet = debits.subtract(credits);
    return normalSide == Side.DEBIT ? debitNet : debitNet.negate();
  }

  /**
   * Debits minus credits, whatever the normal side (the sum over all accounts of one currency is
   * zero).
   *
   * @return the debit-signed posted balance
   */
  public BigDecimal debitNet() {
    return debits.subtract(credits);
  }

  /**
   * The balance available for spending on the normal side: the posted balance reduced by pending
   * amounts that move away from the normal side.
   *
   * @return the available balance
   */
  public BigDecimal available() {
    return normalSide == Side.DEBIT
        ? debits.subtract(credits).subtract(pendingCredits)
        : credits.subtract(debits).subtract(pendingDebits);
  }
}
