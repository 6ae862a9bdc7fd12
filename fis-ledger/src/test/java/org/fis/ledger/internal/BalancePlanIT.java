package org.fis.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.fis.ledger.AccountDefinition;
import org.fis.ledger.AccountType;
import org.fis.ledger.BalanceMode;
import org.fis.ledger.BalanceTaskQueue;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import org.fis.ledger.LedgerDefinition;
import org.fis.ledger.LedgerMigrations;
import org.fis.ledger.Line;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.PostingResult;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The plan of the pending-task lookup when the statistics are empty, stale and fresh. The lookup it
 * replaced (an account's tasks without an applied row) read the account's whole history on every
 * call: the drain fell from about 40,000 to about 240 tasks/s as the history grew. Every scan of
 * the lookup must be an index probe: its cost is what is pending, not what was ever applied.
 */
@FisPostgres(migrations = LedgerMigrations.class)
class BalancePlanIT {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A scan of one of the lookup's tables, e.g. "Index Scan using posting_pkey on posting y". */
  private static final Pattern SCAN =
      Pattern.compile(
          "(Seq Scan|Bitmap Heap Scan|Index Scan|Index Only Scan)( using \\S+)? on"
              + " (balance_task_pending|balance_task|posting) ");

  private final Ledger ledger =
      Ledger.create(LedgerConfig.defaults(), Clock.systemUTC(), BalanceTaskQueue.none());

  private void accounts(Jdbi jdbi, String ledgerId, String... ids) {
    jdbi.useTransaction(
        h -> {
          ledger.createLedger(h, new LedgerDefinition(ledgerId, ledgerId));
          for (String id : ids) {
            ledger.openAccount(
                h,
                AccountDefinition.of(id, ledgerId, id, AccountType.ASSET, "EUR")
                    .withBalanceMode(BalanceMode.ASYNCHRONOUS));
          }
        });
  }

  private void post(Jdbi jdbi, String prefix, int count) {
    post(jdbi, "plan", "a", "b", prefix, count);
  }

  private void post(Jdbi jdbi, String ledgerId, String a, String b, String prefix, int count) {
    for (int from = 0; from < count; from += 500) {
      List<PostingRequest> batch = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 500); i++) {
        batch.add(
            PostingRequest.of(
                ledgerId,
                prefix + i,
                T0,
                List.of(
                    Line.debit(a, BigDecimal.ONE, "EUR"), Line.credit(b, BigDecimal.ONE, "EUR"))));
      }
      List<PostingResult> results = jdbi.inTransaction(h -> ledger.submit(h, batch));
      assertThat(results).allMatch(r -> r instanceof PostingResult.Posted);
    }
  }

  private static void analyze(Jdbi jdbi) {
    jdbi.useHandle(
        h ->
            h.execute(
                "ANALYZE fis_ledger.balance_task, fis_ledger.balance_task_pending,"
                    + " fis_ledger.balance_task_applied, fis_ledger.posting"));
  }

  /**
   * The plan of the query of {@code fis_ledger.pending_tasks}, taken from the function's source and
   * planned with the function's own settings.
   */
  private static List<String> explainPendingTasks(Handle h, String account, int limit) {
    String source =
        h.createQuery("SELECT prosrc FROM pg_proc WHERE oid = 'fis_ledger.pending_tasks'::regproc")
            .mapTo(String.class)
            .one();
    List<String> settings =
        h.createQuery(
                "SELECT unnest(proconfig) FROM pg_proc"
                    + " WHERE oid = 'fis_ledger.pending_tasks'::regproc")
            .mapTo(String.class)
            .list();
    assertThat(settings).contains("enable_seqscan=off", "enable_bitmapscan=off");
    for (String setting : settings) {
      String[] pair = setting.split("=", 2);
      h.execute("SELECT set_config(?, ?, true)", pair[0], pair[1]);
    }
    int from = source.indexOf("RETURN QUERY") + "RETURN QUERY".length();
    String query =
        source
            .substring(from, source.indexOf(';', from))
            .replace("p_account", "'" + account + "'")
            .replace("p_limit", Integer.toString(limit));
    return h.createQuery("EXPLAIN " + query).mapTo(String.class).list();
  }

  private static void assertIndexProbes(Jdbi jdbi, String state) {
    List<String> plan = jdbi.inTransaction(h -> explainPendingTasks(h, "a", 5_000));
    String all = String.join("\n", plan);
    int scans = 0;
    for (int i = 0; i < plan.size(); i++) {
      String line = plan.get(i);
      String next = i + 1 < plan.size() ? plan.get(i + 1).trim() : "";
      if (SCAN.matcher(line).find()) {
        scans++;
        assertThat(line)
            .as("%s: scan %d of the plan\n%s", state, scans, all)
            .doesNotContain("Seq Scan");
        // A bitmap scan rechecks the condition of its index scan, on the next lines.
        assertThat(next)
            .as("%s: the line after \"%s\"\n%s", state, line.trim(), all)
            .startsWith(line.contains("Bitmap Heap Scan") ? "Recheck Cond:" : "Index Cond:");
      }
      if (line.contains("Bitmap Index Scan")) {
        assertThat(next)
            .as("%s: the line after \"%s\"\n%s", state, line.trim(), all)
            .startsWith("Index Cond: (account_id = ");
      }
    }
    assertThat(scans).as("%s: scans of the lookup's tables", state).isEqualTo(3);
    assertThat(String.join("\n", plan))
        .as(state)
        .contains("on balance_task_pending w")
        .contains("balance_task_pkey on balance_task x")
        .contains("posting_pkey on posting y");
  }

  private int drain(Jdbi jdbi) {
    return jdbi.inTransaction(h -> ledger.applyPendingBalanceTasks(h, "a"))
        + jdbi.inTransaction(h -> ledger.applyPendingBalanceTasks(h, "b"));
  }

  @Test
  void the_pending_task_lookup_probes_indexes_with_empty_stale_and_fresh_statistics(Jdbi jdbi) {
    accounts(jdbi, "plan", "a", "b");
    analyze(jdbi);
    post(jdbi, "empty-", 2_000);
    assertIndexProbes(jdbi, "empty statistics");
    assertThat(drain(jdbi)).isEqualTo(4_000);

    // Stale: analysed with a small history, then a long one applied and a little more pending.
    post(jdbi, "small-", 200);
    analyze(jdbi);
    post(jdbi, "history-", 20_000);
    assertThat(drain(jdbi)).isEqualTo(40_400);
    post(jdbi, "stale-", 300);
    assertIndexProbes(jdbi, "stale statistics");

    analyze(jdbi);
    assertIndexProbes(jdbi, "fresh statistics");
    assertThat(drain(jdbi)).isEqualTo(600);
    assertThat(drain(jdbi)).isZero();
  }

  @Test
  void a_pending_row_exists_exactly_for_each_task_without_an_applied_row(Jdbi jdbi) {
    accounts(jdbi, "rows", "c", "d");
    post(jdbi, "rows", "c", "d", "p-", 700);
    int applied = jdbi.inTransaction(h -> ledger.applyPendingBalanceTasks(h, "c"));
    assertThat(applied).isEqualTo(700);
    post(jdbi, "rows", "c", "d", "q-", 50);
    List<String> mismatches =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT coalesce(t.account_id, q.account_id) || ':'"
                            + " || coalesce(t.task_id, q.task_id)"
                            + " FROM (SELECT account_id, task_id FROM fis_ledger.balance_task x"
                            + " WHERE NOT EXISTS (SELECT 1 FROM fis_ledger.balance_task_applied a"
                            + " WHERE a.account_id = x.account_id AND a.task_id = x.task_id)) t"
                            + " FULL JOIN fis_ledger.balance_task_pending q"
                            + " ON q.account_id = t.account_id AND q.task_id = t.task_id"
                            + " WHERE t.task_id IS NULL OR q.task_id IS NULL")
                    .mapTo(String.class)
                    .list());
    assertThat(mismatches).isEmpty();
    long pending =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM fis_ledger.balance_task_pending"
                            + " WHERE account_id = 'd'")
                    .mapTo(Long.class)
                    .one());
    assertThat(pending).isEqualTo(750);
  }
}
