package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.accountingpoint.simulator.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limit and the circuit breaker of {@link AdapterClient}, against the simulator's faults
 * over real HTTP on loopback, with many threads sharing one client as the workers do.
 */
class AdapterProtectionTest {
  private static final String KEY = "protection-key";
  private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
  private static final Gsrn GSRN = AdapterSimulator.gsrnAt(1);
  private static final Duration OPEN = Duration.ofMillis(300);
  private static AdapterSimulator simulator;

  private final InMemorySyncMetrics metrics = new InMemorySyncMetrics();

  @BeforeAll
  static void startSimulator() {
    simulator = AdapterSimulator.start(KEY, 16);
    simulator.generate(20, FROM);
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void reset() {
    simulator.clearFaults();
    simulator.resetRequestCounts();
  }

  private AdapterClient client(AdapterConfig.RateLimit rate, AdapterConfig.CircuitBreaker circuit) {
    return AdapterClient.create(
        AdapterConfig.defaults(simulator.baseUri(), KEY)
            .withAttemptsMax(1)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2))
            .withRateLimit(rate)
            .withCircuitBreaker(circuit),
        Clock.systemUTC(),
        metrics);
  }

  private static AdapterConfig.RateLimit unlimited() {
    return new AdapterConfig.RateLimit(
        AdapterConfig.REQUESTS_PER_SECOND_MAX, Duration.ofSeconds(5));
  }

  private static AdapterConfig.CircuitBreaker breaker(int failuresMax) {
    return new AdapterConfig.CircuitBreaker(failuresMax, OPEN, 1);
  }

  private static List<FetchResult> fetchConcurrently(AdapterClient client, int threads, int each)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<FetchResult>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  List<FetchResult> results = new ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    results.add(client.fetch(AdapterSimulator.gsrnAt((thread + i) % 20), FROM));
                  }
                  return results;
                }));
      }
      List<FetchResult> all = new ArrayList<>();
      for (Future<List<FetchResult>> future : futures) {
        all.addAll(future.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void eight_threads_sharing_one_client_never_exceed_its_request_rate() throws Exception {
    AdapterClient client =
        client(new AdapterConfig.RateLimit(200, Duration.ofSeconds(5)), breaker(20));
    long started = System.nanoTime();

    List<FetchResult> results = fetchConcurrently(client, 8, 40);

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(results).allMatch(r -> r instanceof FetchResult.Found);
    assertThat(simulator.requestCount()).isEqualTo(320);
    // 320 requests at 200/s take at least 1.6 s less one refresh portion (2 permits) at the start.
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1_550));
    assertThat(metrics.count(SyncMetrics.Timer.RATE_LIMIT_WAIT)).isEqualTo(320);
  }

  @Test
  void without_a_rate_limit_in_the_way_the_same_fetches_are_not_slowed_down() throws Exception {
    AdapterClient client = client(unlimited(), breaker(20));
    long started = System.nanoTime();

    List<FetchResult> results = fetchConcurrently(client, 8, 40);

    assertThat(results).allMatch(r -> r instanceof FetchResult.Found);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_550));
  }

  @Test
  void a_request_that_gets_no_permit_within_its_wait_fails_rate_limited_without_calling()
      throws Exception {
    AdapterClient client = client(new AdapterConfig.RateLimit(5, Duration.ZERO), breaker(20));

    List<FetchResult> results = fetchConcurrently(client, 4, 5);

    long found = results.stream().filter(r -> r instanceof FetchResult.Found).count();
    List<FetchResult.Failed> refused =
        results.stream()
            .filter(r -> r instanceof FetchResult.Failed)
            .map(r -> (FetchResult.Failed) r)
            .toList();
    assertThat(refused).isNotEmpty();
    assertThat(refused)
        .allSatisfy(
            failed -> {
              assertThat(failed.kind()).isEqualTo(FetchResult.Kind.RATE_LIMITED);
              assertThat(failed.message()).contains("local rate limit (5/s)");
              assertThat(failed.attempts()).isZero();
            });
    assertThat(simulator.requestCount()).isEqualTo(found);
    assertThat(metrics.count(SyncMetrics.Counter.RATE_LIMIT_REJECTED)).isEqualTo(refused.size());
  }

  @Test
  void the_circuit_opens_after_consecutive_failures_and_then_spares_the_adapter() {
    AdapterClient client = client(unlimited(), breaker(3));
    simulator.inject(GSRN, Fault.of(Fault.Kind.SERVER_ERROR), 3);

    for (int i = 0; i < 3; i++) {
      assertThat(((FetchResult.Failed) client.fetch(GSRN, FROM)).kind())
          .isEqualTo(FetchResult.Kind.UNAVAILABLE);
    }
    FetchResult refused = client.fetch(GSRN, FROM);

    assertThat(client.circuitState()).isEqualTo(AdapterClient.CircuitState.OPEN);
    assertThat(refused).isInstanceOf(FetchResult.Failed.class);
    assertThat(((FetchResult.Failed) refused).kind()).isEqualTo(FetchResult.Kind.CIRCUIT_OPEN);
    assertThat(((FetchResult.Failed) refused).message())
        .contains("circuit is open after 3 consecutive failed attempts");
    assertThat(((FetchResult.Failed) refused).attempts()).isZero();
    assertThat(simulator.requestCount(GSRN)).isEqualTo(3);
    assertThat(metrics.count(SyncMetrics.Counter.CIRCUIT_OPENED)).isEqualTo(1);
    assertThat(metrics.count(SyncMetrics.Counter.CIRCUIT_REJECTED)).isEqualTo(1);
  }

  @Test
  void failures_broken_by_a_success_do_not_open_the_circuit() {
    AdapterClient client = client(unlimited(), breaker(3));

    for (int round = 0; round < 3; round++) {
      simulator.inject(GSRN, Fault.of(Fault.Kind.UNAVAILABLE), 2);
      client.fetch(GSRN, FROM);
      client.fetch(GSRN, FROM);
      assertThat(client.fetch(GSRN, FROM)).isInstanceOf(FetchResult.Found.class);
    }

    assertThat(client.circuitState()).isEqualTo(AdapterClient.CircuitState.CLOSED);
    assertThat(metrics.count(SyncMetrics.Counter.CIRCUIT_OPENED)).isZero();
  }

  @Test
  void answers_that_are_not_failures_of_the_adapter_keep_the_circuit_closed() {
    AdapterClient client = client(unlimited(), breaker(2));
    simulator.inject(GSRN, Fault.of(Fault.Kind.TEXT_PLAIN_CONTENT_TYPE), 2);
    simulator.inject(GSRN, Fault.of(Fault.Kind.FORBIDDEN), 2);

    for (int i = 0; i < 4; i++) {
      assertThat(client.fetch(GSRN, FROM)).isInstanceOf(FetchResult.Failed.class);
    }
    assertThat(client.fetch(AdapterSimulator.gsrnAt(999), FROM))
        .isInstanceOf(FetchResult.NotFound.class);

    assertThat(client.circuitState()).isEqualTo(AdapterClient.CircuitState.CLOSED);
  }

  @Test
  void after_the_open_duration_a_failed_probe_opens_it_again_and_a_good_probe_closes_it()
      throws Exception {
    AdapterClient client = client(unlimited(), breaker(2));
    simulator.inject(GSRN, Fault.of(Fault.Kind.SERVER_ERROR), 3);
    client.fetch(GSRN, FROM);
    client.fetch(GSRN, FROM);
    assertThat(client.circuitState()).isEqualTo(AdapterClient.CircuitState.OPEN);

    Thread.sleep(OPEN.toMillis() + 50);
    FetchResult failedProbe = client.fetch(GSRN, FROM);

    assertThat(((FetchResult.Failed) failedProbe).kind()).isEqualTo(FetchResult.Kind.UNAVAILABLE);
    assertThat(simulator.requestCount(GSRN)).isEqualTo(3);
    assertThat(client.circuitState()).isEqualTo(AdapterClient.CircuitState.OPEN);
    assertThat(((FetchResult.Failed) client.fetch(GSRN, FROM)).kind())
        .isEqualTo(FetchResult.Kind.CIRCUIT_OPEN);

    Thread.sleep(OPEN.toMillis() + 50);
    FetchResult goodProbe = client.fetch(GSRN, FROM);

    assertThat(goodProbe).isInstanceOf(FetchResult.Found.class);
    assertThat(client.circuitState()).isEqualTo(AdapterClient.CircuitState.CLOSED);
    assertThat(metrics.count(SyncMetrics.Counter.CIRCUIT_OPENED)).isEqualTo(2);
    assertThat(metrics.count(SyncMetrics.Counter.CIRCUIT_CLOSED)).isEqualTo(1);
  }

  @Test
  void a_failing_adapter_gets_a_bounded_number_of_requests_from_eight_threads_with_retries()
      throws Exception {
    AdapterClient client =
        AdapterClient.create(
            AdapterConfig.defaults(simulator.baseUri(), KEY)
                .withAttemptsMax(3)
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2))
                .withRateLimit(unlimited())
                .withCircuitBreaker(new AdapterConfig.CircuitBreaker(5, Duration.ofMinutes(5), 1)),
            Clock.systemUTC(),
            metrics);
    simulator.injectAny(Fault.of(Fault.Kind.UNAVAILABLE), 10_000);

    List<FetchResult> results = fetchConcurrently(client, 8, 20);

    assertThat(results).allMatch(r -> r instanceof FetchResult.Failed);
    // Without the breaker: 8 threads x 20 fetches x 3 attempts = 480 requests. With it: the 5
    // failures that open it plus at most the 8 attempts already admitted when it opened.
    assertThat(simulator.requestCount()).isLessThanOrEqualTo(5 + 8);
    assertThat(client.circuitState()).isEqualTo(AdapterClient.CircuitState.OPEN);
  }
}
