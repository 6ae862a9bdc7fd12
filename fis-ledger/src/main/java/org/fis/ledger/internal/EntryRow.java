package org.fis.ledger.internal;

import java.math.BigDecimal;
import java.time.Instant;
import org.fis.ledger.Line;
import org.fis.ledger.Side;

/**
 * One stored entry. Effect {@code L} is a posting line, {@code C} cancels a superseded line, {@code
 * H} holds, {@code R} releases a hold. Not API. Immutable.
 *
 * @param accountId the account
 * @param lineNo the entry's number within its posting, from 1
 * @param effect L, C, H or R
 * @param currency the currency
 * @param debit debit amount (negative for a cancellation or release of a debit)
 * @param credit credit amount (negative for a cancellation or release of a credit)
 * @param postingTime when it takes effect
 */
public record EntryRow(
    String accountId,
    int lineNo,
    char effect,
    String currency,
    BigDecimal debit,
    BigDecimal credit,
    Instant postingTime) {

  /**
   * Whether the entry is in the pending layer (held or released) rather than posted.
   *
   * @return {@code true} for H and R
   */
  public boolean pending() {
    return effect == 'H' || effect == 'R';
  }

  /**
   * Whether the entry is one of the posting's own lines.
   *
   * @return {@code true} for L and H
   */
  public boolean ownLine() {
    return effect == 'L' || effect == 'H';
  }

  /**
   * The entry as a line (only for own lines).
   *
   * @return the line
   */
  public Line toLine() {
    return debit.signum() != 0
        ? new Line(accountId, Side.DEBIT, debit, currency)
        : new Line(accountId, Side.CREDIT, credit, currency);
  }

  /**
   * The entry for a line.
   *
   * @param line the line
   * @param lineNo its number
   * @param effect L or H
   * @param postingTime its posting time
   * @return the entry
   */
  public static EntryRow of(Line line, int lineNo, char effect, Instant postingTime) {
    BigDecimal zero = BigDecimal.ZERO.setScale(Checks.AMOUNT_SCALE);
    return line.side() == Side.DEBIT
        ? new EntryRow(
            line.accountId(), lineNo, effect, line.currency(), line.amount(), zero, postingTime)
        : new EntryRow(
            line.accountId(), lineNo, effect, line.currency(), zero, line.amount(), postingTime);
  }

  /**
   * The entry that undoes this one.
   *
   * @param newLineNo its number in the new posting
   * @param newEffect C or R
   * @param time its posting time
   * @return the negated entry
   */
  public EntryRow negated(int newLineNo, char newEffect, Instant time) {
    return new EntryRow(
        accountId, newLineNo, newEffect, currency, debit.negate(), credit.negate(), time);
  }

  /**
   * The canonical text of the entry for hashing.
   *
   * @return the text
   */
  public String canonical() {
    return accountId
        + "|"
        + lineNo
        + "|"
        + effect
        + "|"
        + currency
        + "|"
        + debit.toPlainString()
        + "|"
        + credit.toPlainString()
        + "|"
        + Hashes.micros(postingTime);
  }
}
