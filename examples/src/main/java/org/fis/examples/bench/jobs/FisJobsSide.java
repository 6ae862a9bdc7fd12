package org.fis.examples.bench.jobs;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.fis.jobs.JobProcessor;
import org.fis.jobs.JobProcessorConfig;
import org.fis.jobs.JobQueue;
import org.fis.jobs.JobScheduler;
import org.fis.jobs.JobSchedulerConfig;
import org.fis.jobs.NewJob;
import org.fis.jobs.Schedule;
import org.jdbi.v3.core.Jdbi;

/** fis-jobs: enqueue N no-op jobs, then time one processor draining them. */
public final class FisJobsSide {
  private static final int ENQUEUE_CHUNK = 10_000;
  private static final long DRAIN_WAIT_MAX_NANOS = 600_000_000_000L;

  private static final String TABLES =
      "fis_jobs.job, fis_jobs.job_status, fis_jobs.job_archive, fis_jobs.job_status_archive,"
          + " fis_jobs.schedule, fis_jobs.schedule_fire";

  private final Jdbi jdbi;
  private final JobProcessorConfig config;

  /**
   * @param jdbi a database with the fis-jobs migrations applied
   * @param config the processor configuration
   */
  public FisJobsSide(Jdbi jdbi, JobProcessorConfig config) {
    this.jdbi = jdbi;
    this.config = config;
  }

  /**
   * Turns autovacuum off for the job tables of this benchmark database: each run vacuums them
   * itself, timed (see {@link #drain}), so that no vacuum of one side lands in the other side's
   * run.
   */
  public void disableAutovacuum() {
    for (String table : TABLES.split(", ")) {
      jdbi.useHandle(h -> h.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)"));
    }
  }

  /**
   * Enqueues {@code jobs} jobs with {@link JobQueue#enqueueAll}, in chunks of {@value
   * #ENQUEUE_CHUNK}, one transaction per chunk.
   *
   * @return the enqueue run (jobs and elapsed time)
   */
  public RunResult enqueue(int jobs) {
    return enqueue(jobs, false);
  }

  /**
   * Like {@link #enqueue(int)}; with {@code priorityMix} 30 % of the jobs get a priority above 0
   * (1, 2 or 3, interleaved with the rest), so that the claim merges its priority source into every
   * window.
   *
   * @return the enqueue run
   */
  public RunResult enqueue(int jobs, boolean priorityMix) {
    JobQueue queue = JobQueue.create();
    long start = System.nanoTime();
    for (int from = 0; from < jobs; from += ENQUEUE_CHUNK) {
      int size = Math.min(ENQUEUE_CHUNK, jobs - from);
      List<NewJob> chunk = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        int n = from + i;
        int priority = priorityMix && n % 10 >= 7 ? 1 + n % 3 : 0;
        chunk.add(NewJob.of("bench.noop", null, "{\"n\":" + n + "}").withPriority(priority));
      }
      jdbi.useTransaction(h -> queue.enqueueAll(h, chunk));
    }
    return new RunResult(jobs, System.nanoTime() - start);
  }

  /**
   * Starts a processor with a no-op handler, waits until {@code jobs} jobs have succeeded, then
   * archives what the scheduled archival has not archived yet and vacuums the job tables (the rows
   * archival deleted, the archive rows it inserted), timed too.
   *
   * @return the drain run
   */
  public RunResult drain(int jobs) throws InterruptedException {
    return drain(jobs, 1, config);
  }

  /**
   * Like {@link #drain(int)} with {@code processors} processors of the given configuration on the
   * same queue, as several instances of a host application would run (each claims exclusively).
   *
   * @return the drain run
   */
  public RunResult drain(int jobs, int processors, JobProcessorConfig processorConfig)
      throws InterruptedException {
    return drain(jobs, processors, processorConfig, false);
  }

  /**
   * Like {@link #drain(int)} with a {@link JobScheduler} ticking every second next to the processor
   * (tick interval 1 s, one stored schedule whose instant never comes during the run): the cost of
   * schedules enabled but unused.
   *
   * @return the drain run
   */
  public RunResult drainWithScheduler(int jobs) throws InterruptedException {
    return drain(jobs, 1, config, true);
  }

  private RunResult drain(
      int jobs, int processors, JobProcessorConfig processorConfig, boolean withScheduler)
      throws InterruptedException {
    List<JobProcessor> running = new ArrayList<>();
    JobScheduler scheduler =
        withScheduler
            ? JobScheduler.create(jdbi, JobSchedulerConfig.defaults(), Clock.systemUTC())
                .define(Schedule.cron("bench.yearly", "bench.noop", "0 0 1 1 *", ZoneOffset.UTC))
            : null;
    try {
      if (scheduler != null) {
        scheduler.start();
      }
      for (int i = 0; i < processors; i++) {
        JobProcessor processor = JobProcessor.create(jdbi, processorConfig);
        processor.register("bench.noop", (handle, job) -> {});
        running.add(processor);
      }
      long start = System.nanoTime();
      running.forEach(JobProcessor::start);
      while (succeeded(running) < jobs) {
        if (System.nanoTime() - start > DRAIN_WAIT_MAX_NANOS) {
          throw new IllegalStateException(
              "fis jobs: only " + succeeded(running) + " of " + jobs + " done");
        }
        Thread.sleep(5);
      }
      // The run ends when the jobs are also archived: archival is part of the work per job (its
      // live tables must stay small), so what the scheduled archival has not moved yet is moved
      // now, inside the timed run.
      while (running.get(0).archiveNow() > 0) {
        // until nothing finished is left in the live tables
      }
      jdbi.useHandle(h -> h.execute("VACUUM " + TABLES));
      return new RunResult(jobs, System.nanoTime() - start);
    } finally {
      running.forEach(JobProcessor::close);
      if (scheduler != null) {
        scheduler.close();
      }
    }
  }

  private static long succeeded(List<JobProcessor> processors) {
    return processors.stream().mapToLong(p -> p.metrics().succeeded()).sum();
  }
}
