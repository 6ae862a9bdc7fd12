package org.fis.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a {@link JobScheduler}.
 *
 * @param tickInterval how often the scheduler looks for due instants (a job is enqueued at most
 *     this long after its instant)
 * @param lateAfter how old a due instant may be before it counts as missed ({@link
 *     Schedule.MissedPolicy})
 * @param instantsPerTickMax the most instants one tick fires or skips per schedule (the rest at
 *     later ticks)
 * @param firedRetention how long the record of a fired (or skipped) instant is kept: after each
 *     tick the scheduler deletes older ones, at most {@value #PURGE_BATCH_SIZE} per tick, never a
 *     schedule's latest (its position); {@link Duration#ZERO} keeps them forever
 */
public record JobSchedulerConfig(
    Duration tickInterval, Duration lateAfter, int instantsPerTickMax, Duration firedRetention) {
  /** Default {@link #firedRetention()}: a week. */
  public static final Duration FIRED_RETENTION_DEFAULT = Duration.ofDays(7);

  /** The most fired instants one purge statement deletes. */
  public static final int PURGE_BATCH_SIZE = 1_000;

  /** Default {@link #tickInterval()}. */
  public static final Duration TICK_INTERVAL_DEFAULT = Duration.ofSeconds(1);

  /** Default {@link #lateAfter()}. */
  public static final Duration LATE_AFTER_DEFAULT = Duration.ofMinutes(1);

  /** Default {@link #instantsPerTickMax()}. */
  public static final int INSTANTS_PER_TICK_DEFAULT = 1_000;

  /** Largest {@link #instantsPerTickMax()}. */
  public static final int INSTANTS_PER_TICK_MAX = 10_000;

  /** The most schedules one database holds (one tick reads them all). */
  public static final int SCHEDULES_MAX = 10_000;

  /** Validates every value. */
  public JobSchedulerConfig {
    Objects.requireNonNull(tickInterval, "tickInterval");
    if (tickInterval.compareTo(Duration.ofMillis(10)) < 0) {
      throw new IllegalArgumentException(
          "tickInterval: must be at least 10 ms, got " + tickInterval);
    }
    Objects.requireNonNull(lateAfter, "lateAfter");
    if (lateAfter.isNegative()) {
      throw new IllegalArgumentException("lateAfter: must not be negative, got " + lateAfter);
    }
    if (instantsPerTickMax < 1 || instantsPerTickMax > INSTANTS_PER_TICK_MAX) {
      throw new IllegalArgumentException(
          "instantsPerTickMax: must be 1 to "
              + INSTANTS_PER_TICK_MAX
              + ", got "
              + instantsPerTickMax);
    }
    Objects.requireNonNull(firedRetention, "firedRetention");
    if (firedRetention.isNegative()) {
      throw new IllegalArgumentException(
          "firedRetention: must not be negative, got " + firedRetention);
    }
    if (!firedRetention.isZero() && firedRetention.compareTo(lateAfter) <= 0) {
      throw new IllegalArgumentException(
          "firedRetention: must be zero or longer than lateAfter "
              + lateAfter
              + ", got "
              + firedRetention);
    }
  }

  /**
   * A configuration with the default {@link #firedRetention()}.
   *
   * @param tickInterval how often the scheduler looks for due instants
   * @param lateAfter how old a due instant may be before it counts as missed
   * @param instantsPerTickMax the most instants one tick fires per schedule
   */
  public JobSchedulerConfig(Duration tickInterval, Duration lateAfter, int instantsPerTickMax) {
    this(tickInterval, lateAfter, instantsPerTickMax, FIRED_RETENTION_DEFAULT);
  }

  /**
   * The defaults: the {@code *_DEFAULT} constants.
   *
   * @return the default configuration
   */
  public static JobSchedulerConfig defaults() {
    return new JobSchedulerConfig(
        TICK_INTERVAL_DEFAULT,
        LATE_AFTER_DEFAULT,
        INSTANTS_PER_TICK_DEFAULT,
        FIRED_RETENTION_DEFAULT);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #tickInterval()} changed
   */
  public JobSchedulerConfig withTickInterval(Duration value) {
    return new JobSchedulerConfig(value, lateAfter, instantsPerTickMax, firedRetention);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #lateAfter()} changed
   */
  public JobSchedulerConfig withLateAfter(Duration value) {
    return new JobSchedulerConfig(tickInterval, value, instantsPerTickMax, firedRetention);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #instantsPerTickMax()} changed
   */
  public JobSchedulerConfig withInstantsPerTickMax(int value) {
    return new JobSchedulerConfig(tickInterval, lateAfter, value, firedRetention);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #firedRetention()} changed
   */
  public JobSchedulerConfig withFiredRetention(Duration value) {
    return new JobSchedulerConfig(tickInterval, lateAfter, instantsPerTickMax, value);
  }
}
