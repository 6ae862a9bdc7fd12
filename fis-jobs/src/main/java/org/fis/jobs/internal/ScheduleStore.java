package org.fis.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.fis.jobs.CronExpression;
import org.fis.jobs.Schedule;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;

/**
 * The SQL of schedules, in {@code .sql} files beside this class ({@code
 * org/fis/jobs/internal/ScheduleStore/*.sql}), loaded once with Jdbi's classpath SQL locator. Each
 * method runs on the given handle in its transaction and never commits.
 */
public final class ScheduleStore {
  private static final ClasspathSqlLocator LOCATOR = ClasspathSqlLocator.removingComments();
  private static final String DEFINE = sql("define");
  private static final String REMOVE = sql("remove");
  private static final String LOAD = sql("load");
  private static final String LIST = sql("list");
  private static final String FIRE = sql("fire");
  private static final String PURGE_SETTINGS = sql("purgeSettings");
  private static final String PURGE_FIRED = sql("purgeFired");

  private ScheduleStore() {}

  private static String sql(String name) {
    return LOCATOR.locate(ScheduleStore.class, name);
  }

  /**
   * A stored schedule with its position.
   *
   * @param schedule the definition
   * @param definedAt when its recurrence was last defined or changed
   * @param lastFireAt the latest instant fired or skipped, or {@code null}
   * @param lastJobId the job of that instant, or {@code null} (skipped, or none)
   * @param lastFinishedAt when that job finished (fixed delays only), or {@code null}
   */
  public record Stored(
      Schedule schedule,
      Instant definedAt,
      Instant lastFireAt,
      Long lastJobId,
      Instant lastFinishedAt) {}

  /**
   * One instant to fire.
   *
   * @param name the schedule
   * @param fireAt the instant
   * @param enqueue whether to enqueue a job ({@code false}: record it as skipped)
   */
  public record Fire(String name, Instant fireAt, boolean enqueue) {}

  /**
   * What a fire statement wrote.
   *
   * @param fired instants recorded by this statement (the others were recorded by someone else)
   * @param enqueued jobs enqueued
   */
  public record Fired(int fired, int enqueued) {}

  /**
   * Adds or changes a schedule.
   *
   * @param handle the transaction
   * @param schedule the definition
   * @param now the scheduler's time
   * @return whether a row was written (false: stored already, identical)
   */
  public static boolean define(Handle handle, Schedule schedule, Instant now) {
    String cron = null;
    String zone = null;
    Long delayMillis = null;
    if (schedule.recurrence() instanceof Schedule.Cron c) {
      cron = c.expression().toString();
      zone = c.zone().getId();
    } else if (schedule.recurrence() instanceof Schedule.FixedDelay d) {
      delayMillis = d.delay().toMillis();
    } else {
      throw new AssertionError(schedule.recurrence());
    }
    return handle
            .createUpdate(DEFINE)
            .bind("name", schedule.name())
            .bind("jobType", schedule.jobType())
            .bind("payload", schedule.payloadJson())
            .bind("cron", cron)
            .bind("zone", zone)
            .bind("fixedDelayMs", delayMillis)
            .bind("missedPolicy", schedule.missedPolicy().name())
            .bind("definedAt", utc(now))
            .execute()
        > 0;
  }

  /**
   * Removes a schedule (its fire log stays).
   *
   * @param handle the transaction
   * @param name the schedule
   * @return whether it existed
   */
  public static boolean remove(Handle handle, String name) {
    return handle.createUpdate(REMOVE).bind("name", name).execute() > 0;
  }

  /**
   * Every schedule with its position, by name.
   *
   * @param handle the transaction
   * @param limit the most schedules to read
   * @return the schedules
   */
  public static List<Stored> load(Handle handle, int limit) {
    return handle.createQuery(LOAD).bind("limit", limit).map((rs, ctx) -> stored(rs)).list();
  }

  /**
   * Every schedule, by name, without positions.
   *
   * @param handle the transaction
   * @param limit the most schedules to read
   * @return the schedules
   */
  public static List<Schedule> list(Handle handle, int limit) {
    return handle
        .createQuery(LIST)
        .bind("limit", limit)
        .map((rs, ctx) -> stored(rs).schedule())
        .list();
  }

  /**
   * Records instants and enqueues their jobs, each at most once whoever else fires it.
   *
   * @param handle the transaction
   * @param fires the instants, in the order to enqueue
   * @return what this statement wrote
   */
  public static Fired fire(Handle handle, List<Fire> fires) {
    if (fires.isEmpty()) {
      return new Fired(0, 0);
    }
    String[] names = new String[fires.size()];
    String[] at = new String[fires.size()];
    Boolean[] enqueue = new Boolean[fires.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = fires.get(i).name();
      at[i] = fires.get(i).fireAt().toString();
      enqueue[i] = fires.get(i).enqueue();
    }
    return handle
        .createQuery(FIRE)
        .bind("lockClass", JobStore.KEY_LOCK_CLASS)
        .bindArray("names", String.class, (Object[]) names)
        .bindArray("fireAts", String.class, (Object[]) at)
        .bindArray("enqueue", Boolean.class, (Object[]) enqueue)
        .map((rs, ctx) -> new Fired(rs.getInt("fired"), rs.getInt("enqueued")))
        .one();
  }

  /**
   * Deletes up to {@code limit} fired instants before {@code before}, never a schedule's latest.
   * Sets the archiving setting for the rest of the transaction: call it in a transaction of its
   * own.
   *
   * @return how many were deleted
   */
  public static int purgeFired(Handle handle, Instant before, int limit) {
    handle.execute(PURGE_SETTINGS);
    return handle
        .createQuery(PURGE_FIRED)
        .bind("before", utc(before))
        .bind("limit", limit)
        .mapTo(Integer.class)
        .one();
  }

  private static Stored stored(ResultSet rs) throws SQLException {
    Schedule.Recurrence recurrence;
    String cron = rs.getString("cron");
    if (cron != null) {
      recurrence = new Schedule.Cron(CronExpression.parse(cron), ZoneId.of(rs.getString("zone")));
    } else {
      recurrence = new Schedule.FixedDelay(Duration.ofMillis(rs.getLong("fixed_delay_ms")));
    }
    Schedule schedule =
        new Schedule(
            rs.getString("schedule_name"),
            rs.getString("job_type"),
            rs.getString("payload"),
            recurrence,
            Schedule.MissedPolicy.valueOf(rs.getString("missed_policy")));
    long lastJob = rs.getLong("last_job_id");
    Long lastJobId = rs.wasNull() ? null : lastJob;
    return new Stored(
        schedule,
        instant(rs, "defined_at"),
        instant(rs, "last_fire_at"),
        lastJobId,
        instant(rs, "last_finished_at"));
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
