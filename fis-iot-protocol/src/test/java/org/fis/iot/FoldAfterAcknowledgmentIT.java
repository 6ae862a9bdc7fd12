package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fis.iot.internal.AggregateState;
import org.fis.testing.TestDatabase;
import org.jdbi.v3.core.Handle;

/**
 * The contract of folding after the acknowledgment: random pushes in random order, folds of random
 * sizes (some rolled back, as a crash mid-fold would), and at random moments between them every
 * aggregate query answers as a from-scratch recomputation from the raw rows does — days and months
 * included, before any fold.
 */
class FoldAfterAcknowledgmentIT {
  private static final Instant FROM = Instant.parse("2026-03-27T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-04-02T00:00:00Z");
  private static TestDatabase db;
  private static IotFixture fixture;
  private static AggregateQueries queries;
  private static AggregateFolder folder;
  private static final AtomicInteger DEVICES = new AtomicInteger();

  @BeforeContainer
  static void open() {
    db = TestDatabase.create(IotMigrations::migrate);
    fixture = new IotFixture(db.jdbi(), IotFixture.testConfig());
    queries = new AggregateQueries(fixture.config, fixture.models);
    folder = AggregateFolder.create(fixture.clock, IngestMetrics.NONE);
  }

  @AfterContainer
  static void close() {
    db.close();
  }

  @Property(tries = 30)
  void queries_between_pushes_and_folds_equal_a_recomputation_from_the_raw_rows(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int perMeter) {
    Random random = new Random(seed);
    String device = "fa" + DEVICES.incrementAndGet();
    List<String> meters = fixture.device(device, 2);
    List<Measurement> all = AggregateRecomputationIT.readings(meters, random, perMeter);
    List<Measurement> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, random);
    int i = 0;
    while (i < shuffled.size()) {
      int action = random.nextInt(10);
      if (action < 6) {
        int size = 1 + random.nextInt(12);
        push(device, shuffled.subList(i, Math.min(shuffled.size(), i + size)));
        i += size;
      } else if (action < 8) {
        foldCommitted(1 + random.nextInt(8));
      } else if (action == 8) {
        assertCrashedFoldChangesNothing(1 + random.nextInt(8));
      } else if (i > 0) {
        // A re-push of something already stored: duplicates change nothing, folded or not.
        int from = random.nextInt(i);
        push(device, shuffled.subList(from, Math.min(i, from + 5)));
      }
      if (random.nextInt(3) == 0) {
        assertExact(meters, 1 + random.nextInt(4));
      }
    }
    assertExact(meters, 1 + random.nextInt(4));

    // Folding everything leaves the queue empty and the stored rows themselves exact; folding
    // again changes nothing.
    FoldResult drained = folder.foldBacklog(db.jdbi(), 7, 10_000);
    assertThat(drained.lag()).isEqualTo(java.time.Duration.ZERO);
    long queued = db.jdbi().withHandle(Recomputation::queued);
    assertThat(queued).isZero();
    Map<String, AggregateState> rows =
        db.jdbi().withHandle(h -> Recomputation.storedRows(h, meters));
    Map<String, AggregateState> expected =
        db.jdbi().withHandle(h -> Recomputation.recomputed(h, meters, fixture.config.zone()));
    assertThat(rows).isEqualTo(expected);
    assertThat(expected).isNotEmpty();
    String before = fixture.fingerprint();
    int again = folder.foldBacklog(db.jdbi(), 7, 3).quarterHours();
    assertThat(again).isZero();
    assertThat(fixture.fingerprint()).isEqualTo(before);
  }

  /**
   * The aggregates as readers see them equal the recomputation, and every query page (days, months,
   * quarter hours, in pages of {@code pageSize}) equals the same query after folding everything (in
   * a transaction rolled back afterwards).
   */
  private static void assertExact(List<String> meters, int pageSize) {
    Map<String, AggregateState> seen = db.jdbi().withHandle(h -> Recomputation.stored(h, meters));
    Map<String, AggregateState> expected =
        db.jdbi().withHandle(h -> Recomputation.recomputed(h, meters, fixture.config.zone()));
    assertThat(seen).isEqualTo(expected);
    db.jdbi()
        .useHandle(
            h -> {
              h.begin();
              try {
                for (String meter : meters) {
                  for (Resolution resolution : Resolution.values()) {
                    List<MeterAggregate> unfolded = all(h, meter, resolution, pageSize);
                    h.execute("SAVEPOINT before_fold");
                    while (folder.fold(h, 5).quarterHours() > 0) {
                      // drain the queue inside the savepoint
                    }
                    long left = Recomputation.queued(h);
                    assertThat(left).isZero();
                    List<MeterAggregate> folded = all(h, meter, resolution, 1 + pageSize * 2);
                    h.execute("ROLLBACK TO SAVEPOINT before_fold");
                    assertThat(unfolded).as(meter + " " + resolution).isEqualTo(folded);
                  }
                }
              } finally {
                h.rollback();
              }
            });
  }

  private static List<MeterAggregate> all(
      Handle h, String meter, Resolution resolution, int pageSize) {
    List<MeterAggregate> out = new ArrayList<>();
    Instant after = null;
    for (int page = 0; page < 10_000; page++) {
      AggregatePage<MeterAggregate> result =
          queries.aggregates(h, meter, resolution, FROM, TO, after, pageSize);
      assertThat(result.items().size()).isLessThanOrEqualTo(pageSize);
      out.addAll(result.items());
      if (result.nextAfter().isEmpty()) {
        return out;
      }
      after = result.nextAfter().get();
    }
    throw new AssertionError("too many pages");
  }

  private static void foldCommitted(int quarterHours) {
    db.jdbi().useTransaction(h -> folder.fold(h, quarterHours));
  }

  /** A fold whose transaction dies before its commit leaves everything as it was. */
  private static void assertCrashedFoldChangesNothing(int quarterHours) {
    String before = fixture.fingerprint();
    db.jdbi()
        .useHandle(
            h -> {
              h.begin();
              folder.fold(h, quarterHours);
              h.rollback();
            });
    assertThat(fixture.fingerprint()).isEqualTo(before);
  }

  private static void push(String device, List<Measurement> batch) {
    IotResponse response =
        fixture.push.handle(
            IotFixture.request(device, IotFixture.SECRET, IotFixture.body(device, batch)));
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
  }
}
