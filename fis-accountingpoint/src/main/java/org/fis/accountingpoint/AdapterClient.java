package org.fis.accountingpoint;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.fis.accountingpoint.internal.AdapterGuard;
import org.fis.accountingpoint.internal.InvalidResponseException;
import org.fis.accountingpoint.internal.ResponseMediaType;
import org.fis.accountingpoint.internal.ResponseParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP client of the accounting point adapter contract ({@code GET
 * /accounting_point/{gsrn}?valid_from=…}) on {@code java.net.http}: Bearer key, timeouts, bounded
 * retries with exponential backoff and full jitter on timeouts, connection errors, 5xx and 429
 * (honouring Retry-After up to a cap), 404 as {@link FetchResult.NotFound}, 401/403 as a
 * configuration failure, and strict validation of the body (tolerant of unknown fields).
 *
 * <p>Thread-safe; one instance serves all threads. Never touches the database. Never logs the API
 * key or end user ids.
 */
public final class AdapterClient implements AccountingPointAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(AdapterClient.class);

  private final AdapterConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final SyncMetrics metrics;
  private final DoubleSupplier jitter;
  private final AdapterGuard guard;

  private AdapterClient(
      AdapterConfig config, Clock clock, SyncMetrics metrics, DoubleSupplier jitter) {
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
    this.jitter = jitter;
    this.guard = AdapterGuard.create(config.rateLimit(), config.circuitBreaker(), metrics);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.timeouts().connect())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Creates a client and logs its effective configuration once (key masked).
   *
   * @param config the configuration
   * @param clock the clock used to read HTTP-date Retry-After values
   * @param metrics where adapter timings and retries go
   * @return the client
   */
  public static AdapterClient create(AdapterConfig config, Clock clock, SyncMetrics metrics) {
    return create(config, clock, metrics, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Creates a client with an explicit jitter source, for deterministic tests.
   *
   * @param config the configuration
   * @param clock the clock used to read HTTP-date Retry-After values
   * @param metrics where adapter timings and retries go
   * @param jitter uniform values in [0, 1) that scale each backoff
   * @return the client
   */
  public static AdapterClient create(
      AdapterConfig config, Clock clock, SyncMetrics metrics, DoubleSupplier jitter) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(jitter, "jitter");
    LOG.info("Accounting point adapter client: {}", config);
    return new AdapterClient(config, clock, metrics, jitter);
  }

  /** The configuration (its toString masks the key). */
  public AdapterConfig config() {
    return config;
  }

  @Override
  public FetchResult fetch(Gsrn gsrn, Instant validFrom) {
    Objects.requireNonNull(gsrn, "gsrn");
    Objects.requireNonNull(validFrom, "validFrom");
    HttpRequest request = request(gsrn, validFrom);
    String lastProblem = "no attempt made";
    FetchResult.Kind lastKind = FetchResult.Kind.UNAVAILABLE;
    for (int attempt = 1; attempt <= config.retry().attemptsMax(); attempt++) {
      Optional<FetchResult> refused = admit(gsrn, attempt);
      if (refused.isPresent()) {
        return refused.get();
      }
      Attempt outcome = attempt(request, gsrn, attempt);
      if (outcome.result != null) {
        return outcome.result;
      }
      lastProblem = outcome.problem;
      lastKind = outcome.kind;
      if (attempt == config.retry().attemptsMax()) {
        break;
      }
      Duration delay = backoff(attempt);
      if (outcome.retryAfter != null) {
        if (outcome.retryAfter.compareTo(config.retry().retryAfterMax()) > 0) {
          return new FetchResult.Failed(
              gsrn,
              FetchResult.Kind.RATE_LIMITED,
              "adapter asked to retry after "
                  + outcome.retryAfter.toSeconds()
                  + " s, longer than retryAfterMax "
                  + config.retry().retryAfterMax().toSeconds()
                  + " s",
              attempt);
        }
        delay = outcome.retryAfter.compareTo(delay) > 0 ? outcome.retryAfter : delay;
      }
      metrics.increment(SyncMetrics.Counter.ADAPTER_RETRIES, 1);
      if (!sleep(delay)) {
        return new FetchResult.Failed(gsrn, lastKind, "interrupted while backing off", attempt);
      }
    }
    return new FetchResult.Failed(
        gsrn,
        lastKind,
        lastProblem + " (after " + config.retry().attemptsMax() + " attempts)",
        config.retry().attemptsMax());
  }

  /** The circuit and the rate limit: a failure without calling the adapter, or empty to go on. */
  private Optional<FetchResult> admit(Gsrn gsrn, int attempt) {
    AdapterGuard.Admission admission = guard.admit();
    if (admission == AdapterGuard.Admission.CIRCUIT_OPEN) {
      return Optional.of(
          new FetchResult.Failed(
              gsrn,
              FetchResult.Kind.CIRCUIT_OPEN,
              "adapter not called: the circuit is open after "
                  + config.circuitBreaker().failuresMax()
                  + " consecutive failed attempts",
              attempt - 1));
    }
    if (admission == AdapterGuard.Admission.RATE_LIMITED) {
      return Optional.of(
          new FetchResult.Failed(
              gsrn,
              FetchResult.Kind.RATE_LIMITED,
              "adapter not called: no permit of the local rate limit ("
                  + config.rateLimit().requestsPerSecond()
                  + "/s) within "
                  + config.rateLimit().permitWaitMax().toMillis()
                  + " ms",
              attempt - 1));
    }
    return Optional.empty();
  }

  /** States of the client's circuit breaker. */
  public enum CircuitState {
    /** Requests flow. */
    CLOSED,
    /** Requests fail at once without calling the adapter, until the open duration passes. */
    OPEN,
    /** Probes are let through; one success closes the circuit, failures open it again. */
    HALF_OPEN
  }

  /** The circuit breaker's current state, for health checks. */
  public CircuitState circuitState() {
    return CircuitState.valueOf(guard.state().name());
  }

  /** The outcome of one attempt: a final result, or a retryable problem. */
  private static final class Attempt {
    FetchResult result;
    String problem;
    FetchResult.Kind kind = FetchResult.Kind.UNAVAILABLE;
    Duration retryAfter;
    boolean abandoned;

    static Attempt done(FetchResult result) {
      Attempt a = new Attempt();
      a.result = result;
      return a;
    }

    static Attempt retry(FetchResult.Kind kind, String problem, Duration retryAfter) {
      Attempt a = new Attempt();
      a.kind = kind;
      a.problem = problem;
      a.retryAfter = retryAfter;
      return a;
    }
  }

  /** One admitted attempt; its outcome feeds the circuit breaker. */
  private Attempt attempt(HttpRequest request, Gsrn gsrn, int attempt) {
    long started = System.nanoTime();
    Attempt outcome = exchange(request, gsrn, attempt);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    if (outcome.abandoned) {
      guard.abandoned();
    } else if (outcome.result == null) {
      guard.failed(took, outcome.problem);
    } else {
      guard.succeeded(took);
    }
    return outcome;
  }

  private Attempt exchange(HttpRequest request, Gsrn gsrn, int attempt) {
    long started = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      return Attempt.retry(
          FetchResult.Kind.UNAVAILABLE,
          "adapter did not answer within " + config.timeouts().request().toMillis() + " ms",
          null);
    } catch (IOException e) {
      return Attempt.retry(
          FetchResult.Kind.UNAVAILABLE,
          "adapter connection failed: " + e.getClass().getSimpleName(),
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Attempt interrupted =
          Attempt.done(
              new FetchResult.Failed(
                  gsrn,
                  FetchResult.Kind.UNAVAILABLE,
                  "interrupted during the adapter request",
                  attempt));
      interrupted.abandoned = true;
      return interrupted;
    } finally {
      metrics.record(
          SyncMetrics.Timer.ADAPTER_REQUEST, Duration.ofNanos(System.nanoTime() - started));
    }
    int status = response.statusCode();
    if (status == 200) {
      Optional<String> mediaProblem = ResponseMediaType.problem(response.headers());
      if (mediaProblem.isPresent()) {
        LOG.warn("Adapter response for accounting point {} rejected: {}", gsrn, mediaProblem.get());
        return Attempt.done(
            new FetchResult.Failed(
                gsrn,
                FetchResult.Kind.INVALID_RESPONSE,
                "invalid adapter response: " + mediaProblem.get(),
                attempt));
      }
      try {
        return Attempt.done(
            new FetchResult.Found(gsrn, ResponseParser.parse(response.body(), gsrn), attempt));
      } catch (InvalidResponseException e) {
        LOG.warn("Adapter response for accounting point {} rejected: {}", gsrn, e.getMessage());
        return Attempt.done(
            new FetchResult.Failed(
                gsrn,
                FetchResult.Kind.INVALID_RESPONSE,
                "invalid adapter response: " + e.getMessage(),
                attempt));
      }
    }
    if (status == 404) {
      return Attempt.done(new FetchResult.NotFound(gsrn));
    }
    if (status == 401 || status == 403) {
      String message =
          "adapter rejected the request with HTTP "
              + status
              + ": the configured API key is wrong or not authorised; fix AdapterConfig.apiKey";
      LOG.error("{} (accounting point {})", message, gsrn);
      return Attempt.done(
          new FetchResult.Failed(gsrn, FetchResult.Kind.CONFIGURATION, message, attempt));
    }
    if (status == 429) {
      Duration retryAfter = retryAfter(response).orElse(null);
      return Attempt.retry(
          FetchResult.Kind.RATE_LIMITED,
          "adapter answered HTTP 429",
          retryAfter == null ? Duration.ZERO : retryAfter);
    }
    if (status >= 500) {
      return Attempt.retry(FetchResult.Kind.UNAVAILABLE, "adapter answered HTTP " + status, null);
    }
    return Attempt.done(
        new FetchResult.Failed(
            gsrn,
            FetchResult.Kind.UNEXPECTED_STATUS,
            "adapter answered unexpected HTTP " + status,
            attempt));
  }

  private HttpRequest request(Gsrn gsrn, Instant validFrom) {
    String base = config.baseUri().toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    URI uri =
        URI.create(
            base
                + "/accounting_point/"
                + gsrn.value()
                + "?valid_from="
                + URLEncoder.encode(validFrom.toString(), StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(uri)
        .timeout(config.timeouts().request())
        .header("Authorization", "Bearer " + config.apiKey())
        .header("Accept", "application/json")
        .GET()
        .build();
  }

  /** Exponential backoff with full jitter: uniform in [0, min(max, base * 2^(attempt-1))]. */
  private Duration backoff(int attempt) {
    long baseMillis = config.retry().backoffBase().toMillis();
    long capMillis = config.retry().backoffMax().toMillis();
    long exponential = baseMillis << Math.min(attempt - 1, 20);
    long bound = Math.min(capMillis, exponential);
    return Duration.ofMillis((long) (bound * jitter.getAsDouble()));
  }

  private Optional<Duration> retryAfter(HttpResponse<byte[]> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    try {
      long seconds = Long.parseLong(value);
      return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
