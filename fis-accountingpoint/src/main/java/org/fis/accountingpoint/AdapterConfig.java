package org.fis.accountingpoint;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of {@link AdapterClient}. Immutable; {@link #toString()} masks the API key. Start
 * from {@link #defaults(URI, String)} and change what differs with the {@code withXxx} methods.
 *
 * @param baseUri the adapter's base URI, e.g. {@code http://accounting-point-adapter:8080}
 * @param apiKey the shared Bearer key; never logged
 * @param timeouts connect and per-attempt timeouts
 * @param retry bounded retries of one fetch
 * @param rateLimit the request rate toward the adapter, shared by every thread using the client
 * @param circuitBreaker when to stop calling a failing adapter and how to probe it again
 */
public record AdapterConfig(
    URI baseUri,
    String apiKey,
    Timeouts timeouts,
    Retry retry,
    RateLimit rateLimit,
    CircuitBreaker circuitBreaker) {
  /** Default connect timeout. */
  public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(2);

  /** Default per-attempt timeout. */
  public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(6);

  /** Default attempts per fetch. */
  public static final int ATTEMPTS_MAX_DEFAULT = 3;

  /** Upper bound of {@link Retry#attemptsMax()}. */
  public static final int ATTEMPTS_LIMIT = 10;

  /** Default first backoff. */
  public static final Duration BACKOFF_BASE_DEFAULT = Duration.ofMillis(200);

  /** Default backoff cap. */
  public static final Duration BACKOFF_MAX_DEFAULT = Duration.ofSeconds(5);

  /** Default Retry-After cap. */
  public static final Duration RETRY_AFTER_MAX_DEFAULT = Duration.ofSeconds(10);

  /** Default request rate toward the adapter, per client (so per process with one front door). */
  public static final int REQUESTS_PER_SECOND_DEFAULT = 1_000;

  /** Upper bound of {@link RateLimit#requestsPerSecond()}. */
  public static final int REQUESTS_PER_SECOND_MAX = 100_000;

  /** Default longest wait of one request for its turn under the rate limit. */
  public static final Duration PERMIT_WAIT_MAX_DEFAULT = Duration.ofSeconds(5);

  /** Default consecutive failed attempts that open the circuit. */
  public static final int FAILURES_MAX_DEFAULT = 20;

  /** Upper bound of {@link CircuitBreaker#failuresMax()}. */
  public static final int FAILURES_MAX_LIMIT = 10_000;

  /** Default time the circuit stays open before it lets probes through. */
  public static final Duration OPEN_DURATION_DEFAULT = Duration.ofSeconds(30);

  /** Default probes let through while half-open. */
  public static final int PROBES_DEFAULT = 1;

  /** Upper bound of {@link CircuitBreaker#probes()}. */
  public static final int PROBES_MAX = 100;

  /** Validates every value. */
  public AdapterConfig {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
      throw new IllegalArgumentException("baseUri: must be http or https, got " + baseUri);
    }
    if (apiKey.isBlank() || apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("apiKey: must be non-blank printable ASCII");
    }
  }

  /**
   * Timeouts of the HTTP client.
   *
   * @param connect TCP connect timeout
   * @param request timeout of one HTTP attempt, until the response headers arrive
   */
  public record Timeouts(Duration connect, Duration request) {
    /** Validates. */
    public Timeouts {
      positive(connect, "timeouts.connect");
      positive(request, "timeouts.request");
    }
  }

  /**
   * Bounded retries of one fetch: exponential backoff with full jitter on timeouts, connection
   * errors, 5xx and 429.
   *
   * @param attemptsMax attempts per fetch including the first (1 = no retries), at most {@value
   *     #ATTEMPTS_LIMIT}
   * @param backoffBase delay before the first retry; doubles per retry, with full jitter
   * @param backoffMax cap of the exponential delay
   * @param retryAfterMax longest Retry-After the client waits for; longer means give up
   */
  public record Retry(
      int attemptsMax, Duration backoffBase, Duration backoffMax, Duration retryAfterMax) {
    /** Validates. */
    public Retry {
      if (attemptsMax < 1 || attemptsMax > ATTEMPTS_LIMIT) {
        throw new IllegalArgumentException(
            "retry.attemptsMax: must be within [1, " + ATTEMPTS_LIMIT + "], got " + attemptsMax);
      }
      positive(backoffBase, "retry.backoffBase");
      positive(backoffMax, "retry.backoffMax");
      Objects.requireNonNull(retryAfterMax, "retry.retryAfterMax");
      if (retryAfterMax.isNegative()) {
        throw new IllegalArgumentException("retry.retryAfterMax: must not be negative");
      }
    }
  }

  /**
   * The request rate toward the adapter. Every HTTP attempt (retries included) takes a permit; all
   * threads using one client share its permits.
   *
   * @param requestsPerSecond permits per second, at most {@value #REQUESTS_PER_SECOND_MAX}
   * @param permitWaitMax longest a request waits for a permit; past it the fetch fails as {@link
   *     FetchResult.Kind#RATE_LIMITED} without calling the adapter
   */
  public record RateLimit(int requestsPerSecond, Duration permitWaitMax) {
    /** Validates. */
    public RateLimit {
      if (requestsPerSecond < 1 || requestsPerSecond > REQUESTS_PER_SECOND_MAX) {
        throw new IllegalArgumentException(
            "rateLimit.requestsPerSecond: must be within [1, "
                + REQUESTS_PER_SECOND_MAX
                + "], got "
                + requestsPerSecond);
      }
      Objects.requireNonNull(permitWaitMax, "rateLimit.permitWaitMax");
      if (permitWaitMax.isNegative()) {
        throw new IllegalArgumentException("rateLimit.permitWaitMax: must not be negative");
      }
    }
  }

  /**
   * The circuit breaker: after {@code failuresMax} consecutive failed attempts (timeouts,
   * connection errors, 5xx, 429) it opens and the client fails fetches at once without calling the
   * adapter; after {@code openDuration} it lets {@code probes} attempts through (half-open) and
   * closes when one succeeds, or opens again when all fail.
   *
   * @param failuresMax consecutive failed attempts that open it, at most {@value
   *     #FAILURES_MAX_LIMIT}
   * @param openDuration how long it stays open before probing
   * @param probes attempts let through while half-open, at most {@value #PROBES_MAX}
   */
  public record CircuitBreaker(int failuresMax, Duration openDuration, int probes) {
    /** Validates. */
    public CircuitBreaker {
      if (failuresMax < 1 || failuresMax > FAILURES_MAX_LIMIT) {
        throw new IllegalArgumentException(
            "circuitBreaker.failuresMax: must be within [1, "
                + FAILURES_MAX_LIMIT
                + "], got "
                + failuresMax);
      }
      positive(openDuration, "circuitBreaker.openDuration");
      if (probes < 1 || probes > PROBES_MAX) {
        throw new IllegalArgumentException(
            "circuitBreaker.probes: must be within [1, " + PROBES_MAX + "], got " + probes);
      }
    }
  }

  /**
   * The defaults: connect timeout 2 s, request timeout 6 s, 3 attempts, backoff 200 ms doubling to
   * at most 5 s, Retry-After honoured up to 10 s, 1,000 requests/s with a wait of at most 5 s,
   * circuit opening after 20 consecutive failures for 30 s, then 1 probe.
   *
   * @param baseUri the adapter's base URI
   * @param apiKey the Bearer key
   * @return the configuration
   */
  public static AdapterConfig defaults(URI baseUri, String apiKey) {
    return new AdapterConfig(
        baseUri,
        apiKey,
        new Timeouts(CONNECT_TIMEOUT_DEFAULT, REQUEST_TIMEOUT_DEFAULT),
        new Retry(
            ATTEMPTS_MAX_DEFAULT,
            BACKOFF_BASE_DEFAULT,
            BACKOFF_MAX_DEFAULT,
            RETRY_AFTER_MAX_DEFAULT),
        new RateLimit(REQUESTS_PER_SECOND_DEFAULT, PERMIT_WAIT_MAX_DEFAULT),
        new CircuitBreaker(FAILURES_MAX_DEFAULT, OPEN_DURATION_DEFAULT, PROBES_DEFAULT));
  }

  /** A copy with another base URI. */
  public AdapterConfig withBaseUri(URI value) {
    return new AdapterConfig(value, apiKey, timeouts, retry, rateLimit, circuitBreaker);
  }

  /** A copy with another API key. */
  public AdapterConfig withApiKey(String value) {
    return new AdapterConfig(baseUri, value, timeouts, retry, rateLimit, circuitBreaker);
  }

  /** A copy with another connect timeout. */
  public AdapterConfig withConnectTimeout(Duration value) {
    return withTimeouts(new Timeouts(value, timeouts.request()));
  }

  /** A copy with another per-attempt timeout. */
  public AdapterConfig withRequestTimeout(Duration value) {
    return withTimeouts(new Timeouts(timeouts.connect(), value));
  }

  /** A copy with other timeouts. */
  public AdapterConfig withTimeouts(Timeouts value) {
    return new AdapterConfig(baseUri, apiKey, value, retry, rateLimit, circuitBreaker);
  }

  /** A copy with another attempt bound. */
  public AdapterConfig withAttemptsMax(int value) {
    return withRetry(
        new Retry(value, retry.backoffBase(), retry.backoffMax(), retry.retryAfterMax()));
  }

  /** A copy with another backoff. */
  public AdapterConfig withBackoff(Duration base, Duration max) {
    return withRetry(new Retry(retry.attemptsMax(), base, max, retry.retryAfterMax()));
  }

  /** A copy with another Retry-After cap. */
  public AdapterConfig withRetryAfterMax(Duration value) {
    return withRetry(
        new Retry(retry.attemptsMax(), retry.backoffBase(), retry.backoffMax(), value));
  }

  /** A copy with other retries. */
  public AdapterConfig withRetry(Retry value) {
    return new AdapterConfig(baseUri, apiKey, timeouts, value, rateLimit, circuitBreaker);
  }

  /** A copy with another rate limit. */
  public AdapterConfig withRateLimit(RateLimit value) {
    return new AdapterConfig(baseUri, apiKey, timeouts, retry, value, circuitBreaker);
  }

  /** A copy with another circuit breaker. */
  public AdapterConfig withCircuitBreaker(CircuitBreaker value) {
    return new AdapterConfig(baseUri, apiKey, timeouts, retry, rateLimit, value);
  }

  @Override
  public String toString() {
    return "AdapterConfig[baseUri="
        + baseUri
        + ", apiKey=****, timeouts="
        + timeouts
        + ", retry="
        + retry
        + ", rateLimit="
        + rateLimit
        + ", circuitBreaker="
        + circuitBreaker
        + "]";
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + ": must be positive, got " + value);
    }
  }
}
