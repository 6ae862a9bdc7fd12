package org.fis.iot.simulator;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fis.iot.Measurement;

/**
 * A simulated gateway device (test and demo helper): generates readings of ABB B2x-class meters
 * with a realistic daily load curve (night base load, morning and evening peaks) and pushes them
 * over real HTTP in protocol {@code fis-iot-push/1}. Energy registers integrate the generated
 * power, so they never run backwards. Deterministic for a given seed.
 *
 * <p>Not thread-safe: one gateway per thread.
 */
public final class SimulatedGateway {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private final String deviceId;
  private final String secret;
  private final List<String> meterIds;
  private final URI baseUri;
  private final HttpClient client;
  private final ZoneId zone;
  private final long seed;
  private final Map<String, long[]> energyMilliWh = new HashMap<>();

  /**
   * Creates a gateway.
   *
   * @param deviceId its device id
   * @param secret its device secret
   * @param meterIds the ABB B2x-class meters it reads
   * @param baseUri the server, e.g. {@link IotHttpServer#baseUri()}
   * @param zone the local zone of the load curve
   * @param seed varies the meters' load
   */
  public SimulatedGateway(
      String deviceId, String secret, List<String> meterIds, URI baseUri, ZoneId zone, long seed) {
    this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.meterIds = List.copyOf(meterIds);
    this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.seed = seed;
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * The load curve: active power per phase in W at a local time, between ~300 W at night and ~2.5
   * kW at the evening peak, varied per meter.
   */
  public static long powerMilliW(ZonedDateTime local, int meterNumber, long seed) {
    double hour = local.getHour() + local.getMinute() / 60.0;
    double morning = Math.exp(-Math.pow((hour - 7.5) / 1.5, 2));
    double evening = Math.exp(-Math.pow((hour - 19.5) / 2.0, 2));
    double base = 300 + 50 * ((meterNumber * 31 + seed) % 7);
    double watts = base + 1200 * morning + 2200 * evening;
    return Math.round(watts * 1000);
  }

  /**
   * Readings of every meter at {@code count} instants, {@code step} apart, from {@code from}.
   * Successive calls continue the energy counters.
   */
  public List<Measurement> readings(Instant from, Duration step, int count) {
    List<Measurement> out = new ArrayList<>(count * meterIds.size());
    for (int k = 0; k < count; k++) {
      Instant at = from.plus(step.multipliedBy(k));
      ZonedDateTime local = at.atZone(zone);
      for (int m = 0; m < meterIds.size(); m++) {
        out.add(reading(meterIds.get(m), m, at, local, step));
      }
    }
    return out;
  }

  private Measurement reading(
      String meterId, int m, Instant at, ZonedDateTime local, Duration step) {
    long[] energy =
        energyMilliWh.computeIfAbsent(meterId, id -> new long[] {1_000_000_000L * (m + 1)});
    long pMilli = powerMilliW(local, m, seed);
    // Energy in mWh over the step: P[mW] * seconds / 3600, per phase.
    long stepMilliWh = pMilli * step.toSeconds() / 3600;
    energy[0] += 3 * stepMilliWh;
    Map<String, BigDecimal> v = new HashMap<>();
    for (int phase = 1; phase <= 3; phase++) {
      v.put("VoltageL" + phase + "AnyT0_V", milli(229_000 + (pMilli % 3000) + phase * 100));
      v.put("CurrentL" + phase + "AnyT0_A", milli(pMilli / 230));
      v.put("ActivePowerL" + phase + "NetT0_W", milli(pMilli));
      v.put("ReactivePowerL" + phase + "NetT0_VAR", milli(pMilli / 5));
      v.put("ActiveEnergyL" + phase + "ImportT0_Wh", milli(energy[0] / 3));
      v.put("ActiveEnergyL" + phase + "ExportT0_Wh", BigDecimal.ZERO);
      v.put("ReactiveEnergyL" + phase + "ImportT0_VARh", milli(energy[0] / 15));
      v.put("ReactiveEnergyL" + phase + "ExportT0_VARh", BigDecimal.ZERO);
    }
    v.put("ActiveEnergyTotalImportT0_Wh", milli(energy[0]));
    v.put("ActiveEnergyTotalExportT0_Wh", BigDecimal.ZERO);
    v.put("ReactiveEnergyTotalImportT0_VARh", milli(energy[0] / 5));
    v.put("ReactiveEnergyTotalExportT0_VARh", BigDecimal.ZERO);
    v.put("ActiveEnergyTotalImportT1_Wh", milli(energy[0] * 2 / 3));
    v.put("ActiveEnergyTotalImportT2_Wh", milli(energy[0] - energy[0] * 2 / 3));
    return new Measurement(meterId, at, v);
  }

  private static BigDecimal milli(long value) {
    return BigDecimal.valueOf(value).divide(THOUSAND, 3, RoundingMode.UNNECESSARY);
  }

  /** The push body of a batch in protocol {@code fis-iot-push/1}. */
  public String body(List<Measurement> batch, Instant sentAt) {
    StringBuilder json = new StringBuilder(256 + batch.size() * 1500);
    json.append("{\"protocol\":\"fis-iot-push/1\",\"deviceId\":\"")
        .append(deviceId)
        .append("\",\"sentAt\":\"")
        .append(sentAt)
        .append("\",\"measurements\":[");
    for (int i = 0; i < batch.size(); i++) {
      Measurement m = batch.get(i);
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"meterId\":\"")
          .append(m.meterId())
          .append("\",\"readAt\":\"")
          .append(m.readAt())
          .append("\",\"values\":{");
      boolean first = true;
      for (Map.Entry<String, BigDecimal> e : m.values().entrySet()) {
        if (!first) {
          json.append(',');
        }
        first = false;
        json.append('"').append(e.getKey()).append("\":").append(e.getValue().toPlainString());
      }
      json.append("}}");
    }
    return json.append("]}").toString();
  }

  /**
   * Pushes a batch over HTTP.
   *
   * @return the HTTP status and body
   * @throws IOException on a transport failure
   * @throws InterruptedException if interrupted
   */
  public HttpResponse<String> push(List<Measurement> batch, Instant sentAt)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(baseUri.resolve(IotHttpServer.PUSH_PATH))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .header("X-Fis-Device-Id", deviceId)
            .header("Authorization", "Bearer " + secret)
            .POST(HttpRequest.BodyPublishers.ofString(body(batch, sentAt)))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Polls the configuration over HTTP.
   *
   * @param etag the last seen tag, or null
   * @return the HTTP response
   * @throws IOException on a transport failure
   * @throws InterruptedException if interrupted
   */
  public HttpResponse<String> poll(String etag) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(baseUri.resolve(IotHttpServer.POLL_PATH))
            .timeout(Duration.ofSeconds(30))
            .header("X-Fis-Device-Id", deviceId)
            .header("Authorization", "Bearer " + secret)
            .GET();
    if (etag != null) {
      request.header("If-None-Match", etag);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
