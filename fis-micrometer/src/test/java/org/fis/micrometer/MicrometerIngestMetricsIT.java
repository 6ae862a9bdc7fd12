package org.fis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.fis.iot.AggregateFolder;
import org.fis.iot.DeviceConfig;
import org.fis.iot.DeviceRegistry;
import org.fis.iot.IngestResult;
import org.fis.iot.IotConfig;
import org.fis.iot.IotMigrations;
import org.fis.iot.IotRequest;
import org.fis.iot.Measurement;
import org.fis.iot.MeasurementIngest;
import org.fis.iot.MeterModels;
import org.fis.iot.PushHandler;
import org.fis.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push and batch metrics in a Micrometer registry, from real pushes into PostgreSQL. */
class MicrometerIngestMetricsIT {
  private static final String SECRET = "a-long-random-device-secret";
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-29T12:00:00Z"), ZoneOffset.UTC);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TestDatabase db;
  private MicrometerIngestMetrics metrics;
  private PushHandler push;

  @BeforeEach
  void start() {
    db = TestDatabase.create(IotMigrations::migrate);
    IotConfig config = IotConfig.defaults();
    MeterModels models = MeterModels.builtIn();
    DeviceRegistry devices = new DeviceRegistry(clock, config, models, new SecureRandom());
    db.jdbi()
        .useTransaction(
            h -> {
              devices.register(h, "gw-1", Duration.ofMinutes(15));
              devices.addKey(h, "gw-1", "k1", SECRET);
              devices.configure(
                  h,
                  "gw-1",
                  new DeviceConfig(
                      Duration.ofMinutes(1),
                      List.of(
                          new DeviceConfig.MeterAssignment(
                              "meter-1", MeterModels.ABB_B2X, Map.of())),
                      List.of()));
            });
    metrics = MicrometerIngestMetrics.create(registry, Tags.of("site", "test"));
    push = new PushHandler(db.jdbi(), clock, config, models, metrics);
  }

  @AfterEach
  void stop() {
    db.close();
  }

  private int send(String secret, long firstWh, long secondWh) {
    String body =
        "{\"protocol\":\"fis-iot-push/1\",\"deviceId\":\"gw-1\",\"sentAt\":\"2026-03-29T10:15:01Z\","
            + "\"measurements\":["
            + "{\"meterId\":\"meter-1\",\"readAt\":\"2026-03-29T10:00:00Z\","
            + "\"values\":{\"ActiveEnergyTotalImportT0_Wh\":"
            + firstWh
            + "}},"
            + "{\"meterId\":\"meter-1\",\"readAt\":\"2026-03-29T10:15:00Z\","
            + "\"values\":{\"ActiveEnergyTotalImportT0_Wh\":"
            + secondWh
            + "}}]}";
    return push.handle(
            new IotRequest(
                "POST",
                "/iot/v1/push",
                Map.of(
                    "Content-Type", List.of("application/json"),
                    "X-Fis-Device-Id", List.of("gw-1"),
                    "Authorization", List.of("Bearer " + secret)),
                body.getBytes(StandardCharsets.UTF_8)))
        .status();
  }

  private long pushes(String status) {
    return registry.get(MicrometerIngestMetrics.PUSHES).tag("status", status).timer().count();
  }

  private long batches(String outcome) {
    return registry.get(MicrometerIngestMetrics.BATCHES).tag("outcome", outcome).timer().count();
  }

  private double measurements(String outcome) {
    return registry
        .get(MicrometerIngestMetrics.MEASUREMENTS)
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  @Test
  void stored_duplicate_conflicting_and_unauthorized_pushes_are_counted_apart() {
    assertThat(send(SECRET, 1000, 1250)).isEqualTo(200);
    assertThat(send(SECRET, 1000, 1250)).isEqualTo(200);
    assertThat(send(SECRET, 1000, 1300)).isEqualTo(409);
    assertThat(send("a-wrong-secret-of-some-length", 1000, 1250)).isEqualTo(401);

    assertThat(pushes("200")).isEqualTo(2);
    assertThat(pushes("409")).isEqualTo(1);
    assertThat(pushes("401")).isEqualTo(1);
    assertThat(batches("stored")).isEqualTo(2);
    assertThat(batches("conflict")).isEqualTo(1);
    assertThat(batches("rejected")).isZero();
    assertThat(measurements("stored")).isEqualTo(2);
    assertThat(measurements("duplicate")).isEqualTo(2);
    assertThat(measurements("rejected")).isEqualTo(1);
    assertThat(registry.get(MicrometerIngestMetrics.PUSHES).tag("site", "test").timers())
        .hasSize(3);
  }

  @Test
  void a_batch_ingested_in_the_callers_transaction_is_counted_before_the_caller_commits() {
    MeasurementIngest ingest =
        new MeasurementIngest(clock, IotConfig.defaults(), MeterModels.builtIn(), metrics);
    Measurement reading =
        new Measurement(
            "meter-1",
            Instant.parse("2026-03-29T11:00:00Z"),
            Map.of("ActiveEnergyTotalImportT0_Wh", new BigDecimal("2000")));

    IngestResult result =
        db.jdbi()
            .withHandle(
                h -> {
                  h.begin();
                  IngestResult inside = ingest.ingest(h, "gw-1", List.of(reading));
                  h.rollback();
                  return inside;
                });

    assertThat(result).isInstanceOf(IngestResult.Stored.class);
    assertThat(batches("stored")).isEqualTo(1);
    assertThat(measurements("stored")).isEqualTo(1);
    long rawRows =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT count(*) FROM fis_iot.raw_measurement")
                        .mapTo(Long.class)
                        .one());
    assertThat(rawRows).isZero();
  }

  @Test
  void the_fold_lag_shows_how_long_the_oldest_unfolded_quarter_hour_has_waited() {
    assertThat(send(SECRET, 1000, 1250)).isEqualTo(200);
    Clock later = Clock.offset(clock, Duration.ofSeconds(42));
    AggregateFolder folder = AggregateFolder.create(later, metrics);

    db.jdbi().useTransaction(h -> folder.fold(h, 1));

    double lagSeconds =
        registry.get(MicrometerIngestMetrics.FOLD_LAG).timeGauge().value(TimeUnit.SECONDS);
    assertThat(lagSeconds).isEqualTo(42.0);
    assertThat(registry.get(MicrometerIngestMetrics.FOLDED).counter().count()).isEqualTo(1.0);

    folder.foldBacklog(db.jdbi(), 10, 10);

    assertThat(registry.get(MicrometerIngestMetrics.FOLD_LAG).timeGauge().value(TimeUnit.SECONDS))
        .isZero();
    assertThat(registry.get(MicrometerIngestMetrics.FOLDED).counter().count()).isEqualTo(2.0);
    assertThat(registry.get(MicrometerIngestMetrics.FOLDS).timer().count()).isEqualTo(2);
  }
}
