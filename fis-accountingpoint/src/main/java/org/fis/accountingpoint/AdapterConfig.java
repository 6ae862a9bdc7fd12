package org.fis.accountingpoint;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of {@link AdapterClient}. Immutable; {@link #toString()} masks the API key.
 *
 * @param baseUri the adapter's base URI, e.g. {@code http://accounting-point-adapter:8080}
 * @param apiKey the shared Bearer key; never logged
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout timeout of one HTTP attempt, until the response headers arrive
 * @param attemptsMax attempts per fetch including the first (1 = no retries)
 * @param backoffBase delay before the first retry; doubles per retry, with full jitter
 * @param backoffMax cap of the exponential delay
 * @param retryAfterMax longest Retry-After the client waits for; longer means give up
 */
public record AdapterConfig(
    URI baseUri,
    String apiKey,
    Duration connectTimeout,
    Duration requestTimeout,
    int attemptsMax,
    Duration backoffBase,
    Duration backoffMax,
    Duration retryAfterMax) {
  /** Default connect timeout. */
  public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(2);

  /** Default per-attempt timeout. */
  public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(6);

  /** Default attempts per fetch. */
  public static final int ATTEMPTS_MAX_DEFAULT = 3;

  /** Default first backoff. */
  public static final Duration BACKOFF_BASE_DEFAULT = Duration.ofMillis(200);

  /** Default backoff cap. */
  public static final Duration BACKOFF_MAX_DEFAULT = Duration.ofSeconds(5);

  /** Default Retry-After cap. */
  public static final Duration RETRY_AFTER_MAX_DEFAULT = Duration.ofSeconds(10);

  /** Upper bound of {@link #attemptsMax()}. */
  public static final int ATTEMPTS_LIMIT = 10;

  /** Validates every value. */
  public AdapterConfig {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(apiKey, "apiKey");
    if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
      throw new IllegalArgumentException("baseUri: must be http or https, got " + baseUri);
    }
    if (apiKey.isBlank() || apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("apiKey: must be non-blank printable ASCII");
    }
    positive(connectTimeout, "connectTimeout");
    positive(requestTimeout, "requestTimeout");
    positive(backoffBase, "backoffBase");
    positive(backoffMax, "backoffMax");
    Objects.requireNonNull(retryAfterMax, "retryAfterMax");
    if (retryAfterMax.isNegative()) {
      throw new IllegalArgumentException("retryAfterMax: must not be negative");
    }
    if (attemptsMax < 1 || attemptsMax > ATTEMPTS_LIMIT) {
      throw new IllegalArgumentException(
          "attemptsMax: must be within [1, " + ATTEMPTS_LIMIT + "], got " + attemptsMax);
    }
  }

  /**
   * The defaults for an adapter at {@code baseUri} with key {@code apiKey}.
   *
   * @param baseUri the adapter's base URI
   * @param apiKey the Bearer key
   * @return the configuration
   */
  public static AdapterConfig defaults(URI baseUri, String apiKey) {
    return new AdapterConfig(
        baseUri,
        apiKey,
        CONNECT_TIMEOUT_DEFAULT,
        REQUEST_TIMEOUT_DEFAULT,
        ATTEMPTS_MAX_DEFAULT,
        BACKOFF_BASE_DEFAULT,
        BACKOFF_MAX_DEFAULT,
        RETRY_AFTER_MAX_DEFAULT);
  }

  /** A copy with another base URI. */
  public AdapterConfig withBaseUri(URI value) {
    return new AdapterConfig(
        value,
        apiKey,
        connectTimeout,
        requestTimeout,
        attemptsMax,
        backoffBase,
        backoffMax,
        retryAfterMax);
  }

  /** A copy with another API key. */
  public AdapterConfig withApiKey(String value) {
    return new AdapterConfig(
        baseUri,
        value,
        connectTimeout,
        requestTimeout,
        attemptsMax,
        backoffBase,
        backoffMax,
        retryAfterMax);
  }

  /** A copy with another connect timeout. */
  public AdapterConfig withConnectTimeout(Duration value) {
    return new AdapterConfig(
        baseUri,
        apiKey,
        value,
        requestTimeout,
        attemptsMax,
        backoffBase,
        backoffMax,
        retryAfterMax);
  }

  /** A copy with another per-attempt timeout. */
  public AdapterConfig withRequestTimeout(Duration value) {
    return new AdapterConfig(
        baseUri,
        apiKey,
        connectTimeout,
        value,
        attemptsMax,
        backoffBase,
        backoffMax,
        retryAfterMax);
  }

  /** A copy with another attempt bound. */
  public AdapterConfig withAttemptsMax(int value) {
    return new AdapterConfig(
        baseUri,
        apiKey,
        connectTimeout,
        requestTimeout,
        value,
        backoffBase,
        backoffMax,
        retryAfterMax);
  }

  /** A copy with another first backoff and cap. */
  public AdapterConfig withBackoff(Duration base, Duration max) {
    return new AdapterConfig(
        baseUri, apiKey, connectTimeout, requestTimeout, attemptsMax, base, max, retryAfterMax);
  }

  /** A copy with another Retry-After cap. */
  public AdapterConfig withRetryAfterMax(Duration value) {
    return new AdapterConfig(
        baseUri,
        apiKey,
        connectTimeout,
        requestTimeout,
        attemptsMax,
        backoffBase,
        backoffMax,
        value);
  }

  @Override
  public String toString() {
    return "AdapterConfig[baseUri="
        + baseUri
        + ", apiKey=****, connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + ", attemptsMax="
        + attemptsMax
        + ", backoffBase="
        + backoffBase
        + ", backoffMax="
        + backoffMax
        + ", retryAfterMax="
        + retryAfterMax
        + "]";
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + ": must be positive, got " + value);
    }
  }
}
