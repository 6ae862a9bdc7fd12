package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.testing.TestDatabase;

/**
 * At least 10 000 malformed or hostile pushes, in process against a real database, plus a sample
 * over real HTTP: every one gets a 4xx with a clear JSON error, never a 5xx, and no row changes.
 */
class HostilePushFuzzIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestDatabase db;
  private static IotFixture fixture;
  private static IotHttpServer server;
  private static HostileBodies bodies;
  private static String before;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeContainer
  static void open() {
    db = TestDatabase.create(IotMigrations::migrate);
    fixture = new IotFixture(db.jdbi(), IotFixture.testConfig().withBatchSizeMax(20));
    List<String> meters =
        fixture.device(
            "fz",
            1,
            Map.of(
                "VoltageL1AnyT0_V",
                new DeviceConfig.RegisterLimit(
                    new java.math.BigDecimal("180"), new java.math.BigDecimal("260"))));
    fixture.device("fz-other", 1);
    List<Measurement> stored = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      stored.add(
          IotFixture.reading(
              meters.get(0),
              java.time.Instant.parse("2026-03-29T10:0" + i + ":00Z"),
              "230",
              String.valueOf(1000 + i)));
    }
    IotResponse seeded =
        fixture.push.handle(
            IotFixture.request("fz", IotFixture.SECRET, IotFixture.body("fz", stored)));
    assertThat(seeded.status()).isEqualTo(200);
    bodies = new HostileBodies("fz", meters.get(0), 20);
    IotResponse valid =
        fixture.push.handle(IotFixture.request("fz", IotFixture.SECRET, bodies.valid()));
    // The template itself is valid (so the mutations are what makes them fail): roll it back by
    // pushing it into a second database is not needed; it is stored once, and the fingerprint is
    // taken afterwards.
    assertThat(valid.status()).as(valid.bodyText()).isEqualTo(200);
    before = fixture.fingerprint();
    server = IotHttpServer.start(fixture.push, fixture.poll, fixture.config.bodyBytesMax());
  }

  @AfterContainer
  static void close() {
    server.close();
    db.close();
  }

  @Provide
  Arbitrary<HostileBodies.Hostile> hostile() {
    return bodies.all();
  }

  @Property(tries = 10_000)
  void every_hostile_push_in_process_gets_a_4xx_with_a_clear_error_and_changes_nothing(
      @ForAll("hostile") HostileBodies.Hostile hostile) throws Exception {
    Map<String, List<String>> headers = new java.util.HashMap<>();
    headers.put("Content-Type", List.of("application/json"));
    if (hostile.deviceId() != null) {
      headers.put("X-Fis-Device-Id", List.of(hostile.deviceId()));
    }
    if (hostile.secret() != null) {
      headers.put("Authorization", List.of("Bearer " + hostile.secret()));
    }
    IotResponse response =
        fixture.push.handle(
            new IotRequest("POST", IotHttpServer.PUSH_PATH, headers, hostile.body()));

    assertClearRefusal(response.status(), response.bodyText());
    assertThat(changes()).isEqualTo(baseline());
  }

  @Property(tries = 300)
  void a_sample_of_hostile_pushes_over_http_gets_a_4xx_and_changes_nothing(
      @ForAll("hostile") HostileBodies.Hostile hostile) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.baseUri().resolve(IotHttpServer.PUSH_PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(hostile.body()));
    if (hostile.deviceId() != null && hostile.deviceId().matches("[A-Za-z0-9_.:\\-]+")) {
      request.header("X-Fis-Device-Id", hostile.deviceId());
    }
    if (hostile.secret() != null) {
      request.header("Authorization", "Bearer " + hostile.secret());
    }
    HttpResponse<String> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertClearRefusal(response.statusCode(), response.body());
    assertThat(changes()).isEqualTo(baseline());
  }

  private static void assertClearRefusal(int status, String body) throws Exception {
    assertThat(status).as(body).isBetween(400, 499);
    JsonNode json = JSON.readTree(body);
    assertThat(json.path("status").asText()).isNotBlank();
    assertThat(json.path("reason").asText()).as(body).isNotBlank();
    for (JsonNode error : json.path("errors")) {
      assertThat(error.path("field").isTextual()).isTrue();
      assertThat(error.path("reason").asText()).isNotBlank();
      assertThat(error.path("index").isInt()).isTrue();
    }
  }

  private static String baselineValue;

  private static String baseline() {
    if (baselineValue == null) {
      baselineValue = changesQuery();
      assertThat(fixture.fingerprint()).isEqualTo(before);
    }
    return baselineValue;
  }

  private static String changes() {
    return changesQuery();
  }

  /** A cheap fingerprint: row counts, merged counts and last-seen times. */
  private static String changesQuery() {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT (SELECT count(*) FROM fis_iot.raw_measurement) || '/' || (SELECT"
                            + " coalesce(sum(count), 0) FROM fis_iot.aggregate) || '/' || (SELECT"
                            + " count(*) FROM fis_iot.aggregate) || '/' || (SELECT count(*) FROM"
                            + " fis_iot.aggregate_fold) || '/' || (SELECT"
                            + " coalesce(string_agg(coalesce(last_seen_at::text, '-'), ','), '') FROM"
                            + " fis_iot.device) || '/' || (SELECT count(*) FROM fis_iot.register_layout)")
                    .mapTo(String.class)
                    .one());
  }
}
