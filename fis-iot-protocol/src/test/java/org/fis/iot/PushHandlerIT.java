package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = IotMigrations.class)
class PushHandlerIT {
  private final Jdbi jdbi;
  private IotFixture fixture;
  private IotHttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private static int deviceSequence;
  private String device;
  private List<String> meters;

  PushHandlerIT(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @BeforeEach
  void start() {
    fixture = new IotFixture(jdbi, IotFixture.testConfig());
    server = IotHttpServer.start(fixture.push, fixture.poll, fixture.config.bodyBytesMax());
    device = "gw-" + (++deviceSequence);
    meters =
        fixture.device(
            device,
            2,
            Map.of(
                "VoltageL1AnyT0_V",
                new DeviceConfig.RegisterLimit(new BigDecimal("180"), new BigDecimal("260"))));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String deviceId, String secret, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.baseUri().resolve(IotHttpServer.PUSH_PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (deviceId != null) {
      request.header("X-Fis-Device-Id", deviceId);
    }
    if (secret != null) {
      request.header("Authorization", "Bearer " + secret);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Instant t(int minute) {
    return Instant.parse("2026-03-29T10:00:00Z").plusSeconds(60L * minute);
  }

  private List<Measurement> batch() {
    return List.of(
        IotFixture.reading(meters.get(0), t(0), "230.1", "1000"),
        IotFixture.reading(meters.get(0), t(5), "231.3", "1010.5"),
        IotFixture.reading(meters.get(0), t(16), "229.0", "1030"),
        IotFixture.reading(meters.get(1), t(0), "228", "500"));
  }

  @Test
  void a_valid_push_is_stored_and_acknowledged_after_commit() throws Exception {
    HttpResponse<String> response =
        post(device, IotFixture.SECRET, IotFixture.body(device, batch()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"stored\"").contains("\"stored\":4");
    assertThat(fixture.rawRows(device)).isEqualTo(4);
    long quarterHours =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT count(*) FROM fis_iot.aggregate WHERE resolution = 0 AND meter_id = :m")
                    .bind("m", meters.get(0))
                    .mapTo(Long.class)
                    .one());
    assertThat(quarterHours).isEqualTo(2);
    java.util.Optional<Instant> seen = jdbi.withHandle(h -> fixture.registry.lastSeen(h, device));
    assertThat(seen).contains(IotFixture.NOW);
  }

  @Test
  void re_pushing_a_stored_batch_changes_nothing_at_all() throws Exception {
    String body = IotFixture.body(device, batch());
    assertThat(post(device, IotFixture.SECRET, body).statusCode()).isEqualTo(200);
    String before = fixture.fingerprint();

    HttpResponse<String> again = post(device, IotFixture.SECRET, body);

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).contains("\"stored\":0").contains("\"duplicates\":4");
    assertThat(fixture.fingerprint()).isEqualTo(before);
  }

  @Test
  void same_meter_and_time_with_other_values_is_a_conflict_and_stores_nothing() throws Exception {
    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, batch())).statusCode())
        .isEqualTo(200);
    String before = fixture.fingerprint();
    List<Measurement> changed =
        List.of(
            IotFixture.reading(meters.get(0), t(20), "230", "1040"),
            IotFixture.reading(meters.get(0), t(5), "231.4", "1010.5"));

    HttpResponse<String> response =
        post(device, IotFixture.SECRET, IotFixture.body(device, changed));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).contains("\"index\":1").contains("conflict");
    assertThat(fixture.fingerprint()).isEqualTo(before);
  }

  @Test
  void a_wrong_secret_or_missing_credentials_get_401_and_store_nothing() throws Exception {
    String body = IotFixture.body(device, batch());

    HttpResponse<String> wrong = post(device, "not-the-secret-of-this-device", body);
    HttpResponse<String> missing = post(device, null, body);
    HttpResponse<String> unknown =
        post("gw-unknown", IotFixture.SECRET, body.replace(device, "gw-unknown"));

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("wrong secret");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).contains("Authorization");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(fixture.rawRows(device)).isZero();
  }

  @Test
  void
      a_refused_secret_leaves_last_seen_and_every_row_unchanged_though_keys_are_read_with_the_locks()
          throws Exception {
    // The keys are read in the statement that locks the meters and marks the device as seen;
    // a refused push must roll all of that back.
    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, batch())).statusCode())
        .isEqualTo(200);
    fixture.clock.advance(Duration.ofMinutes(30));
    String before = fixture.fingerprint();
    List<Measurement> later = List.of(IotFixture.reading(meters.get(0), t(40), "230", "1100"));

    HttpResponse<String> wrong =
        post(device, "not-the-secret-of-this-device", IotFixture.body(device, later));
    jdbi.useHandle(h -> fixture.registry.revokeKey(h, device, "k1"));
    String revoked = fixture.fingerprint();
    HttpResponse<String> noKey = post(device, IotFixture.SECRET, IotFixture.body(device, later));

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("wrong secret");
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.body()).contains("no valid key");
    assertThat(revoked).isEqualTo(before);
    assertThat(fixture.fingerprint()).isEqualTo(before);
    java.util.Optional<Instant> seen = jdbi.withHandle(h -> fixture.registry.lastSeen(h, device));
    assertThat(seen).contains(IotFixture.NOW);
  }

  @Test
  void a_push_into_stored_aggregates_merges_them_with_the_rows_read_under_the_lock()
      throws Exception {
    // The stored aggregate rows are read in the statement that reads the stored readings; the
    // second push must merge with them (count, sum, min/max, first/last), not overwrite them.
    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, batch())).statusCode())
        .isEqualTo(200);
    List<Measurement> later =
        List.of(
            IotFixture.reading(meters.get(0), t(10), "240", "1020"),
            IotFixture.reading(meters.get(0), t(2), "200", "1005"));

    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, later)).statusCode())
        .isEqualTo(200);

    List<String> quarter =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT a.count || ' ' || a.n[p.i] || ' ' || a.lo_milli[p.i] || ' ' ||"
                            + " a.hi_milli[p.i] FROM fis_iot.aggregate a JOIN"
                            + " fis_iot.register_layout l USING (layout_id) CROSS JOIN LATERAL"
                            + " (SELECT array_position(l.registers, 'VoltageL1AnyT0_V') AS i) p"
                            + " WHERE a.meter_id = :m AND a.resolution = 0 ORDER BY a.period_start")
                    .bind("m", meters.get(0))
                    .mapTo(String.class)
                    .list());
    // 10:00 quarter: 230.1 (t0), 231.3 (t5), 240 (t10), 200 (t2); 10:15 quarter: 229.0 (t16).
    assertThat(quarter).containsExactly("4 4 200000 240000", "1 1 229000 229000");
  }

  @Test
  void a_device_may_not_push_another_devices_meter() throws Exception {
    List<String> others = fixture.device(device + "-other", 1);
    List<Measurement> foreign = List.of(IotFixture.reading(others.get(0), t(0), "230", "1"));

    HttpResponse<String> response =
        post(device, IotFixture.SECRET, IotFixture.body(device, foreign));
    HttpResponse<String> mismatch =
        post(device, IotFixture.SECRET, IotFixture.body(device + "-other", foreign));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains(others.get(0));
    assertThat(mismatch.statusCode()).isEqualTo(403);
    assertThat(fixture.rawRows(device)).isZero();
  }

  @Test
  void every_invalid_measurement_and_field_is_reported_and_the_batch_is_atomic() throws Exception {
    List<Measurement> bad =
        List.of(
            IotFixture.reading(meters.get(0), t(0), "230", "1000"),
            new Measurement(meters.get(0), t(1), Map.of("NoSuchRegister_V", BigDecimal.ONE)),
            IotFixture.reading(
                meters.get(0), IotFixture.NOW.plus(Duration.ofHours(1)), "230", "1001"),
            IotFixture.reading(meters.get(0), t(3), "300", "1002"),
            IotFixture.reading(meters.get(0), t(4), "230", "999"),
            IotFixture.reading("unknown-meter", t(0), "230", "1"));

    HttpResponse<String> response = post(device, IotFixture.SECRET, IotFixture.body(device, bad));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .contains("{\"index\":1,\"field\":\"values.NoSuchRegister_V\",\"reason\":\"unknown field")
        .contains("{\"index\":2,\"field\":\"readAt\",\"reason\":\"in the future")
        .contains(
            "{\"index\":3,\"field\":\"values.VoltageL1AnyT0_V\",\"reason\":\"above the configured maximum 260 V")
        .contains(
            "{\"index\":4,\"field\":\"values.ActiveEnergyTotalImportT0_Wh\",\"reason\":\"cumulative register runs backwards")
        .contains("{\"index\":5,\"field\":\"meterId\",\"reason\":\"unknown meter");
    assertThat(fixture.rawRows(device)).isZero();
  }

  @Test
  void malformed_values_and_timestamps_are_reported_per_field() throws Exception {
    String body =
        "{\"protocol\":\"fis-iot-push/1\",\"deviceId\":\""
            + device
            + "\",\"sentAt\":\""
            + IotFixture.NOW
            + "\",\"measurements\":[{\"meterId\":\""
            + meters.get(0)
            + "\",\"readAt\":\"yesterday\",\"values\":{\"VoltageL1AnyT0_V\":\"NaN\","
            + "\"CurrentL1AnyT0_A\":\"12\"}},{\"meterId\":\""
            + meters.get(0)
            + "\",\"values\":{\"VoltageL1AnyT0_V\":1e400}}]}";

    HttpResponse<String> response = post(device, IotFixture.SECRET, body);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .contains("{\"index\":0,\"field\":\"readAt\"")
        .contains("{\"index\":0,\"field\":\"values.VoltageL1AnyT0_V\",\"reason\":\"non-finite")
        .contains("{\"index\":0,\"field\":\"values.CurrentL1AnyT0_A\",\"reason\":\"non-numeric")
        .contains("{\"index\":1,\"field\":\"readAt\",\"reason\":\"missing\"}");
  }

  @Test
  void a_value_with_an_exponent_at_the_end_of_the_int_range_is_refused_not_stored_as_zero()
      throws Exception {
    for (String huge : List.of("1E+2147483647", "1.5e2147483647")) {
      String body =
          "{\"protocol\":\"fis-iot-push/1\",\"deviceId\":\""
              + device
              + "\",\"sentAt\":\""
              + IotFixture.NOW
              + "\",\"measurements\":[{\"meterId\":\""
              + meters.get(0)
              + "\",\"readAt\":\""
              + t(0)
              + "\",\"values\":{\"VoltageL1AnyT0_V\":"
              + huge
              + "}}]}";

      HttpResponse<String> response = post(device, IotFixture.SECRET, body);

      assertThat(response.statusCode()).as(huge).isEqualTo(422);
      assertThat(response.body())
          .as(huge)
          .contains("{\"index\":0,\"field\":\"values.VoltageL1AnyT0_V\",\"reason\":\"out of range");
      assertThat(fixture.rawRows(device)).as(huge).isZero();
    }
  }

  private static final List<String> UNUSABLE =
      List.of("1E+2147483647", "1.5e2147483647", "0.0005", "1e-999999999");

  private String single(Instant at, String register, String value) {
    return "{\"protocol\":\"fis-iot-push/1\",\"deviceId\":\""
        + device
        + "\",\"sentAt\":\""
        + IotFixture.NOW
        + "\",\"measurements\":[{\"meterId\":\""
        + meters.get(0)
        + "\",\"readAt\":\""
        + at
        + "\",\"values\":{\""
        + register
        + "\":"
        + value
        + "}}]}";
  }

  @Test
  void at_an_already_stored_instant_an_unusable_value_is_named_not_reported_as_a_conflict()
      throws Exception {
    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, batch())).statusCode())
        .isEqualTo(200);
    String before = fixture.fingerprint();
    for (String register : List.of("VoltageL1AnyT0_V", "ActiveEnergyTotalImportT0_Wh")) {
      for (String value : UNUSABLE) {
        HttpResponse<String> stored =
            post(device, IotFixture.SECRET, single(t(5), register, value));
        HttpResponse<String> fresh = post(device, IotFixture.SECRET, single(t(7), register, value));

        assertThat(fresh.statusCode()).as(register + " " + value).isEqualTo(422);
        assertThat(stored.statusCode())
            .as(register + " " + value + ": " + stored.body())
            .isEqualTo(422);
        assertThat(stored.body())
            .as(register + " " + value)
            .contains("{\"index\":0,\"field\":\"values." + register + "\"")
            .doesNotContain("conflict");
        assertThat(errorsOf(stored.body())).isEqualTo(errorsOf(fresh.body()));
        assertThat(fixture.fingerprint()).as(value).isEqualTo(before);
      }
    }
  }

  @Test
  void at_an_already_stored_instant_other_usable_values_are_still_a_conflict() throws Exception {
    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, batch())).statusCode())
        .isEqualTo(200);

    HttpResponse<String> response =
        post(device, IotFixture.SECRET, single(t(5), "ActiveEnergyTotalImportT0_Wh", "1011"));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).contains("conflict: other values are already stored");
  }

  /** The errors of an answer without the positions that differ between two instants. */
  private static String errorsOf(String body) {
    return body.substring(body.indexOf("\"errors\"")).replaceAll("at [0-9T:.Z-]+", "at <time>");
  }

  @Test
  void a_cumulative_register_above_a_later_stored_reading_is_rejected() throws Exception {
    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, batch())).statusCode())
        .isEqualTo(200);
    List<Measurement> late = List.of(IotFixture.reading(meters.get(0), t(2), "230", "1020"));

    HttpResponse<String> response = post(device, IotFixture.SECRET, IotFixture.body(device, late));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("higher than the later stored reading");
  }

  @Test
  void a_stored_reading_months_before_the_batch_still_bounds_a_cumulative_register()
      throws Exception {
    // The stored reading lies 60 days (two month partitions) before the batch: beyond the 35 days
    // the neighbour lookup searches first, so only its unbounded second step can find it.
    Instant longAgo = t(0).minus(Duration.ofDays(60));
    List<Measurement> old = List.of(IotFixture.reading(meters.get(0), longAgo, "230", "5000"));
    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, old)).statusCode())
        .isEqualTo(200);

    List<Measurement> lower = List.of(IotFixture.reading(meters.get(0), t(0), "230", "4999"));
    HttpResponse<String> response = post(device, IotFixture.SECRET, IotFixture.body(device, lower));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("lower than the reading at " + longAgo);
    List<Measurement> higher = List.of(IotFixture.reading(meters.get(0), t(0), "230", "5001"));
    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, higher)).statusCode())
        .isEqualTo(200);
    assertThat(fixture.rawRows(device)).isEqualTo(2);
  }

  @Test
  void a_stored_reading_months_after_the_batch_still_bounds_a_cumulative_register()
      throws Exception {
    List<Measurement> later = List.of(IotFixture.reading(meters.get(0), t(0), "230", "5000"));
    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, later)).statusCode())
        .isEqualTo(200);

    Instant longAgo = t(0).minus(Duration.ofDays(60));
    List<Measurement> higher = List.of(IotFixture.reading(meters.get(0), longAgo, "230", "5001"));
    HttpResponse<String> response =
        post(device, IotFixture.SECRET, IotFixture.body(device, higher));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("higher than the later stored reading at " + t(0));
  }

  @Test
  void the_partial_policy_stores_the_valid_measurements_and_reports_the_rest() throws Exception {
    IotFixture partial =
        new IotFixture(jdbi, IotFixture.testConfig().withBatchPolicy(BatchPolicy.PARTIAL));
    List<Measurement> mixed =
        List.of(
            IotFixture.reading(meters.get(0), t(0), "230", "1000"),
            IotFixture.reading(meters.get(0), t(1), "999", "1001"));

    IotResponse response =
        partial.push.handle(
            IotFixture.request(device, IotFixture.SECRET, IotFixture.body(device, mixed)));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText())
        .contains("partially_stored")
        .contains("\"stored\":1")
        .contains("\"index\":1");
    assertThat(fixture.rawRows(device)).isEqualTo(1);
  }

  @Test
  void raw_measurements_are_insert_only() throws Exception {
    assertThat(post(device, IotFixture.SECRET, IotFixture.body(device, batch())).statusCode())
        .isEqualTo(200);

    assertThatThrownBy(
            () ->
                jdbi.useHandle(
                    h -> h.execute("UPDATE fis_iot.raw_measurement SET device_id = 'x'")))
        .hasMessageContaining("insert-only");
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM fis_iot.raw_measurement")))
        .hasMessageContaining("insert-only");
    assertThat(fixture.rawRows(device)).isEqualTo(4);
  }

  private HttpResponse<String> postRaw(String path, String contentType, String authorization)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(java.net.URI.create(server.baseUri() + path))
            .header("Content-Type", contentType)
            .header("X-Fis-Device-Id", device)
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(IotFixture.body(device, batch())))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void only_application_json_in_utf8_is_read_and_other_media_types_store_nothing()
      throws Exception {
    String bearer = "Bearer " + IotFixture.SECRET;
    for (String refused :
        List.of(
            "application/jsonp",
            "application/json-seq",
            "application/json; charset=utf-16",
            "application/json;charset=\"ISO-8859-1\"",
            "text/json")) {
      HttpResponse<String> response = postRaw(IotHttpServer.PUSH_PATH, refused, bearer);
      assertThat(response.statusCode()).as(refused).isEqualTo(415);
      assertThat(response.body()).as(refused).contains("Content-Type");
    }
    assertThat(fixture.rawRows(device)).isZero();

    assertThat(
            postRaw(IotHttpServer.PUSH_PATH, "Application/JSON; charset=\"UTF-8\"", bearer)
                .statusCode())
        .isEqualTo(200);
    assertThat(fixture.rawRows(device)).isEqualTo(4);
  }

  @Test
  void the_bearer_scheme_is_matched_case_insensitively() throws Exception {
    HttpResponse<String> response =
        postRaw(IotHttpServer.PUSH_PATH, "application/json", "bearer " + IotFixture.SECRET);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(fixture.rawRows(device)).isEqualTo(4);
    assertThat(
            postRaw(IotHttpServer.PUSH_PATH, "application/json", "Basic " + IotFixture.SECRET)
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void paths_that_only_start_with_the_push_path_are_not_found_and_store_nothing() throws Exception {
    String bearer = "Bearer " + IotFixture.SECRET;
    for (String path :
        List.of(
            IotHttpServer.PUSH_PATH + "EVIL",
            IotHttpServer.PUSH_PATH + "/",
            IotHttpServer.PUSH_PATH + "/../poll",
            IotHttpServer.PUSH_PATH + "/%2e%2e/poll")) {
      HttpResponse<String> response = postRaw(path, "application/json", bearer);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
    }
    assertThat(fixture.rawRows(device)).isZero();
  }

  @Test
  void wrong_method_content_type_and_size_get_4xx() throws Exception {
    HttpResponse<String> get =
        client.send(
            HttpRequest.newBuilder(server.baseUri().resolve(IotHttpServer.PUSH_PATH)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> text =
        client.send(
            HttpRequest.newBuilder(server.baseUri().resolve(IotHttpServer.PUSH_PATH))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    IotFixture small = new IotFixture(jdbi, IotFixture.testConfig().withBodyBytesMax(100));
    IotResponse large =
        small.push.handle(
            IotFixture.request(device, IotFixture.SECRET, IotFixture.body(device, batch())));

    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(large.status()).isEqualTo(413);
  }
}
