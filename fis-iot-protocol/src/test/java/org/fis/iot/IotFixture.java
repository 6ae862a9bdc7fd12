package org.fis.iot;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.testing.SettableClock;
import org.jdbi.v3.core.Jdbi;

/** A configured host for tests: registry, handlers, one or more devices with ABB meters. */
final class IotFixture {
  static final Instant NOW = Instant.parse("2026-03-29T12:00:00Z");
  static final String SECRET = "secret-of-device-0123456789";

  final Jdbi jdbi;
  final SettableClock clock = new SettableClock(NOW);
  final IotConfig config;
  final MeterModels models = MeterModels.builtIn();
  final DeviceRegistry registry;
  final PushHandler push;
  final PollHandler poll;

  IotFixture(Jdbi jdbi, IotConfig config) {
    this.jdbi = jdbi;
    this.config = config;
    this.registry = new DeviceRegistry(clock, config, models, new SecureRandom());
    this.push = new PushHandler(jdbi, clock, config, models);
    this.poll = new PollHandler(jdbi, clock, config, registry);
  }

  static IotConfig testConfig() {
    return IotConfig.defaults().withKeyIterations(1_000);
  }

  /** Registers a device with a key and ABB meters {@code <device>-m<i>}; returns the meter ids. */
  List<String> device(String deviceId, int meters, Map<String, DeviceConfig.RegisterLimit> limits) {
    List<String> ids = new ArrayList<>();
    List<DeviceConfig.MeterAssignment> assignments = new ArrayList<>();
    for (int i = 0; i < meters; i++) {
      String id = deviceId + "-m" + i;
      ids.add(id);
      assignments.add(new DeviceConfig.MeterAssignment(id, MeterModels.ABB_B2X, limits));
    }
    jdbi.useTransaction(
        h -> {
          registry.register(h, deviceId, Duration.ofMinutes(15));
          registry.addKey(h, deviceId, "k1", SECRET);
          registry.configure(
              h,
              deviceId,
              new DeviceConfig(
                  Duration.ofMinutes(1),
                  assignments,
                  List.of(
                      new DeviceConfig.TariffSwitch(LocalTime.of(7, 0), Tariff.T1),
                      new DeviceConfig.TariffSwitch(LocalTime.of(21, 0), Tariff.T2))));
        });
    return ids;
  }

  List<String> device(String deviceId, int meters) {
    return device(deviceId, meters, Map.of());
  }

  static IotRequest request(String deviceId, String secret, String body) {
    return new IotRequest(
        "POST",
        IotHttpServer.PUSH_PATH,
        Map.of(
            "Content-Type", List.of("application/json"),
            "X-Fis-Device-Id", List.of(deviceId),
            "Authorization", List.of("Bearer " + secret)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  /** A push body with one measurement per (meter, time) of the given values. */
  static String body(String deviceId, List<Measurement> measurements) {
    StringBuilder json =
        new StringBuilder(
            "{\"protocol\":\"fis-iot-push/1\",\"deviceId\":\""
                + deviceId
                + "\",\"sentAt\":\""
                + NOW
                + "\",\"measurements\":[");
    for (int i = 0; i < measurements.size(); i++) {
      Measurement m = measurements.get(i);
      json.append(i == 0 ? "" : ",")
          .append("{\"meterId\":\"")
          .append(m.meterId())
          .append("\",\"readAt\":\"")
          .append(m.readAt())
          .append("\",\"values\":{");
      int k = 0;
      for (Map.Entry<String, BigDecimal> e : m.values().entrySet()) {
        json.append(k++ == 0 ? "" : ",")
            .append('"')
            .append(e.getKey())
            .append("\":")
            .append(e.getValue().toPlainString());
      }
      json.append("}}");
    }
    return json.append("]}").toString();
  }

  /** A small ABB reading: voltage L1 and total active import energy. */
  static Measurement reading(String meterId, Instant at, String voltage, String energyWh) {
    return new Measurement(
        meterId,
        at,
        Map.of(
            "VoltageL1AnyT0_V", new BigDecimal(voltage),
            "ActiveEnergyTotalImportT0_Wh", new BigDecimal(energyWh)));
  }

  long rawRows(String deviceId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM fis_iot.raw_measurement WHERE meter_id LIKE :d || '-m%'")
                .bind("d", deviceId)
                .mapTo(Long.class)
                .one());
  }

  /** A fingerprint of every measurement and aggregate row. */
  String fingerprint() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM (SELECT r::text AS"
                        + " x FROM fis_iot.raw_measurement r UNION ALL SELECT a::text FROM"
                        + " fis_iot.aggregate a UNION ALL SELECT q::text FROM fis_iot.aggregate_fold q"
                        + " UNION ALL SELECT d.device_id || coalesce(d.last_seen_at::text, '')"
                        + " FROM fis_iot.device d) t")
                .mapTo(String.class)
                .one());
  }
}
