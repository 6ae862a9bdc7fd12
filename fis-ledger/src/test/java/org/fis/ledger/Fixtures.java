package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Shared test set-up: a ledger with accounts. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Fixtures() {}

  static void ledger(Jdbi jdbi, Ledger ledger, String ledgerId) {
    DefinitionResult result =
        jdbi.inTransaction(h -> ledger.createLedger(h, new LedgerDefinition(ledgerId, ledgerId)));
    assertThat(result).isInstanceOf(DefinitionResult.Created.class);
  }

  static void account(Jdbi jdbi, Ledger ledger, AccountDefinition definition) {
    DefinitionResult result = jdbi.inTransaction(h -> ledger.openAccount(h, definition));
    assertThat(result).isInstanceOf(DefinitionResult.Created.class);
  }

  static BigDecimal eur(String amount) {
    return new BigDecimal(amount);
  }

  /** Moves money out of {@code from} (debited) into {@code to} (credited). */
  static PostingRequest transfer(
      String ledgerId, String operationId, String from, String to, String amount, Instant at) {
    return PostingRequest.of(
        ledgerId,
        operationId,
        at,
        List.of(Line.debit(from, eur(amount), "EUR"), Line.credit(to, eur(amount), "EUR")));
  }

  static PostingResult.Posted posted(PostingResult result) {
    assertThat(result).isInstanceOf(PostingResult.Posted.class);
    return (PostingResult.Posted) result;
  }
}
