package org.fis.examples.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fis.iot.AggregateFolder;
import org.fis.iot.DeviceConfig;
import org.fis.iot.DeviceRegistry;
import org.fis.iot.IngestMetrics;
import org.fis.iot.IotConfig;
import org.fis.iot.IotRequest;
import org.fis.iot.Measurement;
import org.fis.iot.MeterModels;
import org.fis.iot.PollHandler;
import org.fis.iot.PushHandler;
import org.fis.iot.Tariff;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.iot.simulator.SimulatedGateway;
import org.jdbi.v3.core.Jdbi;

/**
 * The ingest benchmark's setup: devices with ABB B2x-class meters, their gateways (which generate a
 * daily load curve), and the push bodies. Each push carries {@link #READINGS_PER_PUSH} one-minute
 * readings of every meter of one device.
 */
public final class IngestWorkload {
  /** Readings per meter per push: a quarter hour of one-minute readings. */
  public static final int READINGS_PER_PUSH = 15;

  /** The device secret of every benchmark device. */
  public static final String SECRET = "benchmark-device-secret-0123456789";

  /** When the generated data starts. */
  public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

  private final List<String> devices = new ArrayList<>();
  private final List<SimulatedGateway> gateways = new ArrayList<>();
  private final List<Instant> cursor = new ArrayList<>();
  private final IotConfig config;
  private final PushHandler push;
  private final PollHandler poll;
  private final AggregateFolder folder;

  /**
   * Registers the devices and their meters.
   *
   * @param jdbi the database
   * @param deviceCount devices
   * @param metersPerDevice ABB meters per device
   * @param prefix device id prefix
   */
  public IngestWorkload(Jdbi jdbi, int deviceCount, int metersPerDevice, String prefix) {
    // The clock stands after all generated data, so no reading is "in the future".
    Clock clock = Clock.fixed(START.plus(Duration.ofDays(400)), ZoneOffset.UTC);
    config = IotConfig.defaults().withKeyIterations(10_000);
    MeterModels models = MeterModels.builtIn();
    DeviceRegistry registry = new DeviceRegistry(clock, config, models, new SecureRandom());
    push = new PushHandler(jdbi, clock, config, models);
    poll = new PollHandler(jdbi, clock, config, registry);
    folder = AggregateFolder.create(clock, IngestMetrics.NONE);
    for (int d = 0; d < deviceCount; d++) {
      String device = prefix + d;
      List<String> meters = new ArrayList<>();
      List<DeviceConfig.MeterAssignment> assignments = new ArrayList<>();
      for (int m = 0; m < metersPerDevice; m++) {
        meters.add(device + "-m" + m);
        assignments.add(
            new DeviceConfig.MeterAssignment(device + "-m" + m, MeterModels.ABB_B2X, Map.of()));
      }
      jdbi.useTransaction(
          h -> {
            registry.register(h, device, Duration.ofMinutes(15));
            registry.addKey(h, device, "k1", SECRET);
            registry.configure(
                h,
                device,
                new DeviceConfig(
                    Duration.ofMinutes(15),
                    assignments,
                    List.of(
                        new DeviceConfig.TariffSwitch(LocalTime.of(7, 0), Tariff.T1),
                        new DeviceConfig.TariffSwitch(LocalTime.of(21, 0), Tariff.T2))));
          });
      devices.add(device);
      cursor.add(START);
      gateways.add(
          new SimulatedGateway(
              device, SECRET, meters, java.net.URI.create("http://127.0.0.1:1"), config.zone(), d));
    }
  }

  /** The fold of the quarter hours the pushes queue into their days and months. */
  public AggregateFolder folder() {
    return folder;
  }

  /** The push handler. */
  public PushHandler push() {
    return push;
  }

  /** The poll handler. */
  public PollHandler poll() {
    return poll;
  }

  /** The configuration. */
  public IotConfig config() {
    return config;
  }

  /** The number of devices. */
  public int deviceCount() {
    return devices.size();
  }

  /** The next batch of a device (continuing its time and energy counters). */
  public List<Measurement> nextBatch(int device) {
    Instant from = cursor.get(device);
    List<Measurement> batch =
        gateways.get(device).readings(from, Duration.ofMinutes(1), READINGS_PER_PUSH);
    cursor.set(device, from.plus(Duration.ofMinutes(READINGS_PER_PUSH)));
    return batch;
  }

  /** The push request of a batch. */
  public IotRequest request(int device, List<Measurement> batch) {
    byte[] body = gateways.get(device).body(batch, START).getBytes(StandardCharsets.UTF_8);
    return new IotRequest(
        "POST",
        IotHttpServer.PUSH_PATH,
        Map.of(
            "Content-Type", List.of("application/json"),
            "X-Fis-Device-Id", List.of(devices.get(device)),
            "Authorization", List.of("Bearer " + SECRET)),
        body);
  }

  /** A gateway of a device that pushes to the given server. */
  public SimulatedGateway gatewayFor(int device, java.net.URI baseUri) {
    return new SimulatedGateway(
        devices.get(device), SECRET, List.of(), baseUri, config.zone(), device);
  }

  /** The id of device {@code device}. */
  public String deviceId(int device) {
    return devices.get(device);
  }
}
