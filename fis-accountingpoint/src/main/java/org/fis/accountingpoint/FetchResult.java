package org.fis.accountingpoint;

import java.util.Objects;

/**
 * What one fetch of an accounting point from the adapter yielded: data, "unknown to the datahub",
 * or a classified failure. Expected outcomes of a remote call, so values rather than exceptions.
 */
public sealed interface FetchResult {
  /** The accounting point the fetch was for. */
  Gsrn gsrn();

  /**
   * The adapter returned valid data.
   *
   * @param gsrn the accounting point
   * @param data the validated data
   * @param attempts HTTP attempts made, at least 1
   */
  record Found(Gsrn gsrn, AccountingPointData data, int attempts) implements FetchResult {
    /** Validates. */
    public Found {
      Objects.requireNonNull(gsrn, "gsrn");
      Objects.requireNonNull(data, "data");
      if (!data.gsrn().equals(gsrn)) {
        throw new IllegalArgumentException("data: is for " + data.gsrn() + ", not " + gsrn);
      }
    }
  }

  /**
   * The adapter answered 404: the datahub does not know this accounting point.
   *
   * @param gsrn the accounting point
   */
  record NotFound(Gsrn gsrn) implements FetchResult {
    /** Validates. */
    public NotFound {
      Objects.requireNonNull(gsrn, "gsrn");
    }
  }

  /**
   * The fetch failed; nothing of it may be merged.
   *
   * @param gsrn the accounting point
   * @param kind the class of failure
   * @param message what went wrong, naming the field for invalid responses; never personal data
   * @param attempts HTTP attempts made
   */
  record Failed(Gsrn gsrn, Kind kind, String message, int attempts) implements FetchResult {
    /** Validates. */
    public Failed {
      Objects.requireNonNull(gsrn, "gsrn");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Classes of fetch failure. */
  enum Kind {
    /** Timeouts, connection errors or 5xx, still failing after the bounded retries. */
    UNAVAILABLE,
    /**
     * 429 still answered after the retries, a Retry-After longer than the configured cap, or no
     * permit of the local rate limit ({@link AdapterConfig.RateLimit}) within its wait.
     */
    RATE_LIMITED,
    /** 401 or 403: the API key or the adapter's access configuration is wrong. */
    CONFIGURATION,
    /** The body broke the contract (malformed JSON, missing field, bad check digit …). */
    INVALID_RESPONSE,
    /** Another unexpected status (e.g. 400): not retried. */
    UNEXPECTED_STATUS,
    /**
     * The circuit breaker is open after consecutive failures: the adapter was not called. See
     * {@link AdapterConfig.CircuitBreaker}.
     */
    CIRCUIT_OPEN
  }
}
