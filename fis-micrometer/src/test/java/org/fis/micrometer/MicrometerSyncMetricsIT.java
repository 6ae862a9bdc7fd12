package org.fis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.fis.accountingpoint.AccountingPointMigrations;
import org.fis.accountingpoint.AccountingPoints;
import org.fis.accountingpoint.AdapterConfig;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.SyncConfig;
import org.fis.accountingpoint.SyncMetrics;
import org.fis.accountingpoint.SyncResult;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.accountingpoint.simulator.Fault;
import org.fis.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync engine's counters and timers in a Micrometer registry, from real syncs over HTTP. */
class MicrometerSyncMetricsIT {
  private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");

  private TestDatabase db;
  private AdapterSimulator simulator;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private MicrometerSyncMetrics metrics;
  private AccountingPoints points;

  @BeforeEach
  void start() {
    db = TestDatabase.create(AccountingPointMigrations::migrate);
    simulator = AdapterSimulator.start("secret-key");
    simulator.generate(3, FROM);
    metrics = MicrometerSyncMetrics.create(registry, Tags.of("datahub", "simulator"));
    Clock clock = Clock.systemUTC();
    AdapterConfig adapterConfig =
        AdapterConfig.defaults(simulator.baseUri(), "secret-key")
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
    points =
        AccountingPoints.create(SyncConfig.defaults(), db.jdbi(), clock, metrics, adapterConfig);
  }

  @AfterEach
  void stop() {
    simulator.close();
    db.close();
  }

  private double count(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Test
  void every_sync_outcome_is_counted_under_its_outcome_tag_and_timed() {
    Gsrn tracked = AdapterSimulator.gsrnAt(0);
    Gsrn untracked = AdapterSimulator.gsrnAt(1);
    db.jdbi().useTransaction(h -> points.units().register(h, tracked, "cu-1", FROM));
    simulator.inject(tracked, new Fault(Fault.Kind.UNAVAILABLE, Duration.ZERO), 1);

    assertThat(points.engine().sync(tracked)).isInstanceOf(SyncResult.Changed.class);
    assertThat(points.engine().sync(tracked)).isInstanceOf(SyncResult.Unchanged.class);
    assertThat(points.engine().sync(untracked)).isInstanceOf(SyncResult.Skipped.class);

    assertThat(count(MicrometerSyncMetrics.SYNCS, "outcome", "synced")).isEqualTo(1);
    assertThat(count(MicrometerSyncMetrics.SYNCS, "outcome", "unchanged")).isEqualTo(1);
    assertThat(count(MicrometerSyncMetrics.SYNCS, "outcome", "skipped")).isEqualTo(1);
    assertThat(count(MicrometerSyncMetrics.SYNCS, "outcome", "failed")).isZero();
    assertThat(count(MicrometerSyncMetrics.ADAPTER_RETRIES)).isEqualTo(1);
    // Two syncs ran (the skipped one never started); three HTTP attempts: 503, 200, 200.
    assertThat(registry.get(MicrometerSyncMetrics.SYNC_DURATION).timer().count()).isEqualTo(2);
    assertThat(registry.get(MicrometerSyncMetrics.ADAPTER_REQUESTS).timer().count()).isEqualTo(3);
    assertThat(registry.get(MicrometerSyncMetrics.SYNCS).tag("datahub", "simulator").meters())
        .hasSize(4);
    assertThat(count(MicrometerSyncMetrics.CIRCUIT_TRANSITIONS, "to", "open")).isZero();
  }

  @Test
  void a_lookup_is_counted() {
    points.lookup().lookup(AdapterSimulator.gsrnAt(2), "123456789");

    assertThat(count(MicrometerSyncMetrics.LOOKUPS)).isEqualTo(1);
  }

  @Test
  void meters_exist_with_zero_before_the_first_sync() {
    assertThat(count(MicrometerSyncMetrics.SYNCS, "outcome", "failed")).isZero();
    assertThat(count(MicrometerSyncMetrics.EVENTS, "outcome", "accepted")).isZero();
    assertThat(count(MicrometerSyncMetrics.PURGED)).isZero();
  }

  @Test
  void a_negative_amount_is_refused_and_changes_no_counter() {
    assertThatThrownBy(() -> metrics.increment(SyncMetrics.Counter.SYNCED, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amount");
    assertThat(count(MicrometerSyncMetrics.SYNCS, "outcome", "synced")).isZero();
  }
}
