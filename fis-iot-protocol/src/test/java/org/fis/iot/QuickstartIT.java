package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.fis.measure.MeasureKind;
import org.fis.measure.Quantity;
import org.fis.measure.Unit;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The README quickstart, compiled and run. */
@FisPostgres(migrations = IotMigrations.class)
class QuickstartIT {
  @Test
  void quickstart(Jdbi jdbi) {
    Clock clock = Clock.fixed(Instant.parse("2026-03-29T12:00:00Z"), ZoneOffset.UTC);
    // --- quickstart ---
    IotConfig config = IotConfig.defaults(); // Europe/Zagreb days and months, atomic batches
    MeterModels models = MeterModels.builtIn(); // abb-B2x, schneider-iEM3xxx, obis-generic
    DeviceRegistry registry = new DeviceRegistry(clock, config, models, new SecureRandom());

    // Device lifecycle: register, give it a key, assign meters (a new configuration version).
    jdbi.useTransaction(
        h -> {
          registry.register(h, "gw-1", Duration.ofMinutes(15));
          registry.addKey(h, "gw-1", "k1", "a-long-random-device-secret");
          registry.configure(
              h,
              "gw-1",
              new DeviceConfig(
                  Duration.ofMinutes(1),
                  List.of(
                      new DeviceConfig.MeterAssignment("meter-1", MeterModels.ABB_B2X, Map.of())),
                  List.of()));
        });

    // The host's HTTP server hands each request to the handler and sends back its response.
    PushHandler push = new PushHandler(jdbi, clock, config, models);
    String body =
        "{\"protocol\":\"fis-iot-push/1\",\"deviceId\":\"gw-1\",\"sentAt\":\"2026-03-29T10:15:01Z\","
            + "\"measurements\":["
            + "{\"meterId\":\"meter-1\",\"readAt\":\"2026-03-29T10:00:00Z\","
            + "\"values\":{\"ActiveEnergyTotalImportT0_Wh\":1000}},"
            + "{\"meterId\":\"meter-1\",\"readAt\":\"2026-03-29T10:15:00Z\","
            + "\"values\":{\"ActiveEnergyTotalImportT0_Wh\":1250}}]}";
    IotResponse response =
        push.handle(
            new IotRequest(
                "POST",
                "/iot/v1/push",
                Map.of(
                    "Content-Type", List.of("application/json"),
                    "X-Fis-Device-Id", List.of("gw-1"),
                    "Authorization", List.of("Bearer a-long-random-device-secret")),
                body.getBytes(StandardCharsets.UTF_8)));
    // 200 {"status":"stored","stored":2,"duplicates":0,"errors":[]}, sent after the commit.

    // Billing reads daily aggregates as exact measure-math values, in the caller's transaction.
    AggregateQueries queries = new AggregateQueries(config, models);
    AggregatePage<MeterAggregate> days =
        jdbi.withHandle(
            h ->
                queries.aggregates(
                    h,
                    "meter-1",
                    Resolution.DAY,
                    Instant.parse("2026-03-01T00:00:00Z"),
                    Instant.parse("2026-04-01T00:00:00Z"),
                    null,
                    100));
    Quantity energy =
        days.items()
            .get(0)
            .measures()
            .get(MeasureKind.ACTIVE_ENERGY)
            .total()
            .importValue()
            .cumulative()
            .orElseThrow()
            .difference()
            .phaseSum()
            .orElseThrow(); // 250 Wh
    // --- end ---
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).contains("\"stored\":2");
    assertThat(energy).isEqualTo(Quantity.of("250", Unit.WH));
  }
}
