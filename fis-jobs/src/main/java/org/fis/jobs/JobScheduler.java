package org.fis.jobs;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fis.jobs.internal.JobStore;
import org.fis.jobs.internal.SchedulePlanner;
import org.fis.jobs.internal.ScheduleStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recurring jobs: turns the instants of stored {@link Schedule}s into jobs on the queue, each
 * instant exactly once however many schedulers run (in one process or many) and whichever of them
 * die mid-tick. The jobs are ordinary jobs, run by any {@link JobProcessor} that registered their
 * type, so a run that fails is retried and a run whose processor dies is taken over, as for every
 * job.
 *
 * <pre>{@code
 * JobScheduler scheduler =
 *     JobScheduler.create(jdbi, JobSchedulerConfig.defaults(), Clock.systemUTC())
 *         .define(Schedule.cron("nightly-purge", "host.purge", "30 2 * * *", ZoneId.of("Europe/Oslo")));
 * scheduler.start(); // stores the definitions, then ticks every second
 * }</pre>
 *
 * <p>Each tick (one transaction of its own) reads every schedule with its position (the latest
 * instant fired), computes the due instants with the injected clock, and inserts, in one statement,
 * a row of {@code fis_jobs.schedule_fire} per instant together with its job; the primary key {@code
 * (schedule_name, fire_at)} lets exactly one tick per instant through. Missed instants follow the
 * schedule's {@link Schedule.MissedPolicy}. Definitions given to {@link #define(Schedule)} are
 * stored at {@link #start()} (defining an identical schedule again keeps its position); {@link
 * #define(Handle, Schedule)} and {@link #remove} change them at run time in the caller's
 * transaction.
 *
 * <p>Thread-safe. Owns its transactions (tick, start); the {@code Handle} methods run in the
 * caller's.
 */
public final class JobScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

  private final Jdbi jdbi;
  private final JobSchedulerConfig config;
  private final Clock clock;
  private final Map<String, Schedule> definitions = new LinkedHashMap<>();
  private ScheduledExecutorService ticker;
  private boolean closed;

  private JobScheduler(Jdbi jdbi, JobSchedulerConfig config, Clock clock) {
    this.jdbi = jdbi;
    this.config = config;
    this.clock = clock;
  }

  /**
   * A scheduler, not started. Logs the effective configuration once.
   *
   * @param jdbi the database; the scheduler opens its own handles and transactions on it
   * @param config the configuration
   * @param clock the time instants are compared with
   * @return the scheduler
   */
  public static JobScheduler create(Jdbi jdbi, JobSchedulerConfig config, Clock clock) {
    Objects.requireNonNull(jdbi, "jdbi");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    LOG.info("Job scheduler created with {}", config);
    return new JobScheduler(jdbi, config, clock);
  }

  /**
   * Adds a definition, stored at {@link #start()} (or at once by {@link #storeDefinitions()}).
   *
   * @param schedule the schedule
   * @return this scheduler
   * @throws IllegalStateException when a schedule of that name was already added
   */
  public synchronized JobScheduler define(Schedule schedule) {
    Objects.requireNonNull(schedule, "schedule");
    if (definitions.putIfAbsent(schedule.name(), schedule) != null) {
      throw new IllegalStateException("define: schedule " + schedule.name() + " already added");
    }
    return this;
  }

  /**
   * Stores the definitions added with {@link #define(Schedule)} in a transaction of its own.
   *
   * @return how many were new or changed
   */
  public int storeDefinitions() {
    List<Schedule> schedules;
    synchronized (this) {
      schedules = new ArrayList<>(definitions.values());
    }
    Instant now = now();
    return jdbi.inTransaction(
        h -> {
          int written = 0;
          for (Schedule schedule : schedules) {
            written += ScheduleStore.define(h, schedule, now) ? 1 : 0;
          }
          return written;
        });
  }

  /**
   * Adds or changes a schedule in the caller's transaction. A changed recurrence counts from now
   * (the scheduler's clock): instants before it are not fired.
   *
   * @param handle the caller's transaction
   * @param schedule the schedule
   * @return whether anything was written (false: stored already, identical)
   */
  public boolean define(Handle handle, Schedule schedule) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(schedule, "schedule");
    return ScheduleStore.define(handle, schedule, now());
  }

  /**
   * Removes a schedule in the caller's transaction; its jobs already enqueued still run.
   *
   * @param handle the caller's transaction
   * @param name the schedule
   * @return whether it existed
   */
  public boolean remove(Handle handle, String name) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(name, "name");
    return ScheduleStore.remove(handle, name);
  }

  /**
   * Enqueues one run of a stored schedule now, in the caller's transaction, outside its recurrence
   * (a run by hand: no instant is recorded, the next scheduled instants are unchanged). The job has
   * the schedule's type, payload and key, so it never overlaps the scheduled runs.
   *
   * @param handle the caller's transaction
   * @param name the schedule
   * @return the job id, or empty when no schedule has that name
   */
  public Optional<Long> runNow(Handle handle, String name) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(name, "name");
    for (Schedule schedule : ScheduleStore.list(handle, JobSchedulerConfig.SCHEDULES_MAX)) {
      if (schedule.name().equals(name)) {
        return Optional.of(
            JobStore.enqueue(
                handle, schedule.jobType(), schedule.jobKey(), schedule.payloadJson(), null));
      }
    }
    return Optional.empty();
  }

  /**
   * The stored schedules, by name.
   *
   * @param handle the caller's transaction
   * @return the schedules (at most {@value JobSchedulerConfig#SCHEDULES_MAX})
   */
  public List<Schedule> list(Handle handle) {
    Objects.requireNonNull(handle, "handle");
    return ScheduleStore.list(handle, JobSchedulerConfig.SCHEDULES_MAX);
  }

  /**
   * Fires every due instant now, in a transaction of its own.
   *
   * @return how many jobs this tick enqueued (instants another scheduler fired first count there)
   */
  public int tick() {
    Instant now = now();
    return jdbi.inTransaction(
        h -> {
          List<ScheduleStore.Fire> fires = new ArrayList<>();
          for (ScheduleStore.Stored stored :
              ScheduleStore.load(h, JobSchedulerConfig.SCHEDULES_MAX)) {
            fires.addAll(
                SchedulePlanner.plan(stored, now, config.lateAfter(), config.instantsPerTickMax()));
          }
          return ScheduleStore.fire(h, fires).enqueued();
        });
  }

  /**
   * Stores the definitions, then ticks every {@link JobSchedulerConfig#tickInterval()} on a daemon
   * thread until {@link #close()}.
   *
   * @throws IllegalStateException when started twice or closed
   */
  public synchronized void start() {
    if (ticker != null || closed) {
      throw new IllegalStateException("start: the scheduler was already started or closed");
    }
    storeDefinitions();
    ticker =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "fis-jobs-scheduler");
              thread.setDaemon(true);
              return thread;
            });
    long millis = config.tickInterval().toMillis();
    ticker.scheduleWithFixedDelay(this::tickQuietly, 0, millis, TimeUnit.MILLISECONDS);
  }

  /** The clock's time at the database's precision (microseconds, which PostgreSQL rounds to). */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private void tickQuietly() {
    try {
      tick();
      if (!config.firedRetention().isZero()) {
        purgeFired();
      }
    } catch (RuntimeException e) {
      LOG.warn("Job scheduler: tick failed, retrying at the next interval", e);
    }
  }

  /**
   * Deletes the records of instants fired more than {@link JobSchedulerConfig#firedRetention()} ago
   * (by this scheduler's clock), at most {@value JobSchedulerConfig#PURGE_BATCH_SIZE} in one
   * transaction of its own, never a schedule's latest (its position). Runs after every tick when
   * the retention is not zero.
   *
   * @return how many were deleted (less than the batch size: none older is left)
   * @throws IllegalStateException when the retention is zero (keep forever)
   */
  public int purgeFired() {
    if (config.firedRetention().isZero()) {
      throw new IllegalStateException("purgeFired: firedRetention is zero (keep forever)");
    }
    Instant before = now().minus(config.firedRetention());
    return jdbi.inTransaction(
        h -> ScheduleStore.purgeFired(h, before, JobSchedulerConfig.PURGE_BATCH_SIZE));
  }

  /** Stops ticking; waits for a running tick to end. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
      try {
        ticker.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
