package org.fis.accountingpoint;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Configuration of {@link SyncEngine} and {@link SyncWorkerPool}. Immutable.
 *
 * @param zone the zone whose midnight starts the window of an accounting point without controllable
 *     units (a lookup): today's local midnight
 * @param freshness how long a successful sync stays fresh before the background syncs it again
 * @param syncTimeout how long a started sync may run; older starts are dead and reclaimable
 * @param failureBackoffBase delay after the first failure; doubles per consecutive failure, with
 *     jitter
 * @param failureBackoffMax cap of the failure backoff
 * @param lookupFreshness a lookup answers from local data synced at most this long ago, and calls
 *     the adapter otherwise
 * @param retention how long data of an accounting point is kept after its last controllable unit
 *     goes (or after a lookup of one without units)
 * @param pollInterval how often idle workers look for due accounting points, and how often the pool
 *     polls the event source and purges
 * @param batchSize accounting points one worker claims at a time
 * @param concurrency worker threads (each runs one adapter request at a time)
 * @param eventPollMax events taken from the event source per poll
 */
public record SyncConfig(
    ZoneId zone,
    Duration freshness,
    Duration syncTimeout,
    Duration failureBackoffBase,
    Duration failureBackoffMax,
    Duration lookupFreshness,
    Duration retention,
    Duration pollInterval,
    int batchSize,
    int concurrency,
    int eventPollMax) {
  /** Upper bound of {@link #batchSize()}. */
  public static final int BATCH_SIZE_LIMIT = 1_000;

  /** Upper bound of {@link #concurrency()}. */
  public static final int CONCURRENCY_LIMIT = 256;

  /** Upper bound of {@link #eventPollMax()}. */
  public static final int EVENT_POLL_LIMIT = 10_000;

  /** Validates every value. */
  public SyncConfig {
    Objects.requireNonNull(zone, "zone");
    positive(freshness, "freshness");
    positive(syncTimeout, "syncTimeout");
    positive(failureBackoffBase, "failureBackoffBase");
    positive(failureBackoffMax, "failureBackoffMax");
    Objects.requireNonNull(lookupFreshness, "lookupFreshness");
    if (lookupFreshness.isNegative()) {
      throw new IllegalArgumentException("lookupFreshness: must not be negative");
    }
    positive(retention, "retention");
    positive(pollInterval, "pollInterval");
    range(batchSize, BATCH_SIZE_LIMIT, "batchSize");
    range(concurrency, CONCURRENCY_LIMIT, "concurrency");
    range(eventPollMax, EVENT_POLL_LIMIT, "eventPollMax");
  }

  /**
   * The defaults: Europe/Oslo, fresh for 23 h, 10 min sync timeout, failures back off from 1 min to
   * 6 h, lookups trust data up to 1 h old, 30 days retention, 5 s poll, batches of 50, 4 workers,
   * 500 events per poll.
   *
   * @return the defaults
   */
  public static SyncConfig defaults() {
    return new SyncConfig(
        ZoneId.of("Europe/Oslo"),
        Duration.ofHours(23),
        Duration.ofMinutes(10),
        Duration.ofMinutes(1),
        Duration.ofHours(6),
        Duration.ofHours(1),
        Duration.ofDays(30),
        Duration.ofSeconds(5),
        50,
        4,
        500);
  }

  /** A copy with another zone. */
  public SyncConfig withZone(ZoneId value) {
    return new SyncConfig(
        value,
        freshness,
        syncTimeout,
        failureBackoffBase,
        failureBackoffMax,
        lookupFreshness,
        retention,
        pollInterval,
        batchSize,
        concurrency,
        eventPollMax);
  }

  /** A copy with another freshness. */
  public SyncConfig withFreshness(Duration value) {
    return new SyncConfig(
        zone,
        value,
        syncTimeout,
        failureBackoffBase,
        failureBackoffMax,
        lookupFreshness,
        retention,
        pollInterval,
        batchSize,
        concurrency,
        eventPollMax);
  }

  /** A copy with another sync timeout. */
  public SyncConfig withSyncTimeout(Duration value) {
    return new SyncConfig(
        zone,
        freshness,
        value,
        failureBackoffBase,
        failureBackoffMax,
        lookupFreshness,
        retention,
        pollInterval,
        batchSize,
        concurrency,
        eventPollMax);
  }

  /** A copy with another failure backoff. */
  public SyncConfig withFailureBackoff(Duration base, Duration max) {
    return new SyncConfig(
        zone,
        freshness,
        syncTimeout,
        base,
        max,
        lookupFreshness,
        retention,
        pollInterval,
        batchSize,
        concurrency,
        eventPollMax);
  }

  /** A copy with another lookup freshness. */
  public SyncConfig withLookupFreshness(Duration value) {
    return new SyncConfig(
        zone,
        freshness,
        syncTimeout,
        failureBackoffBase,
        failureBackoffMax,
        value,
        retention,
        pollInterval,
        batchSize,
        concurrency,
        eventPollMax);
  }

  /** A copy with another retention. */
  public SyncConfig withRetention(Duration value) {
    return new SyncConfig(
        zone,
        freshness,
        syncTimeout,
        failureBackoffBase,
        failureBackoffMax,
        lookupFreshness,
        value,
        pollInterval,
        batchSize,
        concurrency,
        eventPollMax);
  }

  /** A copy with another poll interval. */
  public SyncConfig withPollInterval(Duration value) {
    return new SyncConfig(
        zone,
        freshness,
        syncTimeout,
        failureBackoffBase,
        failureBackoffMax,
        lookupFreshness,
        retention,
        value,
        batchSize,
        concurrency,
        eventPollMax);
  }

  /** A copy with another batch size. */
  public SyncConfig withBatchSize(int value) {
    return new SyncConfig(
        zone,
        freshness,
        syncTimeout,
        failureBackoffBase,
        failureBackoffMax,
        lookupFreshness,
        retention,
        pollInterval,
        value,
        concurrency,
        eventPollMax);
  }

  /** A copy with another concurrency. */
  public SyncConfig withConcurrency(int value) {
    return new SyncConfig(
        zone,
        freshness,
        syncTimeout,
        failureBackoffBase,
        failureBackoffMax,
        lookupFreshness,
        retention,
        pollInterval,
        batchSize,
        value,
        eventPollMax);
  }

  /** A copy with another event poll bound. */
  public SyncConfig withEventPollMax(int value) {
    return new SyncConfig(
        zone,
        freshness,
        syncTimeout,
        failureBackoffBase,
        failureBackoffMax,
        lookupFreshness,
        retention,
        pollInterval,
        batchSize,
        concurrency,
        value);
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + ": must be positive, got " + value);
    }
  }

  private static void range(int value, int max, String name) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException(name + ": must be within [1, " + max + "], got " + value);
    }
  }
}
