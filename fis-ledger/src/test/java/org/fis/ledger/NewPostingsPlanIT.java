package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.ledger.Fixtures.T0;
import static org.fis.ledger.Fixtures.posted;
import static org.fis.ledger.Fixtures.transfer;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * {@code post_new} plans once per session: a plan made while the journal was empty (and its
 * statistics said so) must still probe indexes once the journal is large. A generic plan that chose
 * sequential scans of a small journal made every later posting of that connection read the whole
 * journal (seen in the benchmark: 1.5 s per call after 170,000 postings).
 */
@FisPostgres(migrations = LedgerMigrations.class)
class NewPostingsPlanIT {
  /** The tables that grow with the journal (the chart's small tables may be scanned). */
  private static final List<String> TABLES =
      List.of("posting", "entry", "account_chain", "balance_task", "balance_task_pending");

  private final Ledger ledger =
      Ledger.create(LedgerConfig.defaults(), Clock.systemUTC(), BalanceTaskQueue.none());

  /** Sequential scans of the journal's tables so far, as this session sees them. */
  private static Map<String, Long> seqScans(Handle h) {
    return h
        .createQuery(
            "SELECT relname, seq_scan FROM pg_stat_xact_user_tables"
                + " WHERE schemaname = 'fis_ledger' AND relname IN (<tables>)")
        .bindList("tables", TABLES)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @Test
  void a_session_that_planned_post_new_on_an_empty_journal_never_scans_it_later(Jdbi jdbi) {
    Fixtures.ledger(jdbi, ledger, "big");
    for (String id : List.of("big-0", "big-1", "big-2")) {
      Fixtures.account(jdbi, ledger, AccountDefinition.of(id, "big", id, AccountType.ASSET, "EUR"));
    }
    jdbi.useHandle(
        h ->
            h.execute(
                "ANALYZE fis_ledger.posting, fis_ledger.entry, fis_ledger.account_chain,"
                    + " fis_ledger.account_balance, fis_ledger.account, fis_ledger.period_close"));
    try (Handle session = jdbi.open()) {
      // Plans made now, with an empty journal (more than five calls: past any custom plans).
      for (int i = 0; i < 8; i++) {
        String op = "early-" + i;
        posted(
            session.inTransaction(
                h -> ledger.post(h, transfer("big", op, "big-0", "big-1", "1", T0))));
      }
      for (int b = 0; b < 40; b++) {
        List<PostingRequest> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          batch.add(transfer("big", "bulk-" + b + "-" + i, "big-1", "big-2", "1", T0));
        }
        List<PostingResult> results = jdbi.inTransaction(h -> ledger.submit(h, batch));
        assertThat(results).allMatch(r -> r instanceof PostingResult.Posted);
      }
      Map<String, Long> scans =
          session.inTransaction(
              h -> {
                Map<String, Long> before = seqScans(h);
                posted(ledger.post(h, transfer("big", "late", "big-0", "big-2", "1", T0)));
                assertThat(ledger.post(h, transfer("big", "late", "big-0", "big-2", "1", T0)))
                    .isInstanceOf(PostingResult.Duplicate.class);
                Map<String, Long> after = seqScans(h);
                return after.entrySet().stream()
                    .filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
              });
      assertThat(scans).as("tables scanned sequentially by a new posting").isEmpty();
    }
  }
}
