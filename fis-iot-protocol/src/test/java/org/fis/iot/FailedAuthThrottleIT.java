package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fis.iot.internal.FailedAuthThrottle;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Failed authentications are bounded per source address and per device, on both endpoints: a
 * guesser is answered 429 with a Retry-After (its guesses not checked), while devices on other
 * addresses, and the guessed device from where it pushed before, still get in.
 */
@FisPostgres(migrations = IotMigrations.class)
class FailedAuthThrottleIT {
  private static IotRequest from(String source, IotRequest request) {
    return new IotRequest(
        request.method(), request.path(), request.headers(), request.body(), source);
  }

  private static IotRequest push(String device, String secret, String meter, int minute) {
    return IotFixture.request(
        device,
        secret,
        IotFixture.body(
            device,
            List.of(
                IotFixture.reading(
                    meter,
                    Instant.parse("2026-03-29T09:00:00Z").plusSeconds(60L * minute),
                    "230",
                    String.valueOf(1000 + minute)))));
  }

  private static IotRequest poll(String device, String secret) {
    return new IotRequest(
        "GET",
        IotHttpServer.POLL_PATH,
        Map.of("X-Fis-Device-Id", List.of(device), "Authorization", List.of("Bearer " + secret)),
        new byte[0]);
  }

  @Test
  void a_guesser_is_answered_429_after_the_burst_while_other_devices_and_the_device_get_in(
      Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    String meter = fixture.device("guessed", 1).get(0);
    String other = fixture.device("bystander", 1).get(0);
    // The device pushed from its own address before the attack.
    assertThat(
            fixture
                .push
                .handle(from("10.0.0.7", push("guessed", IotFixture.SECRET, meter, 0)))
                .status())
        .isEqualTo(200);

    List<Integer> statuses = new ArrayList<>();
    IotResponse last = null;
    for (int i = 0; i < 60; i++) {
      last =
          fixture.push.handle(
              from("10.6.6.6", push("guessed", "guess-" + i + "-0123456789", meter, 1)));
      statuses.add(last.status());
    }
    long unauthorized = statuses.stream().filter(s -> s == 401).count();
    long throttled = statuses.stream().filter(s -> s == 429).count();
    // The burst is answered 401; the rest (but about one per second of the run) 429, unchecked.
    assertThat(unauthorized)
        .isBetween((long) FailedAuthThrottle.BURST, FailedAuthThrottle.BURST + 5L);
    assertThat(unauthorized + throttled).isEqualTo(60);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.headers()).containsKey("Retry-After");
    assertThat(Long.parseLong(last.headers().get("Retry-After"))).isBetween(1L, 60L);
    assertThat(last.bodyText()).contains("too_many_attempts");
    // Even the right secret from the guesser's address waits: the address is refused, not a guess.
    assertThat(
            fixture
                .push
                .handle(from("10.6.6.6", push("guessed", IotFixture.SECRET, meter, 2)))
                .status())
        .isEqualTo(429);

    // A bystander on another address, and the guessed device from its own address, get in.
    assertThat(
            fixture
                .push
                .handle(from("10.0.0.8", push("bystander", IotFixture.SECRET, other, 3)))
                .status())
        .isEqualTo(200);
    assertThat(
            fixture
                .push
                .handle(from("10.0.0.7", push("guessed", IotFixture.SECRET, meter, 4)))
                .status())
        .isEqualTo(200);
    // (That a new address for the guessed device waits meanwhile is FailedAuthThrottleTest's, on
    // a clock the test moves.)
  }

  @Test
  void guessing_on_the_poll_endpoint_is_bounded_too(Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    fixture.device("polled", 1);
    assertThat(fixture.poll.handle(from("10.0.0.7", poll("polled", IotFixture.SECRET))).status())
        .isEqualTo(200);
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      statuses.add(
          fixture
              .poll
              .handle(from("10.6.6.6", poll("polled", "guess-" + i + "-0123456789")))
              .status());
    }
    assertThat(statuses.subList(0, FailedAuthThrottle.BURST)).containsOnly(401);
    assertThat(statuses.get(statuses.size() - 1)).isEqualTo(429);
    assertThat(fixture.poll.handle(from("10.0.0.7", poll("polled", IotFixture.SECRET))).status())
        .isEqualTo(200);
  }

  @Test
  void devices_behind_one_address_that_authenticate_are_never_throttled(Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    List<String> meters = new ArrayList<>();
    for (int d = 0; d < 5; d++) {
      meters.add(fixture.device("nat" + d, 1).get(0));
    }
    for (int i = 0; i < 40; i++) {
      int d = i % 5;
      assertThat(
              fixture
                  .push
                  .handle(
                      from("10.0.0.1", push("nat" + d, IotFixture.SECRET, meters.get(d), 10 + i)))
                  .status())
          .isEqualTo(200);
    }
  }
}
