package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.fis.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** Migration V54 on a database at V53 with tasks in it, some applied: the backfill. */
class PendingTasksMigrationIT {
  private static void migrateTo(TestDatabase db, String target) {
    Flyway.configure(LedgerMigrations.class.getClassLoader())
        .dataSource(db.dataSource())
        .schemas(LedgerMigrations.SCHEMA)
        .createSchemas(true)
        .locations(LedgerMigrations.LOCATION)
        .placeholderReplacement(false)
        .target(target)
        .load()
        .migrate();
  }

  @Test
  void v54_records_a_pending_row_for_every_task_without_an_applied_row() {
    try (TestDatabase db = TestDatabase.create()) {
      migrateTo(db, "53");
      db.jdbi()
          .useHandle(
              h -> {
                h.execute(
                    "INSERT INTO fis_ledger.balance_task (account_id, posting_id, debits, credits,"
                        + " pending_debits, pending_credits)"
                        + " SELECT CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END, i, 1, 0, 0, 0"
                        + " FROM generate_series(1, 100) AS i");
                // The old drain applied the first 30 tasks of each account.
                h.execute(
                    "INSERT INTO fis_ledger.balance_task_applied (account_id, task_id)"
                        + " SELECT account_id, task_id FROM (SELECT account_id, task_id,"
                        + " row_number() OVER (PARTITION BY account_id ORDER BY task_id) AS n"
                        + " FROM fis_ledger.balance_task) t WHERE n <= 30");
              });
      migrateTo(db, "54");
      List<String> pending =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT account_id || ':' || count(*) || ':' || min(task_id)"
                                  + " FROM fis_ledger.balance_task_pending GROUP BY account_id"
                                  + " ORDER BY account_id")
                          .mapTo(String.class)
                          .list());
      List<String> expected =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT account_id || ':' || count(*) || ':' || min(task_id)"
                                  + " FROM fis_ledger.balance_task t WHERE NOT EXISTS (SELECT 1"
                                  + " FROM fis_ledger.balance_task_applied a WHERE a.account_id"
                                  + " = t.account_id AND a.task_id = t.task_id)"
                                  + " GROUP BY account_id ORDER BY account_id")
                          .mapTo(String.class)
                          .list());
      assertThat(expected).hasSize(2);
      assertThat(pending).isEqualTo(expected);
      assertThat(pending.get(0)).startsWith("a:20:");
      // And a task written after the migration is pending too (the trigger).
      LedgerMigrations.migrate(db.dataSource());
      Ledger ledger =
          Ledger.create(LedgerConfig.defaults(), Clock.systemUTC(), BalanceTaskQueue.none());
      db.jdbi()
          .useTransaction(
              h -> {
                ledger.createLedger(h, new LedgerDefinition("m", "m"));
                for (String id : List.of("x", "y")) {
                  ledger.openAccount(
                      h,
                      AccountDefinition.of(id, "m", id, AccountType.ASSET, "EUR")
                          .withBalanceMode(BalanceMode.ASYNCHRONOUS));
                }
                ledger.post(
                    h,
                    PostingRequest.of(
                        "m",
                        "op",
                        Fixtures.T0,
                        List.of(
                            Line.debit("x", BigDecimal.ONE, "EUR"),
                            Line.credit("y", BigDecimal.ONE, "EUR"))));
              });
      int applied = db.jdbi().inTransaction(h -> ledger.applyPendingBalanceTasks(h, "x"));
      assertThat(applied).isEqualTo(1);
      int again = db.jdbi().inTransaction(h -> ledger.applyPendingBalanceTasks(h, "x"));
      assertThat(again).isZero();
    }
  }
}
