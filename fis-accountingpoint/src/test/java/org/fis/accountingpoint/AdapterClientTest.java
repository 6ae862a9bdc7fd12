package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.accountingpoint.simulator.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter client against the simulator over real HTTP on loopback. */
class AdapterClientTest {
  private static final String KEY = "test-key-123";
  private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
  private static AdapterSimulator simulator;
  private static final Gsrn GSRN = AdapterSimulator.gsrnAt(1);

  private final InMemorySyncMetrics metrics = new InMemorySyncMetrics();
  private AdapterClient client;

  @BeforeAll
  static void startSimulator() {
    simulator = AdapterSimulator.start(KEY, 8);
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.clearFaults();
    simulator.setApiKey(KEY);
    simulator.generate(3, FROM);
    simulator.resetRequestCounts();
    client = client(KEY, Duration.ofSeconds(2));
  }

  private AdapterClient client(String key, Duration timeout) {
    return AdapterClient.create(
        AdapterConfig.defaults(simulator.baseUri(), key)
            .withRequestTimeout(timeout)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
            .withRetryAfterMax(Duration.ofSeconds(1)),
        Clock.systemUTC(),
        metrics);
  }

  @Test
  void a_known_accounting_point_is_returned_validated_with_one_attempt() {
    FetchResult result = client.fetch(GSRN, FROM);

    assertThat(result).isInstanceOf(FetchResult.Found.class);
    FetchResult.Found found = (FetchResult.Found) result;
    assertThat(found.attempts()).isEqualTo(1);
    assertThat(found.data()).isEqualTo(simulator.get(GSRN).orElseThrow());
    assertThat(metrics.count(SyncMetrics.Timer.ADAPTER_REQUEST)).isEqualTo(1);
  }

  @Test
  void an_unknown_accounting_point_is_a_not_found_result() {
    Gsrn unknown = AdapterSimulator.gsrnAt(999);

    assertThat(client.fetch(unknown, FROM)).isEqualTo(new FetchResult.NotFound(unknown));
  }

  @Test
  void a_wrong_key_is_a_configuration_failure_without_retries() {
    FetchResult result = client("wrong-key", Duration.ofSeconds(2)).fetch(GSRN, FROM);

    assertThat(result).isInstanceOf(FetchResult.Failed.class);
    FetchResult.Failed failed = (FetchResult.Failed) result;
    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.CONFIGURATION);
    assertThat(failed.message())
        .contains("HTTP 401")
        .contains("API key")
        .doesNotContain("wrong-key");
    assertThat(simulator.requestCount(GSRN)).isEqualTo(1);
  }

  @Test
  void forbidden_is_a_configuration_failure_too() {
    simulator.inject(GSRN, Fault.of(Fault.Kind.FORBIDDEN), 1);

    FetchResult.Failed failed = (FetchResult.Failed) client.fetch(GSRN, FROM);

    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.CONFIGURATION);
    assertThat(failed.message()).contains("HTTP 403");
  }

  @Test
  void server_errors_are_retried_and_a_later_success_is_returned() {
    simulator.inject(GSRN, Fault.of(Fault.Kind.SERVER_ERROR), 1);
    simulator.inject(GSRN, Fault.of(Fault.Kind.UNAVAILABLE), 1);

    FetchResult result = client.fetch(GSRN, FROM);

    assertThat(result).isInstanceOf(FetchResult.Found.class);
    assertThat(((FetchResult.Found) result).attempts()).isEqualTo(3);
    assertThat(metrics.count(SyncMetrics.Counter.ADAPTER_RETRIES)).isEqualTo(2);
  }

  @Test
  void persistent_server_errors_give_up_after_the_attempt_bound() {
    simulator.inject(GSRN, Fault.of(Fault.Kind.SERVER_ERROR), 10);

    FetchResult.Failed failed = (FetchResult.Failed) client.fetch(GSRN, FROM);

    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.UNAVAILABLE);
    assertThat(failed.message()).contains("HTTP 500").contains("after 3 attempts");
    assertThat(simulator.requestCount(GSRN)).isEqualTo(3);
  }

  @Test
  void rate_limiting_is_retried_after_the_retry_after_delay() {
    simulator.inject(GSRN, Fault.rateLimited(Duration.ofSeconds(1)), 1);

    FetchResult result = client.fetch(GSRN, FROM);

    assertThat(result).isInstanceOf(FetchResult.Found.class);
    assertThat(simulator.requestCount(GSRN)).isEqualTo(2);
  }

  @Test
  void a_retry_after_longer_than_the_cap_gives_up_at_once() {
    simulator.inject(GSRN, Fault.rateLimited(Duration.ofSeconds(120)), 1);

    FetchResult.Failed failed = (FetchResult.Failed) client.fetch(GSRN, FROM);

    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.RATE_LIMITED);
    assertThat(failed.message()).contains("retry after 120 s");
    assertThat(simulator.requestCount(GSRN)).isEqualTo(1);
  }

  @Test
  void a_response_slower_than_the_timeout_is_retried() {
    simulator.inject(GSRN, Fault.slow(Duration.ofMillis(1_500)), 1);

    FetchResult result = client("test-key-123", Duration.ofMillis(300)).fetch(GSRN, FROM);

    assertThat(result).isInstanceOf(FetchResult.Found.class);
    assertThat(((FetchResult.Found) result).attempts()).isEqualTo(2);
  }

  @Test
  void timeouts_on_every_attempt_are_an_unavailable_failure() {
    simulator.inject(GSRN, Fault.slow(Duration.ofMillis(1_000)), 3);

    FetchResult.Failed failed =
        (FetchResult.Failed) client("test-key-123", Duration.ofMillis(200)).fetch(GSRN, FROM);

    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.UNAVAILABLE);
    assertThat(failed.message()).contains("did not answer within 200 ms");
  }

  @Test
  void a_slow_response_within_the_timeout_succeeds_first_time() {
    simulator.inject(GSRN, Fault.slow(Duration.ofMillis(200)), 1);

    FetchResult result = client.fetch(GSRN, FROM);

    assertThat(((FetchResult.Found) result).attempts()).isEqualTo(1);
  }

  @Test
  void malformed_json_is_an_invalid_response_and_is_not_retried() {
    simulator.inject(GSRN, Fault.of(Fault.Kind.MALFORMED_JSON), 1);

    FetchResult.Failed failed = (FetchResult.Failed) client.fetch(GSRN, FROM);

    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.INVALID_RESPONSE);
    assertThat(failed.message()).contains("body: malformed JSON");
    assertThat(simulator.requestCount(GSRN)).isEqualTo(1);
  }

  @Test
  void invalid_check_digits_are_invalid_responses_naming_the_field() {
    simulator.inject(GSRN, Fault.of(Fault.Kind.INVALID_GSRN_CHECK_DIGIT), 1);
    simulator.inject(GSRN, Fault.of(Fault.Kind.INVALID_GLN_CHECK_DIGIT), 1);
    simulator.inject(GSRN, Fault.of(Fault.Kind.INVALID_EIC_CHECK_CHARACTER), 1);

    assertThat(((FetchResult.Failed) client.fetch(GSRN, FROM)).message())
        .contains("gsrn: has a wrong GS1 check digit");
    assertThat(((FetchResult.Failed) client.fetch(GSRN, FROM)).message())
        .contains("energy_supplier[0].business_id: GLN has a wrong GS1 check digit");
    assertThat(((FetchResult.Failed) client.fetch(GSRN, FROM)).message())
        .contains("metering_grid_area[0].business_id: has a wrong EIC check character");
  }
}
