package org.fis.ledger.internal;

import java.math.BigDecimal;
import org.fis.ledger.BalanceConstraint;

/**
 * A locked running balance being updated within one submit call. Not API. Not thread-safe: owned by
 * one call.
 */
final class Working {
  final String accountId;
  BigDecimal debits;
  BigDecimal credits;
  BigDecimal pendingDebits;
  BigDecimal pendingCredits;
  long chainLength;
  byte[] chainHash;
  boolean changed;

  Working(
      String accountId,
      BigDecimal debits,
      BigDecimal credits,
      BigDecimal pendingDebits,
      BigDecimal pendingCredits,
      long chainLength,
      byte[] chainHash) {
    this.accountId = accountId;
    this.debits = debits;
    this.credits = credits;
    this.pendingDebits = pendingDebits;
    this.pendingCredits = pendingCredits;
    this.chainLength = chainLength;
    this.chainHash = chainHash;
  }

  /** How far the account is past its limit (positive = over the limit). */
  BigDecimal exposure(BalanceConstraint constraint) {
    return switch (constraint) {
      case NONE -> BigDecimal.ZERO;
      case DEBITS_MUST_NOT_EXCEED_CREDITS -> debits.add(pendingDebits).subtract(credits);
      case CREDITS_MUST_NOT_EXCEED_DEBITS -> credits.add(pendingCredits).subtract(debits);
    };
  }

  void apply(EntryRow entry) {
    if (entry.pending()) {
      pendingDebits = pendingDebits.add(entry.debit());
      pendingCredits = pendingCredits.add(entry.credit());
    } else {
      debits = debits.add(entry.debit());
      credits = credits.add(entry.credit());
    }
    changed = true;
  }

  Working copy() {
    Working copy =
        new Working(
            accountId, debits, credits, pendingDebits, pendingCredits, chainLength, chainHash);
    copy.changed = changed;
    return copy;
  }
}
