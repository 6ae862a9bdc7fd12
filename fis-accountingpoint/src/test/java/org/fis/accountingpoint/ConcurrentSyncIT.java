package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.testing.Await;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;

/** 8 concurrent workers over 10,000 accounting points: each synced exactly once per round. */
@FisPostgres(migrations = AccountingPointMigrations.class)
class ConcurrentSyncIT {
  private static final int POINTS = 10_000;
  private static final int WORKERS = 8;

  @Test
  void eight_workers_sync_each_of_ten_thousand_points_exactly_once_per_round(Jdbi jdbi) {
    try (Fixture f =
        new Fixture(
            jdbi,
            SyncConfig.defaults()
                .withConcurrency(WORKERS)
                .withBatchSize(50)
                .withPollInterval(Duration.ofMillis(100)),
            Duration.ofSeconds(10))) {
      List<Gsrn> gsrns = f.simulator.generate(POINTS, Fixture.FROM);
      jdbi.useTransaction(
          h -> {
            PreparedBatch batch =
                h.prepareBatch(
                    "INSERT INTO fis_accountingpoint.controllable_unit"
                        + " (gsrn, controllable_unit_id, sync_from, registered_at)"
                        + " VALUES (:g, :g, :from, :from)");
            for (Gsrn gsrn : gsrns) {
              batch
                  .bind("g", gsrn.value())
                  .bind("from", Fixture.FROM.atOffset(java.time.ZoneOffset.UTC))
                  .add();
            }
            batch.execute();
            h.execute(
                "INSERT INTO fis_accountingpoint.sync_state"
                    + " (gsrn, priority, next_due_at, created_at)"
                    + " SELECT gsrn, 1, sync_from, sync_from FROM fis_accountingpoint.controllable_unit");
          });

      round(f, gsrns, 1);
      assertThat(f.metrics.count(SyncMetrics.Counter.SYNCED)).isEqualTo(POINTS);

      f.clock.advance(f.config.schedule().freshness().plusMinutes(1));
      round(f, gsrns, 2);
      assertThat(f.metrics.count(SyncMetrics.Counter.UNCHANGED)).isEqualTo(POINTS);
      assertThat(f.metrics.count(SyncMetrics.Counter.FAILED)).isZero();
      assertThat(f.metrics.count(SyncMetrics.Counter.SKIPPED)).isZero();
    }
  }

  private static void round(Fixture f, List<Gsrn> gsrns, int expectedRequests) {
    try (SyncWorkerPool pool = f.points.startWorkers()) {
      Await.until(
          "round " + expectedRequests + " done",
          Duration.ofMinutes(3),
          () -> {
            SyncStatusReport status = f.status();
            return status.due() == 0 && status.inProgress() == 0;
          });
    }
    List<Gsrn> wrong = new ArrayList<>();
    for (Gsrn gsrn : gsrns) {
      if (f.simulator.requestCount(gsrn) != expectedRequests) {
        wrong.add(gsrn);
      }
    }
    assertThat(wrong).as("points not synced exactly once in round " + expectedRequests).isEmpty();
    assertThat(f.simulator.requestCount()).isEqualTo((long) POINTS * expectedRequests);
    assertThat(
            f.count(
                "sync_state WHERE last_synced_at = '" + f.clock.instant() + "' AND gsrn <> :g",
                AdapterSimulator.gsrnAt(POINTS + 1)))
        .isEqualTo(POINTS);
  }
}
