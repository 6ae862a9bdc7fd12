package org.fis.accountingpoint;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Configuration of the sync: the one configuration {@link AccountingPoints#create} hands to every
 * part (engine, lookup, inbox, retention, worker pool), so that no two parts can disagree. Start
 * from {@link #defaults()} and change what differs with the {@code withXxx} methods. Immutable.
 *
 * @param zone the zone whose midnight starts the window of an accounting point without controllable
 *     units (a lookup): today's local midnight
 * @param schedule when syncs are due, how long one may run, how often idle parts poll
 * @param failureBackoff the backoff of a failing accounting point
 * @param retention how long data of an accounting point is kept after its last controllable unit
 *     goes (or after a lookup of one without units); also how long inbox entries are kept
 * @param workers the background worker pool's size and batches
 */
public record SyncConfig(
    ZoneId zone,
    Schedule schedule,
    FailureBackoff failureBackoff,
    Duration retention,
    Workers workers) {
  /** Default zone of "today's midnight". */
  public static final ZoneId ZONE_DEFAULT = ZoneId.of("Europe/Oslo");

  /** Default freshness of a successful sync. */
  public static final Duration FRESHNESS_DEFAULT = Duration.ofHours(23);

  /** Default freshness a lookup trusts. */
  public static final Duration LOOKUP_FRESHNESS_DEFAULT = Duration.ofHours(1);

  /** Default sync timeout. */
  public static final Duration SYNC_TIMEOUT_DEFAULT = Duration.ofMinutes(10);

  /** Default poll interval. */
  public static final Duration POLL_INTERVAL_DEFAULT = Duration.ofSeconds(5);

  /** Default first failure backoff. */
  public static final Duration FAILURE_BACKOFF_BASE_DEFAULT = Duration.ofMinutes(1);

  /** Default failure backoff cap. */
  public static final Duration FAILURE_BACKOFF_MAX_DEFAULT = Duration.ofHours(6);

  /** Default retention. */
  public static final Duration RETENTION_DEFAULT = Duration.ofDays(30);

  /** Default worker threads. */
  public static final int CONCURRENCY_DEFAULT = 4;

  /** Upper bound of {@link Workers#concurrency()}. */
  public static final int CONCURRENCY_MAX = 256;

  /** Default batch size. */
  public static final int BATCH_SIZE_DEFAULT = 50;

  /** Upper bound of {@link Workers#batchSize()}. */
  public static final int BATCH_SIZE_MAX = 1_000;

  /** Default events per event source poll. */
  public static final int EVENT_BATCH_SIZE_DEFAULT = 500;

  /** Upper bound of {@link Workers#eventBatchSize()}. */
  public static final int EVENT_BATCH_SIZE_MAX = 10_000;

  /** Validates every value. */
  public SyncConfig {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(failureBackoff, "failureBackoff");
    positive(retention, "retention");
    Objects.requireNonNull(workers, "workers");
  }

  /**
   * When syncs happen.
   *
   * @param freshness how long a successful sync stays fresh before the background syncs it again
   * @param lookupFreshness a lookup answers from local data synced at most this long ago, and calls
   *     the adapter otherwise (zero: always call)
   * @param syncTimeout how long a started sync may run; older starts are dead and reclaimable
   * @param pollInterval how often idle workers look for due accounting points, and how often the
   *     pool polls the event source and purges
   */
  public record Schedule(
      Duration freshness, Duration lookupFreshness, Duration syncTimeout, Duration pollInterval) {
    /** Validates. */
    public Schedule {
      positive(freshness, "schedule.freshness");
      Objects.requireNonNull(lookupFreshness, "schedule.lookupFreshness");
      if (lookupFreshness.isNegative()) {
        throw new IllegalArgumentException("schedule.lookupFreshness: must not be negative");
      }
      positive(syncTimeout, "schedule.syncTimeout");
      positive(pollInterval, "schedule.pollInterval");
    }
  }

  /**
   * Exponential backoff with equal jitter of a failing accounting point: between half and all of
   * {@code base · 2^failures}, at most {@code max}.
   *
   * @param base delay after the first failure
   * @param max cap of the delay
   */
  public record FailureBackoff(Duration base, Duration max) {
    /** Validates. */
    public FailureBackoff {
      positive(base, "failureBackoff.base");
      positive(max, "failureBackoff.max");
    }
  }

  /**
   * The background worker pool.
   *
   * @param concurrency worker threads (each runs one adapter request at a time), at most {@value
   *     #CONCURRENCY_MAX}
   * @param batchSize accounting points one worker claims at a time, at most {@value
   *     #BATCH_SIZE_MAX}
   * @param eventBatchSize events taken from the event source per poll, at most {@value
   *     #EVENT_BATCH_SIZE_MAX}
   */
  public record Workers(int concurrency, int batchSize, int eventBatchSize) {
    /** Validates. */
    public Workers {
      range(concurrency, CONCURRENCY_MAX, "workers.concurrency");
      range(batchSize, BATCH_SIZE_MAX, "workers.batchSize");
      range(eventBatchSize, EVENT_BATCH_SIZE_MAX, "workers.eventBatchSize");
    }
  }

  /**
   * The defaults: Europe/Oslo, fresh for 23 h, lookups trust 1 h, sync timeout 10 min, poll every 5
   * s, failure backoff 1 min doubling to 6 h, retention 30 days, 4 workers claiming 50 at a time,
   * 500 events per poll.
   *
   * @return the configuration
   */
  public static SyncConfig defaults() {
    return new SyncConfig(
        ZONE_DEFAULT,
        new Schedule(
            FRESHNESS_DEFAULT,
            LOOKUP_FRESHNESS_DEFAULT,
            SYNC_TIMEOUT_DEFAULT,
            POLL_INTERVAL_DEFAULT),
        new FailureBackoff(FAILURE_BACKOFF_BASE_DEFAULT, FAILURE_BACKOFF_MAX_DEFAULT),
        RETENTION_DEFAULT,
        new Workers(CONCURRENCY_DEFAULT, BATCH_SIZE_DEFAULT, EVENT_BATCH_SIZE_DEFAULT));
  }

  /** A copy with another zone. */
  public SyncConfig withZone(ZoneId value) {
    return new SyncConfig(value, schedule, failureBackoff, retention, workers);
  }

  /** A copy with another schedule. */
  public SyncConfig withSchedule(Schedule value) {
    return new SyncConfig(zone, value, failureBackoff, retention, workers);
  }

  /** A copy with another freshness. */
  public SyncConfig withFreshness(Duration value) {
    return withSchedule(
        new Schedule(
            value, schedule.lookupFreshness(), schedule.syncTimeout(), schedule.pollInterval()));
  }

  /** A copy with another lookup freshness. */
  public SyncConfig withLookupFreshness(Duration value) {
    return withSchedule(
        new Schedule(schedule.freshness(), value, schedule.syncTimeout(), schedule.pollInterval()));
  }

  /** A copy with another sync timeout. */
  public SyncConfig withSyncTimeout(Duration value) {
    return withSchedule(
        new Schedule(
            schedule.freshness(), schedule.lookupFreshness(), value, schedule.pollInterval()));
  }

  /** A copy with another poll interval. */
  public SyncConfig withPollInterval(Duration value) {
    return withSchedule(
        new Schedule(
            schedule.freshness(), schedule.lookupFreshness(), schedule.syncTimeout(), value));
  }

  /** A copy with another failure backoff. */
  public SyncConfig withFailureBackoff(Duration base, Duration max) {
    return new SyncConfig(zone, schedule, new FailureBackoff(base, max), retention, workers);
  }

  /** A copy with another retention. */
  public SyncConfig withRetention(Duration value) {
    return new SyncConfig(zone, schedule, failureBackoff, value, workers);
  }

  /** A copy with another worker pool. */
  public SyncConfig withWorkers(Workers value) {
    return new SyncConfig(zone, schedule, failureBackoff, retention, value);
  }

  /** A copy with another batch size. */
  public SyncConfig withBatchSize(int value) {
    return withWorkers(new Workers(workers.concurrency(), value, workers.eventBatchSize()));
  }

  /** A copy with another worker count. */
  public SyncConfig withConcurrency(int value) {
    return withWorkers(new Workers(value, workers.batchSize(), workers.eventBatchSize()));
  }

  /** A copy with another event poll size. */
  public SyncConfig withEventBatchSize(int value) {
    return withWorkers(new Workers(workers.concurrency(), workers.batchSize(), value));
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
