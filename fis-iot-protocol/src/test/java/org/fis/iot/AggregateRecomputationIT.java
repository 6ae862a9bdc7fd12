package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
import org.fis.testing.TestDatabase;

/**
 * Late, out-of-order, re-pushed and batched-differently data always yields the aggregates a
 * from-scratch recomputation from the raw rows gives, across the DST change of Europe/Zagreb.
 */
class AggregateRecomputationIT {
  private static TestDatabase db;
  private static IotFixture fixture;
  private static final AtomicInteger DEVICES = new AtomicInteger();

  @BeforeContainer
  static void open() {
    db = TestDatabase.create(IotMigrations::migrate);
    fixture = new IotFixture(db.jdbi(), IotFixture.testConfig());
  }

  @AfterContainer
  static void close() {
    db.close();
  }

  /** Readings of two meters at random minutes in the 36 hours around the DST change. */
  static List<Measurement> readings(List<String> meters, Random random, int count) {
    Instant start = Instant.parse("2026-03-28T00:00:00Z");
    List<Measurement> out = new ArrayList<>();
    for (String meter : meters) {
      java.util.TreeSet<Integer> minutes = new java.util.TreeSet<>();
      while (minutes.size() < count) {
        minutes.add(random.nextInt(36 * 60));
      }
      for (int minute : minutes) {
        Instant at = start.plusSeconds(60L * minute);
        // Energy grows with time (cumulative); voltage varies and repeats (ties).
        String energy = BigDecimal.valueOf(1_000_000L + 7L * minute, 1).toPlainString();
        String voltage = BigDecimal.valueOf(2250 + random.nextInt(12) * 10, 1).toPlainString();
        out.add(
            new Measurement(
                meter,
                at,
                random.nextInt(5) == 0
                    ? Map.of("ActiveEnergyTotalImportT0_Wh", new BigDecimal(energy))
                    : Map.of(
                        "VoltageL1AnyT0_V", new BigDecimal(voltage),
                        "ActivePowerL1NetT0_W", BigDecimal.valueOf(random.nextInt(2001) - 1000),
                        "ActiveEnergyTotalImportT0_Wh", new BigDecimal(energy))));
      }
    }
    return out;
  }

  @Property(tries = 40)
  void aggregates_equal_a_recomputation_from_the_raw_rows(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int perMeter) {
    Random random = new Random(seed);
    String device = "rc" + DEVICES.incrementAndGet();
    List<String> meters = fixture.device(device, 2);
    List<Measurement> all = readings(meters, random, perMeter);
    List<Measurement> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, random);
    // Push in random batches, then re-push a random slice (duplicates must change nothing).
    int i = 0;
    while (i < shuffled.size()) {
      int size = 1 + random.nextInt(15);
      List<Measurement> batch = shuffled.subList(i, Math.min(shuffled.size(), i + size));
      i += size;
      push(device, batch);
    }
    int from = random.nextInt(shuffled.size());
    push(device, shuffled.subList(from, Math.min(shuffled.size(), from + 10)));

    Map<String, org.fis.iot.internal.AggregateState> stored =
        db.jdbi().withHandle(h -> Recomputation.stored(h, meters));
    Map<String, org.fis.iot.internal.AggregateState> expected =
        db.jdbi().withHandle(h -> Recomputation.recomputed(h, meters, fixture.config.zone()));

    assertThat(stored).isEqualTo(expected);
    assertThat(expected).isNotEmpty();
    long rows =
        expected.entrySet().stream()
            .filter(e -> e.getKey().contains("|MONTH|"))
            .mapToLong(e -> e.getValue().count())
            .sum();
    assertThat(rows).isEqualTo(all.size());
  }

  private static void push(String device, List<Measurement> batch) {
    IotResponse response =
        fixture.push.handle(
            IotFixture.request(device, IotFixture.SECRET, IotFixture.body(device, batch)));
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
  }
}
