package org.fis.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The trial balance of a ledger for the period {@code [periodStart, periodEnd)}: per account its
 * opening balance, the period's debits and credits and its closing balance (debit-signed, posted
 * layer). Immutable.
 *
 * @param ledgerId the ledger
 * @param periodStart the inclusive start, or {@code null} for the beginning
 * @param periodEnd the exclusive end
 * @param rows one row per account with entries, ordered by account id
 */
public record TrialBalance(
    String ledgerId, Instant periodStart, Instant periodEnd, List<TrialBalance.Row> rows) {
  /** Validates the trial balance. */
  public TrialBalance {
    Objects.requireNonNull(ledgerId, "ledgerId");
    Objects.requireNonNull(periodEnd, "periodEnd");
    rows = List.copyOf(rows);
  }

  /**
   * Whether, per currency, the period's debits equal its credits and the closing balances sum to
   * zero: the double-entry invariant.
   *
   * @return {@code true} when balanced
   */
  public boolean balanced() {
    Map<String, BigDecimal> movement = new TreeMap<>();
    Map<String, BigDecimal> closing = new TreeMap<>();
    for (Row row : rows) {
      movement.merge(
          row.currency(), row.periodDebits().subtract(row.periodCredits()), BigDecimal::add);
      closing.merge(row.currency(), row.closingDebitNet(), BigDecimal::add);
    }
    return movement.values().stream().allMatch(v -> v.signum() == 0)
        && closing.values().stream().allMatch(v -> v.signum() == 0);
  }

  /**
   * One account's line of the trial balance.
   *
   * @param accountId the account
   * @param type its type
   * @param currency its currency
   * @param openingDebitNet debits − credits before the period
   * @param periodDebits debits in the period
   * @param periodCredits credits in the period
   * @param closingDebitNet debits − credits at the end of the period
   */
  public record Row(
      String accountId,
      AccountType type,
      String currency,
      BigDecimal openingDebitNet,
      BigDecimal periodDebits,
      BigDecimal periodCredits,
      BigDecimal closingDebitNet) {
    /** Validates the row. */
    public Row {
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(openingDebitNet, "openingDebitNet");
      Objects.requireNonNull(periodDebits, "periodDebits");
      Objects.requireNonNull(periodCredits, "periodCredits");
      Objects.requireNonNull(closingDebitNet, "closingDebitNet");
    }
  }
}
