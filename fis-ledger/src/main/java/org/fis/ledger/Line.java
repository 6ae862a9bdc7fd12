package org.fis.ledger;

import java.math.BigDecimal;
import java.util.Objects;
import org.fis.ledger.internal.Checks;

/**
 * One line of a posting: an account, a side, a positive amount and its currency. The amount is
 * normalised to scale 9 (so {@code 10.0} and {@code 10.00} are the same line); amounts with more
 * than 9 fractional digits are rejected, never rounded. Immutable.
 *
 * @param accountId the account
 * @param side debit or credit
 * @param amount positive, at most 9 fractional digits and 29 integer digits
 * @param currency the currency code; must equal the account's currency
 */
public record Line(String accountId, Side side, BigDecimal amount, String currency) {
  /** Validates and normalises the line. */
  public Line {
    Checks.id(accountId, "accountId", Checks.ID_LENGTH_MAX);
    Objects.requireNonNull(side, "side");
    amount = Checks.amount(amount, "amount");
    Checks.currency(currency, "currency");
  }

  /**
   * A debit line.
   *
   * @param accountId the account
   * @param amount the amount
   * @param currency the currency
   * @return the line
   */
  public static Line debit(String accountId, BigDecimal amount, String currency) {
    return new Line(accountId, Side.DEBIT, amount, currency);
  }

  /**
   * A credit line.
   *
   * @param accountId the account
   * @param amount the amount
   * @param currency the currency
   * @return the line
   */
  public static Line credit(String accountId, BigDecimal amount, String currency) {
    return new Line(accountId, Side.CREDIT, amount, currency);
  }

  /**
   * The same line on the other side.
   *
   * @return the line with its side swapped
   */
  public Line swapped() {
    return new Line(accountId, side == Side.DEBIT ? Side.CREDIT : Side.DEBIT, amount, currency);
  }
}
