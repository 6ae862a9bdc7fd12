package org.fis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.fis.ledger.AccountDefinition;
import org.fis.ledger.AccountType;
import org.fis.ledger.BalanceTaskQueue;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import org.fis.ledger.LedgerDefinition;
import org.fis.ledger.LedgerException;
import org.fis.ledger.LedgerMigrations;
import org.fis.ledger.Line;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.PostingResult;
import org.fis.testing.TestDatabase;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ledger command and submit metrics in a Micrometer registry, from real postings. */
class MicrometerLedgerMetricsIT {
  private static final Instant AT = Instant.parse("2026-01-15T10:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TestDatabase db;
  private Ledger ledger;

  @BeforeEach
  void start() {
    db = TestDatabase.create(LedgerMigrations::migrate);
    ledger =
        Ledger.create(
            LedgerConfig.defaults(),
            Clock.systemUTC(),
            BalanceTaskQueue.none(),
            MicrometerLedgerMetrics.create(registry, Tags.of("books", "main")));
    db.jdbi()
        .useTransaction(
            h -> {
              ledger.createLedger(h, new LedgerDefinition("books", "Books"));
              ledger.openAccount(
                  h, AccountDefinition.of("cash", "books", "Cash", AccountType.ASSET, "EUR"));
              ledger.openAccount(
                  h,
                  AccountDefinition.of("revenue", "books", "Revenue", AccountType.INCOME, "EUR"));
            });
  }

  @AfterEach
  void stop() {
    db.close();
  }

  private static PostingRequest sale(String operationId, String amount) {
    return PostingRequest.of(
        "books",
        operationId,
        AT,
        List.of(
            Line.debit("cash", new BigDecimal(amount), "EUR"),
            Line.credit("revenue", new BigDecimal(amount), "EUR")));
  }

  private double commands(String outcome) {
    return registry.get(MicrometerLedgerMetrics.COMMANDS).tag("outcome", outcome).counter().count();
  }

  private long submits(String outcome) {
    return registry.get(MicrometerLedgerMetrics.SUBMITS).tag("outcome", outcome).timer().count();
  }

  @Test
  void posted_duplicate_and_conflicting_commands_are_counted_by_result() {
    db.jdbi()
        .useTransaction(
            h -> {
              assertThat(ledger.post(h, sale("op-1", "10.00")))
                  .isInstanceOf(PostingResult.Posted.class);
              assertThat(ledger.post(h, sale("op-1", "10.00")))
                  .isInstanceOf(PostingResult.Duplicate.class);
              assertThat(ledger.post(h, sale("op-1", "12.00")))
                  .isInstanceOf(PostingResult.IdempotencyConflict.class);
              ledger.submit(h, List.of(sale("op-2", "1.00"), sale("op-3", "2.00")));
            });

    assertThat(commands("posted")).isEqualTo(3);
    assertThat(commands("duplicate")).isEqualTo(1);
    assertThat(commands("idempotency_conflict")).isEqualTo(1);
    assertThat(commands("insufficient_funds")).isZero();
    assertThat(submits("ok")).isEqualTo(4);
    assertThat(submits("failed")).isZero();
    assertThat(registry.get(MicrometerLedgerMetrics.COMMANDS).tag("books", "main").counters())
        .hasSizeGreaterThanOrEqualTo(9);
  }

  @Test
  void a_database_failure_is_timed_as_failed_and_counts_no_command() {
    try (Handle h = db.jdbi().open()) {
      h.begin();
      assertThatThrownBy(() -> h.execute("SELECT 1 / 0")).isNotNull();
      // The transaction is now aborted: every further statement fails.
      assertThatThrownBy(() -> ledger.post(h, sale("op-9", "1.00")))
          .isInstanceOf(LedgerException.class);
      h.rollback();
    }

    assertThat(submits("failed")).isEqualTo(1);
    assertThat(submits("ok")).isZero();
    assertThat(commands("posted")).isZero();
  }

  @Test
  void result_names_become_snake_case_outcome_tags() {
    assertThat(MicrometerLedgerMetrics.outcome(PostingResult.IdempotencyConflict.class))
        .isEqualTo("idempotency_conflict");
    assertThat(MicrometerLedgerMetrics.outcome(PostingResult.Posted.class)).isEqualTo("posted");
  }
}
