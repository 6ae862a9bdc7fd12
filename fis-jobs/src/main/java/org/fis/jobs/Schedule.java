package org.fis.jobs;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A recurring job: every instant of its {@link Recurrence} enqueues one job of {@code jobType} with
 * {@code payloadJson}, whose {@link Job#runAt()} is the scheduled instant. Runs of one schedule are
 * keyed by {@code "schedule:" + name}, so they never overlap and run in order (the per-key ordering
 * of the queue). A value; see {@link JobScheduler}.
 *
 * @param name the schedule's unique name (1–200 characters)
 * @param jobType the type of the jobs it enqueues (a handler must be registered on some processor)
 * @param payloadJson the payload of every job, as JSON text
 * @param recurrence when it fires
 * @param missedPolicy what a tick does with instants that passed while no scheduler ran
 */
public record Schedule(
    String name,
    String jobType,
    String payloadJson,
    Schedule.Recurrence recurrence,
    Schedule.MissedPolicy missedPolicy) {
  /** The longest schedule name. */
  public static final int NAME_LENGTH_MAX = 200;

  /** Validates the schedule. */
  public Schedule {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.length() > NAME_LENGTH_MAX) {
      throw new IllegalArgumentException(
          "name: must be 1 to " + NAME_LENGTH_MAX + " characters, got " + name.length());
    }
    JobQueue.checkType(jobType, "jobType");
    JobQueue.checkJson(payloadJson, "payloadJson");
    Objects.requireNonNull(recurrence, "recurrence");
    Objects.requireNonNull(missedPolicy, "missedPolicy");
  }

  /**
   * A cron schedule with an empty payload and {@link MissedPolicy#RUN_ONCE}.
   *
   * @param name the schedule name
   * @param jobType the job type
   * @param cron the cron expression, e.g. {@code "30 2 * * *"}
   * @param zone the zone the expression is read in
   * @return the schedule
   */
  public static Schedule cron(String name, String jobType, String cron, ZoneId zone) {
    return new Schedule(
        name, jobType, "{}", new Cron(CronExpression.parse(cron), zone), MissedPolicy.RUN_ONCE);
  }

  /**
   * A fixed-delay schedule with an empty payload: the next run is due {@code delay} after the
   * previous one finished.
   *
   * @param name the schedule name
   * @param jobType the job type
   * @param delay the delay after each run (at least a second)
   * @return the schedule
   */
  public static Schedule fixedDelay(String name, String jobType, Duration delay) {
    return new Schedule(name, jobType, "{}", new FixedDelay(delay), MissedPolicy.RUN_ONCE);
  }

  /**
   * This schedule with another payload.
   *
   * @param value the payload JSON
   * @return a copy
   */
  public Schedule withPayloadJson(String value) {
    return new Schedule(name, jobType, value, recurrence, missedPolicy);
  }

  /**
   * This schedule with another missed-instant policy.
   *
   * @param value the policy
   * @return a copy
   */
  public Schedule withMissedPolicy(MissedPolicy value) {
    return new Schedule(name, jobType, payloadJson, recurrence, value);
  }

  /** The ordering key of this schedule's jobs. */
  public String jobKey() {
    return "schedule:" + name;
  }

  /** When a schedule fires. */
  public sealed interface Recurrence permits Cron, FixedDelay {}

  /**
   * Every instant the expression matches in the zone (see {@link CronExpression} for DST).
   *
   * @param expression the expression
   * @param zone the zone
   */
  public record Cron(CronExpression expression, ZoneId zone) implements Recurrence {
    /** Validates the recurrence. */
    public Cron {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(zone, "zone");
    }
  }

  /**
   * The next run is due {@code delay} after the previous run finished (succeeded, was cancelled or
   * went dead); the first run {@code delay} after the schedule was first defined.
   *
   * @param delay the delay, at least {@link #DELAY_MIN}
   */
  public record FixedDelay(Duration delay) implements Recurrence {
    /** The shortest delay. */
    public static final Duration DELAY_MIN = Duration.ofSeconds(1);

    /** Validates the recurrence. */
    public FixedDelay {
      Objects.requireNonNull(delay, "delay");
      if (delay.compareTo(DELAY_MIN) < 0) {
        throw new IllegalArgumentException("delay: must be at least 1 s, got " + delay);
      }
    }
  }

  /**
   * What a tick does with <em>missed</em> instants of a cron schedule: due instants older than
   * {@link JobSchedulerConfig#lateAfter()} (one minute by default), which exist only when no
   * scheduler ticked for that long (everything was down). Instants within the tolerance always run.
   * Fixed-delay schedules have one pending instant at most and run it whatever the policy.
   */
  public enum MissedPolicy {
    /** Enqueue one job, for the latest due instant; the earlier ones are dropped. The default. */
    RUN_ONCE,
    /**
     * Enqueue a job for every due instant, oldest first (at most {@link
     * JobSchedulerConfig#instantsPerTickMax()} per tick; the rest at the next ticks).
     */
    RUN_ALL,
    /**
     * Enqueue nothing for instants older than {@link JobSchedulerConfig#lateAfter()}; the position
     * moves past them. An instant within that tolerance still runs.
     */
    SKIP
  }
}
