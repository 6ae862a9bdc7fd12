package org.fis.examples.bench.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;

/**
 * The limit: the barest queue of our own writing, no leases, no history, no ordering, no retries.
 * Each worker thread loops over one statement per transaction, {@code DELETE … WHERE id IN (SELECT
 * id … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING}, runs the no-op handler for every row returned,
 * and commits. Same threads and the same per-transaction batch as the fis side; timed from the
 * start until the table is empty and vacuumed (the dead rows of the deletes).
 */
public final class BareQueueSide {
  private static final long DRAIN_WAIT_MAX_NANOS = 600_000_000_000L;

  private static final String DDL =
      "CREATE TABLE bare_queue (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
          + " payload jsonb NOT NULL) WITH (autovacuum_enabled = false)";

  private static final String TAKE =
      "DELETE FROM bare_queue WHERE id IN"
          + " (SELECT id FROM bare_queue FOR UPDATE SKIP LOCKED LIMIT :limit)"
          + " RETURNING id, payload::text";

  private final Jdbi jdbi;
  private final int threads;
  private final int batchSize;

  /**
   * @param jdbi a database of its own
   * @param threads worker threads
   * @param batchSize rows per statement (and transaction)
   */
  public BareQueueSide(Jdbi jdbi, int threads, int batchSize) {
    this.jdbi = jdbi;
    this.threads = threads;
    this.batchSize = batchSize;
  }

  /** Creates the table (autovacuum off: each run vacuums it, timed). */
  public void createTable() {
    jdbi.useHandle(h -> h.execute(DDL));
  }

  /**
   * Fills the queue with {@code jobs} rows in one statement (not timed).
   *
   * @param jobs the rows
   */
  public void enqueue(int jobs) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO bare_queue (payload)"
                        + " SELECT jsonb_build_object('n', g) FROM generate_series(1, :jobs) g")
                .bind("jobs", jobs)
                .execute());
  }

  /**
   * Drains the queue with the worker threads, then vacuums the table.
   *
   * @param jobs the rows expected
   * @return the run
   */
  public RunResult drain(int jobs) throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> workers = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < threads; i++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  work(done, jobs, start);
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              },
              "bare-queue-" + i);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    jdbi.useHandle(h -> h.execute("VACUUM bare_queue"));
    return new RunResult(done.get(), System.nanoTime() - start);
  }

  private void work(AtomicLong done, int jobs, long start) {
    try (var handle = jdbi.open()) {
      while (done.get() < jobs) {
        if (System.nanoTime() - start > DRAIN_WAIT_MAX_NANOS) {
          throw new IllegalStateException("bare queue: only " + done.get() + " of " + jobs);
        }
        int taken =
            handle.inTransaction(
                h ->
                    h.createQuery(TAKE)
                        .bind("limit", batchSize)
                        .map((rs, ctx) -> noop(rs.getLong(1), rs.getString(2)))
                        .list()
                        .size());
        done.addAndGet(taken);
        if (taken == 0 && done.get() < jobs) {
          Thread.onSpinWait(); // rows still locked by other workers' open transactions
        }
      }
    }
  }

  /** The no-op handler. */
  private static long noop(long id, String payload) {
    return id + payload.length();
  }
}
