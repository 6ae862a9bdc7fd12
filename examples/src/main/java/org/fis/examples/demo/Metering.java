package org.fis.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fis.iot.DeviceConfig;
import org.fis.iot.DeviceRegistry;
import org.fis.iot.IotConfig;
import org.fis.iot.Measurement;
import org.fis.iot.MeterModels;
import org.fis.iot.simulator.SimulatedGateway;
import org.fis.measure.time.QuarterHours;
import org.jdbi.v3.core.Jdbi;

/**
 * The metering part of the demo: gateway devices registered with keys and meters, then pushing
 * quarter-hour readings over real HTTP to the IoT push endpoint, one day per request.
 */
final class Metering {
  /** Meters per simulated gateway device. */
  static final int METERS_PER_GATEWAY = 4;

  private Metering() {}

  /** The meter ids of the demo: {@code meter-0001} … */
  static List<String> meterIds(int count) {
    List<String> ids = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      ids.add(String.format("meter-%04d", i));
    }
    return ids;
  }

  /**
   * Registers one gateway per {@value #METERS_PER_GATEWAY} meters and gives each a key and its
   * meters.
   *
   * @return the gateways, ready to push to {@code server}
   */
  static List<SimulatedGateway> registerGateways(
      Jdbi jdbi,
      DeviceRegistry registry,
      IotConfig config,
      List<String> meterIds,
      java.net.URI server) {
    List<SimulatedGateway> gateways = new ArrayList<>();
    for (int start = 0; start < meterIds.size(); start += METERS_PER_GATEWAY) {
      List<String> meters =
          meterIds.subList(start, Math.min(meterIds.size(), start + METERS_PER_GATEWAY));
      String deviceId = String.format("gateway-%03d", gateways.size() + 1);
      String secret = "demo-secret-of-" + deviceId + "-0123456789";
      List<DeviceConfig.MeterAssignment> assignments = new ArrayList<>();
      for (String meter : meters) {
        assignments.add(new DeviceConfig.MeterAssignment(meter, MeterModels.ABB_B2X, Map.of()));
      }
      jdbi.useTransaction(
          h -> {
            registry.register(h, deviceId, Duration.ofHours(1));
            registry.addKey(h, deviceId, "k1", secret);
            registry.configure(
                h, deviceId, new DeviceConfig(Duration.ofMinutes(15), assignments, List.of()));
          });
      gateways.add(
          new SimulatedGateway(deviceId, secret, meters, server, config.zone(), gateways.size()));
    }
    return gateways;
  }

  /**
   * Pushes a reading every quarter hour from {@code from} to {@code to} inclusive (so the last
   * reading of a month is the first of the next and billing finds a reading at both ends), with the
   * T1/T2 registers following the tariff calendar ({@link TariffRegisters}).
   *
   * @return measurements stored
   */
  static long pushAll(
      List<SimulatedGateway> gateways,
      TariffRegisters tariffs,
      Instant from,
      Instant to,
      Clock clock,
      PrintStream out)
      throws IOException, InterruptedException {
    long quarterHours = Duration.between(from, to).dividedBy(QuarterHours.LENGTH) + 1;
    int perPush = 96;
    long pushes = (quarterHours + perPush - 1) / perPush;
    long stored = 0;
    try (Progress progress =
        Progress.start(out, "Pushing meter readings", pushes * gateways.size())) {
      for (long p = 0; p < pushes; p++) {
        Instant start = from.plus(QuarterHours.LENGTH.multipliedBy(p * perPush));
        int count = (int) Math.min(perPush, quarterHours - p * perPush);
        for (SimulatedGateway gateway : gateways) {
          List<Measurement> batch =
              tariffs.apply(gateway.readings(start, QuarterHours.LENGTH, count));
          HttpResponse<String> response =
              gateway.push(batch, clock.instant().truncatedTo(ChronoUnit.MILLIS));
          if (response.statusCode() != 200) {
            throw new IllegalStateException(
                "push rejected with " + response.statusCode() + ": " + response.body());
          }
          stored += batch.size();
          progress.advance(1);
        }
      }
    }
    return stored;
  }
}
