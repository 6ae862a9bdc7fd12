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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers a real adapter (or a proxy in front of it) may send that break the contract, over real
 * HTTP on loopback: each is rejected with a message naming what is wrong.
 */
class BrokenAnswersTest {
  private static final String KEY = "broken-key";
  private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
  private static final Gsrn GSRN = AdapterSimulator.gsrnAt(1);
  private static AdapterSimulator simulator;

  private final InMemorySyncMetrics metrics = new InMemorySyncMetrics();
  private AdapterClient client;

  @BeforeAll
  static void startSimulator() {
    simulator = AdapterSimulator.start(KEY, 4);
    simulator.generate(2, FROM);
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.clearFaults();
    simulator.resetRequestCounts();
    client =
        AdapterClient.create(
            AdapterConfig.defaults(simulator.baseUri(), KEY)
                .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)),
            Clock.systemUTC(),
            metrics);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "TEXT_PLAIN_CONTENT_TYPE, 'Content-Type: is \"text/plain\"'",
    "WRONG_CHARSET, 'Content-Type: charset is \"ISO-8859-1\"'",
    "MISSING_CONTENT_TYPE, 'Content-Type: missing'",
    "HTML_ERROR_PAGE, 'Content-Type: is \"text/html; charset=utf-8\"'",
    "UNASKED_GZIP, 'Content-Encoding: is \"gzip\"'",
    "EMPTY_BODY, 'body: '",
    "GZIP_WITHOUT_HEADER, 'body: malformed JSON'",
    "TRUNCATED_BODY, 'body: malformed JSON'",
    "MALFORMED_JSON, 'body: malformed JSON'"
  })
  void a_broken_200_is_an_invalid_response_naming_the_problem_and_is_not_retried(
      Fault.Kind kind, String named) {
    simulator.inject(GSRN, Fault.of(kind), 1);

    FetchResult result = client.fetch(GSRN, FROM);

    assertThat(result).isInstanceOf(FetchResult.Failed.class);
    FetchResult.Failed failed = (FetchResult.Failed) result;
    assertThat(failed.kind()).isEqualTo(FetchResult.Kind.INVALID_RESPONSE);
    assertThat(failed.message()).startsWith("invalid adapter response: " + named);
    assertThat(simulator.requestCount(GSRN)).isEqualTo(1);
    assertThat(metrics.count(SyncMetrics.Counter.ADAPTER_RETRIES)).isZero();
  }

  @Test
  void a_connection_cut_before_the_announced_length_is_retried_like_any_connection_error() {
    simulator.inject(GSRN, Fault.of(Fault.Kind.CUT_CONNECTION), 1);

    FetchResult result = client.fetch(GSRN, FROM);

    assertThat(result).isInstanceOf(FetchResult.Found.class);
    assertThat(((FetchResult.Found) result).attempts()).isEqualTo(2);
  }

  @Test
  void a_connection_cut_on_every_attempt_is_unavailable_and_never_found() {
    simulator.inject(GSRN, Fault.of(Fault.Kind.CUT_CONNECTION), AdapterConfig.ATTEMPTS_MAX_DEFAULT);

    FetchResult result = client.fetch(GSRN, FROM);

    assertThat(result).isInstanceOf(FetchResult.Failed.class);
    assertThat(((FetchResult.Failed) result).kind()).isEqualTo(FetchResult.Kind.UNAVAILABLE);
    assertThat(((FetchResult.Failed) result).message()).contains("adapter connection failed");
  }

  @Test
  void the_same_body_with_the_contract_media_type_is_accepted() {
    assertThat(client.fetch(GSRN, FROM)).isInstanceOf(FetchResult.Found.class);
  }
}
