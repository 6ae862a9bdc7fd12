package org.fis.accountingpoint;

import java.time.Duration;

/**
 * The small metrics port of the sync engine: counters and timings. Hosts bridge it to Micrometer,
 * OpenTelemetry or their own registry; {@link InMemorySyncMetrics} keeps them in memory.
 *
 * <p>Implementations must be thread-safe and cheap: they are called on every sync and every HTTP
 * attempt, from many threads.
 */
public interface SyncMetrics {
  /** A metrics sink that drops everything. */
  SyncMetrics NONE =
      new SyncMetrics() {
        @Override
        public void increment(Counter counter, long amount) {}

        @Override
        public void record(Timer timer, Duration duration) {}
      };

  /** What is counted. */
  enum Counter {
    /** Syncs that changed local data. */
    SYNCED,
    /** Syncs that found local data identical and wrote nothing but bookkeeping. */
    UNCHANGED,
    /** Syncs that failed (adapter failure, invalid response, 404, database error). */
    FAILED,
    /** Syncs not run: another sync of the accounting point was in progress, or it is untracked. */
    SKIPPED,
    /** HTTP retries made by the adapter client. */
    ADAPTER_RETRIES,
    /** Events newly accepted into the inbox. */
    EVENTS_ACCEPTED,
    /** Events already in the inbox (re-deliveries). */
    EVENTS_DUPLICATE,
    /** Lookups answered. */
    LOOKUPS,
    /** Accounting points purged after their retention. */
    PURGED,
    /** Fetches refused by the local rate limit: no permit within the configured wait. */
    RATE_LIMIT_REJECTED,
    /** Times the circuit breaker opened (closed or half-open to open). */
    CIRCUIT_OPENED,
    /** Times the circuit breaker closed again after a successful probe. */
    CIRCUIT_CLOSED,
    /** Attempts refused because the circuit was open: the adapter was not called. */
    CIRCUIT_REJECTED
  }

  /** What is timed. */
  enum Timer {
    /** One HTTP attempt to the adapter, until the body is read. */
    ADAPTER_REQUEST,
    /** Time one HTTP attempt waited for its permit under the rate limit. */
    RATE_LIMIT_WAIT,
    /** One whole sync of one accounting point (fetch and merge). */
    SYNC
  }

  /**
   * Adds to a counter.
   *
   * @param counter the counter
   * @param amount how much, at least 0
   */
  void increment(Counter counter, long amount);

  /**
   * Records a timing.
   *
   * @param timer the timer
   * @param duration the duration
   */
  void record(Timer timer, Duration duration);
}
