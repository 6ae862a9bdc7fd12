package org.fis.accountingpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.fis.accountingpoint.AccountingPointMigrations;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two pool workers claiming at the same moment (two open claim transactions): each takes its own
 * share's rows first, so neither walks through rows the other holds; a share that runs short takes
 * over the other's rows that are still free.
 */
@FisPostgres(migrations = AccountingPointMigrations.class)
class ClaimShareIT {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final SyncStateDao.Share FIRST = new SyncStateDao.Share(0, 2);
  private static final SyncStateDao.Share SECOND = new SyncStateDao.Share(1, 2);

  private Jdbi jdbi;

  @BeforeEach
  void empty(Jdbi database) {
    jdbi = database;
    jdbi.useHandle(h -> h.execute("DELETE FROM fis_accountingpoint.sync_state"));
  }

  @Test
  void siblings_claiming_at_once_take_disjoint_rows_of_their_own_shares() {
    List<String> first = pick(FIRST, 30, 0);
    List<String> second = pick(SECOND, 30, 1_000);
    insertDue(first);
    insertDue(second);

    Together claims = claimTogether(10);
    List<String> claimedA = claims.first();
    List<String> claimedB = claims.second();

    assertThat(claimedA).hasSize(10).allMatch(FIRST::owns);
    assertThat(claimedB).hasSize(10).allMatch(SECOND::owns).doesNotContainAnyElementsOf(claimedA);
  }

  @Test
  void a_share_that_runs_short_takes_over_free_rows_of_its_siblings_never_held_ones() {
    List<String> first = pick(FIRST, 30, 0);
    List<String> second = pick(SECOND, 3, 1_000);
    insertDue(first);
    insertDue(second);

    Together claims = claimTogether(10);
    List<String> claimedA = claims.first();
    List<String> claimedB = claims.second();

    assertThat(claimedA).hasSize(10).allMatch(FIRST::owns);
    assertThat(claimedB).hasSize(10).doesNotContainAnyElementsOf(claimedA);
    assertThat(claimedB.subList(0, 3)).containsExactlyInAnyOrderElementsOf(second);
    assertThat(claimedB.subList(3, 10)).allMatch(FIRST::owns);
  }

  @Test
  void at_the_end_of_a_backlog_siblings_share_the_last_rows_instead_of_one_taking_them_all() {
    List<String> first = pick(FIRST, 3, 0);
    List<String> second = pick(SECOND, 3, 1_000);
    insertDue(first);
    insertDue(second);

    Together claims = claimTogether(10);
    List<String> claimedA = claims.first();
    List<String> claimedB = claims.second();

    assertThat(claimedA).containsExactlyInAnyOrderElementsOf(first);
    assertThat(claimedB).containsExactlyInAnyOrderElementsOf(second);
  }

  @Test
  void a_lone_claimer_takes_up_to_its_limit_of_a_short_backlog() {
    List<String> all = pick(SyncStateDao.Share.ALONE, 6, 0);
    insertDue(all);

    List<String> claimed =
        jdbi.inTransaction(
            h -> gsrns(SyncStateDao.claimDue(h, NOW, TIMEOUT, 10, SyncStateDao.Share.ALONE)));

    assertThat(claimed).containsExactlyElementsOf(all);
  }

  @Test
  void a_lone_claimer_takes_rows_in_exact_claim_order() {
    List<String> all = pick(SyncStateDao.Share.ALONE, 20, 0);
    insertDue(all);

    List<String> claimed =
        jdbi.inTransaction(
            h -> gsrns(SyncStateDao.claimDue(h, NOW, TIMEOUT, 5, SyncStateDao.Share.ALONE)));

    // insertDue staggers next_due_at in list order: the oldest due come first.
    assertThat(claimed).containsExactlyElementsOf(all.subList(0, 5));
  }

  /** What the two siblings claimed, each in its own transaction open while the other claimed. */
  private record Together(List<String> first, List<String> second) {}

  /** {@link #FIRST} claims, then {@link #SECOND} while the first's claim is still uncommitted. */
  private Together claimTogether(int limit) {
    try (Handle a = jdbi.open();
        Handle b = jdbi.open()) {
      a.begin();
      b.begin();
      List<String> first = gsrns(SyncStateDao.claimDue(a, NOW, TIMEOUT, limit, FIRST));
      List<String> second = gsrns(SyncStateDao.claimDue(b, NOW, TIMEOUT, limit, SECOND));
      a.commit();
      b.commit();
      return new Together(first, second);
    }
  }

  /** {@code n} valid GSRNs owned by {@code share}, counting up from {@code from}. */
  private static List<String> pick(SyncStateDao.Share share, int n, int from) {
    List<String> picked = new ArrayList<>(n);
    for (int id = from; picked.size() < n; id++) {
      String gsrn = String.format("70705700%010d", id);
      if (share.owns(gsrn)) {
        picked.add(gsrn);
      }
    }
    return picked;
  }

  private void insertDue(List<String> gsrns) {
    jdbi.useTransaction(
        h -> {
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO fis_accountingpoint.sync_state (gsrn, priority, next_due_at,"
                      + " created_at) VALUES (:gsrn, 1, :due, :due)");
          int existing =
              h.createQuery("SELECT count(*) FROM fis_accountingpoint.sync_state")
                  .mapTo(Integer.class)
                  .one();
          for (int i = 0; i < gsrns.size(); i++) {
            Instant due = NOW.minus(Duration.ofHours(1)).plusSeconds(existing + i);
            batch.bind("gsrn", gsrns.get(i)).bind("due", due.atOffset(ZoneOffset.UTC)).add();
          }
          batch.execute();
        });
  }

  private static List<String> gsrns(List<SyncStateDao.Claim> claims) {
    return claims.stream().map(SyncStateDao.Claim::gsrn).toList();
  }
}
