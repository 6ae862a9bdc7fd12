package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.iot.simulator.SimulatedGateway;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = IotMigrations.class)
class PollHandlerIT {
  @Test
  void a_device_polls_its_configuration_with_a_version_tag_and_not_modified(Jdbi jdbi)
      throws Exception {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    List<String> meters = fixture.device("poller", 1);
    try (IotHttpServer server =
        IotHttpServer.start(fixture.push, fixture.poll, fixture.config.bodyBytesMax())) {
      SimulatedGateway gateway =
          new SimulatedGateway(
              "poller", IotFixture.SECRET, meters, server.baseUri(), ZoneId.of("Europe/Zagreb"), 1);

      HttpResponse<String> first = gateway.poll(null);
      String etag = first.headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> unchanged = gateway.poll(etag);
      jdbi.useTransaction(
          h ->
              fixture.registry.configure(
                  h,
                  "poller",
                  new DeviceConfig(
                      Duration.ofMinutes(5),
                      List.of(
                          new DeviceConfig.MeterAssignment(
                              meters.get(0),
                              MeterModels.ABB_B2X,
                              Map.of(
                                  "VoltageL1AnyT0_V",
                                  new DeviceConfig.RegisterLimit(new BigDecimal("200"), null)))),
                      List.of())));
      HttpResponse<String> changed = gateway.poll(etag);

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(first.body())
          .contains("\"protocol\":\"fis-iot-poll/1\"")
          .contains("\"pushInterval\":\"PT1M\"")
          .contains(meters.get(0))
          .contains("\"at\":\"07:00\",\"tariff\":\"T1\"");
      assertThat(etag).isEqualTo("\"1\"");
      assertThat(unchanged.statusCode()).isEqualTo(304);
      assertThat(changed.statusCode()).isEqualTo(200);
      assertThat(changed.headers().firstValue("ETag")).contains("\"2\"");
      assertThat(changed.body()).contains("\"min\":\"200\"").contains("PT5M");
      List<DeviceRegistry.VersionedConfig> history =
          jdbi.withHandle(h -> fixture.registry.configHistory(h, "poller", 10));
      assertThat(history).extracting(DeviceRegistry.VersionedConfig::version).containsExactly(2, 1);
    }
  }

  @Test
  void the_configuration_history_is_insert_only(Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    fixture.device("history", 1);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> jdbi.useHandle(h -> h.execute("UPDATE fis_iot.device_config SET version = 9")))
        .hasMessageContaining("insert-only");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> jdbi.useHandle(h -> h.execute("DELETE FROM fis_iot.device_config")))
        .hasMessageContaining("insert-only");
  }

  @Test
  void an_unchanged_configuration_keeps_its_version(Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    fixture.device("same", 1);
    DeviceConfig current =
        jdbi.withHandle(h -> fixture.registry.currentConfig(h, "same")).orElseThrow().config();

    DeviceRegistry.ConfigChange change =
        jdbi.inTransaction(h -> fixture.registry.configure(h, "same", current));

    assertThat((Object) change).isEqualTo(new DeviceRegistry.ConfigChange.Unchanged(1));
  }

  @Test
  void a_meter_of_another_device_or_an_unknown_model_rejects_the_configuration(Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    List<String> taken = fixture.device("owner", 1);
    fixture.device("thief", 0);
    DeviceConfig steal =
        new DeviceConfig(
            Duration.ofMinutes(1),
            List.of(new DeviceConfig.MeterAssignment(taken.get(0), MeterModels.ABB_B2X, Map.of())),
            List.of());
    DeviceConfig unknownModel =
        new DeviceConfig(
            Duration.ofMinutes(1),
            List.of(new DeviceConfig.MeterAssignment("new-meter", "no-such-model", Map.of())),
            List.of());

    DeviceRegistry.ConfigChange stolen =
        jdbi.inTransaction(h -> fixture.registry.configure(h, "thief", steal));
    DeviceRegistry.ConfigChange unknown =
        jdbi.inTransaction(h -> fixture.registry.configure(h, "thief", unknownModel));
    assertThat(stolen).isInstanceOf(DeviceRegistry.ConfigChange.Rejected.class);
    assertThat(unknown).isInstanceOf(DeviceRegistry.ConfigChange.Rejected.class);
  }

  @Test
  void key_rotation_keeps_two_keys_valid_and_revocation_ends_the_old_one(Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    fixture.device("rotor", 0);
    String next = "the-next-secret-0123456789";

    DeviceRegistry.KeyChange added =
        jdbi.inTransaction(h -> fixture.registry.addKey(h, "rotor", "k2", next));
    DeviceRegistry.KeyChange third =
        jdbi.inTransaction(
            h -> fixture.registry.addKey(h, "rotor", "k3", "a-third-secret-0123456789"));
    int oldDuring = fixture.poll.handle(poll("rotor", IotFixture.SECRET)).status();
    int newDuring = fixture.poll.handle(poll("rotor", next)).status();
    jdbi.useTransaction(h -> fixture.registry.revokeKey(h, "rotor", "k1"));
    fixture.clock.advance(Duration.ofSeconds(1));
    int oldAfter = fixture.poll.handle(poll("rotor", IotFixture.SECRET)).status();
    int newAfter = fixture.poll.handle(poll("rotor", next)).status();

    assertThat(added).isEqualTo(DeviceRegistry.KeyChange.ADDED);
    assertThat(third).isEqualTo(DeviceRegistry.KeyChange.TOO_MANY_VALID_KEYS);
    assertThat(List.of(oldDuring, newDuring, oldAfter, newAfter))
        .containsExactly(200, 200, 401, 200);
    String stored =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT string_agg(encode(hash, 'hex'), ',') FROM fis_iot.device_key")
                    .mapTo(String.class)
                    .one());
    assertThat(stored).doesNotContain(next).doesNotContain(IotFixture.SECRET);
  }

  @Test
  void devices_silent_longer_than_allowed_are_listed_until_they_are_seen(Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    fixture.device("quiet", 0);
    fixture.device("chatty", 0);
    fixture.clock.advance(Duration.ofMinutes(20));
    assertThat(fixture.poll.handle(poll("chatty", IotFixture.SECRET)).status()).isEqualTo(200);

    List<DeviceRegistry.SilentDevice> silent =
        jdbi.withHandle(h -> fixture.registry.silentDevices(h, 100)).stream()
            .filter(d -> d.deviceId().equals("quiet") || d.deviceId().equals("chatty"))
            .toList();

    assertThat(silent).extracting(DeviceRegistry.SilentDevice::deviceId).containsExactly("quiet");
    assertThat(silent.get(0).lastSeenAt()).isEmpty();
    assertThat(silent.get(0).inactivityMax()).isEqualTo(Duration.ofMinutes(15));
  }

  private static IotRequest poll(String device, String secret) {
    return new IotRequest(
        "GET",
        IotHttpServer.POLL_PATH,
        Map.of("X-Fis-Device-Id", List.of(device), "Authorization", List.of("Bearer " + secret)),
        new byte[0]);
  }
}
