package org.fis.examples.bench.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * db-scheduler 16.7.0: the same N no-op one-time executions, drained by one scheduler. The table is
 * db-scheduler's documented PostgreSQL DDL ({@code postgresql_tables.sql}).
 */
public final class DbSchedulerSide {
  /** db-scheduler's documented PostgreSQL table. */
  public static final String DDL =
      """
      CREATE TABLE scheduled_tasks (
        task_name text NOT NULL,
        task_instance text NOT NULL,
        task_data bytea,
        execution_time timestamp with time zone NOT NULL,
        picked BOOLEAN NOT NULL,
        picked_by text,
        last_success timestamp with time zone,
        last_failure timestamp with time zone,
        consecutive_failures INT,
        last_heartbeat timestamp with time zone,
        version BIGINT NOT NULL,
        priority SMALLINT,
        PRIMARY KEY (task_name, task_instance)
      );
      CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
      CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
      CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
      """;

  private static final long DRAIN_WAIT_MAX_NANOS = 600_000_000_000L;

  /** db-scheduler's two polling strategies. */
  public enum Strategy {
    /** The default: select due executions, then lock each with an UPDATE. */
    FETCH(0),
    /**
     * One UPDATE ... FOR UPDATE SKIP LOCKED statement per batch (recommended above 1000/s), with
     * its documented limits (lower 0.5, upper 3.0: up to 3 × threads executions per poll).
     */
    LOCK_AND_FETCH(3.0),
    /**
     * Lock-and-fetch with a large upper limit (50.0: up to 50 × threads executions per poll), the
     * counterpart of the large claims the fis side is configured with.
     */
    LOCK_AND_FETCH_LARGE(50.0);

    private final double upperLimit;

    Strategy(double upperLimit) {
      this.upperLimit = upperLimit;
    }
  }

  private final DataSource dataSource;
  private final Jdbi jdbi;
  private final int threads;
  private final Duration pollingInterval;

  /**
   * @param dataSource the database
   * @param threads executor threads
   * @param pollingInterval the polling interval
   */
  public DbSchedulerSide(DataSource dataSource, int threads, Duration pollingInterval) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.threads = threads;
    this.pollingInterval = pollingInterval;
  }

  /**
   * Creates the table if it does not exist, with autovacuum off: each run vacuums the table itself,
   * timed (see {@link #drain}), so that no vacuum of one side lands in the other side's run.
   */
  public void createTable() {
    jdbi.useHandle(h -> h.createScript(DDL).execute());
    jdbi.useHandle(h -> h.execute("ALTER TABLE scheduled_tasks SET (autovacuum_enabled = false)"));
  }

  /**
   * Inserts {@code jobs} due executions in one set-based statement (not timed against anything).
   *
   * @return the insert run
   */
  public RunResult enqueue(int jobs, String runName) {
    long start = System.nanoTime();
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO scheduled_tasks (task_name, task_instance, task_data,"
                        + " execution_time, picked, version)"
                        + " SELECT 'bench-noop', :run || '-' || g, NULL, now(), false, 1"
                        + " FROM generate_series(1, :jobs) g")
                .bind("run", runName)
                .bind("jobs", jobs)
                .execute());
    return new RunResult(jobs, System.nanoTime() - start);
  }

  /**
   * Starts a scheduler, waits until {@code jobs} executions have completed, then vacuums the table
   * (the dead rows its updates and deletes left), timed too.
   *
   * @return the drain run
   */
  public RunResult drain(int jobs, Strategy strategy) throws InterruptedException {
    AtomicLong completed = new AtomicLong();
    OneTimeTask<Void> task = Tasks.oneTime("bench-noop").execute((instance, context) -> {});
    SchedulerBuilder builder =
        Scheduler.create(dataSource, task)
            .threads(threads)
            .pollingInterval(pollingInterval)
            .addSchedulerListener(
                new AbstractSchedulerListener() {
                  @Override
                  public void onExecutionComplete(ExecutionComplete executionComplete) {
                    completed.incrementAndGet();
                  }
                });
    if (strategy != Strategy.FETCH) {
      builder = builder.pollUsingLockAndFetch(0.5, strategy.upperLimit);
    }
    Scheduler scheduler = builder.build();
    long start = System.nanoTime();
    scheduler.start();
    try {
      while (completed.get() < jobs) {
        if (System.nanoTime() - start > DRAIN_WAIT_MAX_NANOS) {
          throw new IllegalStateException(
              "db-scheduler: only " + completed.get() + " of " + jobs + " done");
        }
        Thread.sleep(5);
      }
      jdbi.useHandle(h -> h.execute("VACUUM scheduled_tasks"));
      return new RunResult(jobs, System.nanoTime() - start);
    } finally {
      scheduler.stop();
    }
  }
}
