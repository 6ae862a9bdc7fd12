package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.accountingpoint.simulator.Fault;
import org.fis.testing.Await;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Background selection order, failure backoff, and the worker pool with both event APIs. */
@FisPostgres(migrations = AccountingPointMigrations.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerPoolIT {
  private static Fixture f;

  @BeforeAll
  static void setUp(Jdbi jdbi) {
    f =
        new Fixture(
            jdbi,
            SyncConfig.defaults()
                .withFailureBackoff(Duration.ofMinutes(1), Duration.ofHours(1))
                .withPollInterval(Duration.ofMillis(200))
                .withConcurrency(2)
                .withBatchSize(10),
            Duration.ofSeconds(5));
  }

  @AfterAll
  static void tearDown() {
    f.close();
  }

  private static Gsrn syncDueOne() {
    List<SyncResult> results = f.engine.syncDue(1);
    assertThat(results).hasSize(1);
    return results.get(0).gsrn();
  }

  @Test
  @Order(1)
  void never_synced_points_come_first_then_the_oldest_and_failing_ones_last() {
    Instant t0 = Fixture.START;
    Gsrn failing = f.track(1);
    f.simulator.inject(failing, Fault.of(Fault.Kind.SERVER_ERROR), 3);
    assertThat(f.engine.sync(failing)).isInstanceOf(SyncResult.Failed.class);
    f.clock.advance(Duration.ofMinutes(1));
    Gsrn older = f.track(2);
    f.engine.sync(older);
    f.clock.advance(Duration.ofMinutes(1));
    Gsrn newer = f.track(3);
    f.engine.sync(newer);
    f.clock.advance(Duration.ofMinutes(1));
    Gsrn neverFirst = f.track(4);
    f.clock.advance(Duration.ofMinutes(1));
    Gsrn neverSecond = f.track(5);
    f.clock.set(t0.plus(Duration.ofHours(26)));

    List<Gsrn> order = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      order.add(syncDueOne());
    }

    assertThat(order).containsExactly(neverFirst, neverSecond, older, newer, failing);
    assertThat(f.engine.syncDue(5)).isEmpty();
  }

  @Test
  @Order(2)
  void consecutive_failures_back_off_exponentially_with_jitter() {
    Gsrn gsrn = f.track(10);
    f.simulator.inject(gsrn, Fault.of(Fault.Kind.SERVER_ERROR), 9);
    List<Duration> delays = new ArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(f.engine.sync(gsrn)).isInstanceOf(SyncResult.Failed.class);
      Instant due =
          f.jdbi
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT next_due_at FROM fis_accountingpoint.sync_state WHERE gsrn = :g")
                          .bind("g", gsrn.value())
                          .mapTo(java.time.OffsetDateTime.class)
                          .one())
              .toInstant();
      delays.add(Duration.between(f.clock.instant(), due));
      f.clock.set(due);
    }

    assertThat(delays.get(0)).isBetween(Duration.ofSeconds(30), Duration.ofMinutes(1));
    assertThat(delays.get(1)).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
    assertThat(delays.get(2)).isBetween(Duration.ofMinutes(2), Duration.ofMinutes(4));
    assertThat(f.count("sync_state WHERE gsrn = :g AND attempts = 3", gsrn)).isEqualTo(1);
    f.simulator.clearFaults();
    assertThat(f.engine.sync(gsrn)).isEqualTo(new SyncResult.Changed(gsrn));
  }

  @Test
  @Order(3)
  void the_pool_syncs_due_points_and_events_from_the_push_and_the_pull_api_promptly() {
    f.clock.advance(Duration.ofDays(3));
    ConcurrentLinkedQueue<ThinEvent> queue = new ConcurrentLinkedQueue<>();
    List<String> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();
    EventSource source =
        new EventSource() {
          @Override
          public List<ThinEvent> poll(int maxCount) {
            List<ThinEvent> events = new ArrayList<>();
            for (ThinEvent e = queue.poll();
                e != null && events.size() < maxCount;
                e = queue.poll()) {
              events.add(e);
            }
            return events;
          }

          @Override
          public void acknowledge(List<ThinEvent> events) {
            events.forEach(e -> acknowledged.add(e.eventId()));
          }
        };
    Gsrn pushed = f.track(20);
    Gsrn pulled = f.track(21);
    try (SyncWorkerPool pool = f.points.startWorkers(source)) {
      Await.until(
          "everything due is synced",
          Duration.ofSeconds(60),
          () -> f.status().due() == 0 && f.status().inProgress() == 0);
      f.simulator.switchSupplier(pushed, f.clock.instant(), AdapterSimulator.supplierGln(1));
      f.simulator.switchSupplier(pulled, f.clock.instant(), AdapterSimulator.supplierGln(2));
      int pushedBefore = f.simulator.requestCount(pushed);
      int pulledBefore = f.simulator.requestCount(pulled);

      List<EventInbox.Outcome> outcomes =
          pool.accept(List.of(new ThinEvent("push-1", pushed, f.clock.instant())));
      queue.add(new ThinEvent("pull-1", pulled, f.clock.instant()));

      assertThat(outcomes).containsExactly(EventInbox.Outcome.ACCEPTED);
      Await.until(
          "both evented points are synced again",
          Duration.ofSeconds(60),
          () ->
              f.simulator.requestCount(pushed) > pushedBefore
                  && f.simulator.requestCount(pulled) > pulledBefore
                  && f.status().due() == 0
                  && f.status().inProgress() == 0);
      assertThat(f.stored(pushed).energySuppliers()).hasSize(2);
      assertThat(f.stored(pulled).energySuppliers()).hasSize(2);
      assertThat(acknowledged).containsExactly("pull-1");
    }
  }

  @Test
  @Order(4)
  void a_batch_that_runs_past_half_the_sync_timeout_hands_its_unfetched_claims_back() {
    List<Gsrn> gsrns = List.of(f.track(30), f.track(31), f.track(32));
    AccountingPointAdapter slowClock =
        (gsrn, validFrom) -> {
          FetchResult result = f.client.fetch(gsrn, validFrom);
          f.clock.advance(Duration.ofMinutes(6));
          return result;
        };
    SyncEngine engine =
        AccountingPoints.create(f.config, f.jdbi, f.clock, f.metrics, slowClock).engine();

    List<SyncResult> results = engine.syncDue(3);

    assertThat(results).hasSize(3);
    assertThat(results.get(0)).isInstanceOf(SyncResult.Changed.class);
    assertThat(results.subList(1, 3))
        .allSatisfy(
            r -> {
              assertThat(r).isInstanceOf(SyncResult.Skipped.class);
              assertThat(((SyncResult.Skipped) r).reason()).contains("handed back");
            });
    for (SyncResult handedBack : results.subList(1, 3)) {
      assertThat(
              f.count(
                  "sync_state WHERE gsrn = :g AND sync_started_at IS NULL"
                      + " AND attempts = 0 AND next_due_at <= '"
                      + f.clock.instant()
                      + "'",
                  handedBack.gsrn()))
          .isEqualTo(1);
    }
    assertThat(gsrns).contains(results.get(0).gsrn());
    assertThat(f.engine.syncDue(3))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r).isInstanceOf(SyncResult.Changed.class));
  }
}
