package org.fis.examples.bench.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.fis.ledger.jobs.JobProcessor;
import org.fis.ledger.jobs.JobProcessorConfig;
import org.fis.ledger.jobs.JobQueue;
import org.fis.ledger.jobs.NewJob;
import org.jdbi.v3.core.Jdbi;

/** fis-ledger jobs: enqueue N no-op jobs, then time one processor draining them. */
public final class FisJobsSide {
  private static final int ENQUEUE_CHUNK = 10_000;
  private static final long DRAIN_WAIT_MAX_NANOS = 600_000_000_000L;

  private final Jdbi jdbi;
  private final JobProcessorConfig config;

  /**
   * @param jdbi a database with the ledger migrations applied
   * @param config the processor configuration
   */
  public FisJobsSide(Jdbi jdbi, JobProcessorConfig config) {
    this.jdbi = jdbi;
    this.config = config;
  }

  /**
   * Enqueues {@code jobs} jobs with {@link JobQueue#enqueueAll}, in chunks of {@value
   * #ENQUEUE_CHUNK}, one transaction per chunk.
   *
   * @return the enqueue run (jobs and elapsed time)
   */
  public RunResult enqueue(int jobs) {
    JobQueue queue = JobQueue.create();
    long start = System.nanoTime();
    for (int from = 0; from < jobs; from += ENQUEUE_CHUNK) {
      int size = Math.min(ENQUEUE_CHUNK, jobs - from);
      List<NewJob> chunk = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        chunk.add(NewJob.of("bench.noop", null, "{\"n\":" + (from + i) + "}"));
      }
      jdbi.useTransaction(h -> queue.enqueueAll(h, chunk));
    }
    return new RunResult(jobs, System.nanoTime() - start);
  }

  /**
   * Starts a processor with a no-op handler, waits until {@code jobs} jobs have succeeded, then
   * archives what the scheduled archival has not archived yet (timed too).
   *
   * @return the drain run
   */
  public RunResult drain(int jobs) throws InterruptedException {
    AtomicLong handled = new AtomicLong();
    try (JobProcessor processor = JobProcessor.create(jdbi, config)) {
      processor.register("bench.noop", (handle, job) -> handled.incrementAndGet());
      long start = System.nanoTime();
      processor.start();
      while (processor.metrics().succeeded() < jobs) {
        if (System.nanoTime() - start > DRAIN_WAIT_MAX_NANOS) {
          throw new IllegalStateException(
              "fis jobs: only " + processor.metrics().succeeded() + " of " + jobs + " done");
        }
        Thread.sleep(5);
      }
      // The run ends when the jobs are also archived: archival is part of the work per job (its
      // live tables must stay small), so what the scheduled archival has not moved yet is moved
      // now, inside the timed run.
      while (processor.archiveNow() > 0) {
        // until nothing finished is left in the live tables
      }
      return new RunResult(jobs, System.nanoTime() - start);
    }
  }
}
