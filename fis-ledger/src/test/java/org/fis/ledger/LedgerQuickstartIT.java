package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.fis.jobs.JobQueue;
import org.fis.jobs.JobsMigrations;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The README quickstart, compiled and run. Keep the two in step. */
@FisPostgres(migrations = {JobsMigrations.class, LedgerMigrations.class})
class LedgerQuickstartIT {
  @Test
  void the_readme_quickstart_runs(Jdbi jdbi) {
    // --- quickstart ---
    Ledger ledger =
        Ledger.create(
            LedgerConfig.defaults(), Clock.systemUTC(), AsyncBalanceJobs.queue(JobQueue.create()));

    jdbi.useTransaction(
        h -> {
          ledger.createLedger(h, new LedgerDefinition("main", "Main ledger"));
          ledger.openAccount(
              h, AccountDefinition.of("bank", "main", "Bank", AccountType.ASSET, "EUR"));
          ledger.openAccount(
              h,
              AccountDefinition.of("alice", "main", "Alice", AccountType.LIABILITY, "EUR")
                  .withBalanceConstraint(BalanceConstraint.DEBITS_MUST_NOT_EXCEED_CREDITS));
        });

    Instant at = Instant.parse("2026-03-01T10:00:00Z");
    PostingRequest deposit =
        PostingRequest.of(
            "main",
            "deposit-42", // the idempotency key: retry with the same id and content freely
            at,
            List.of(
                Line.debit("bank", new BigDecimal("100.00"), "EUR"),
                Line.credit("alice", new BigDecimal("100.00"), "EUR")));

    PostingResult result = jdbi.inTransaction(h -> ledger.post(h, deposit));
    PostingResult retry = jdbi.inTransaction(h -> ledger.post(h, deposit));

    if (result instanceof PostingResult.Posted posted) {
      System.out.println("recorded posting " + posted.posting().postingId());
    } else if (result instanceof PostingResult.InsufficientFunds refused) {
      System.out.println("refused: " + refused.accountId());
    }
    Balance alice = jdbi.withHandle(h -> ledger.balance(h, "alice"));
    // --- end quickstart ---

    assertThat(result).isInstanceOf(PostingResult.Posted.class);
    assertThat(retry).isInstanceOf(PostingResult.Duplicate.class);
    assertThat(alice.posted()).isEqualByComparingTo("100");
  }
}
