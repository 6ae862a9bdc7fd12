package org.fis.examples.bench.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.fis.accountingpoint.AccountingPoints;
import org.fis.accountingpoint.AdapterClient;
import org.fis.accountingpoint.AdapterConfig;
import org.fis.accountingpoint.FetchResult;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.InMemorySyncMetrics;
import org.fis.accountingpoint.SyncConfig;
import org.fis.accountingpoint.SyncMetrics;
import org.fis.accountingpoint.SyncStatusReport;
import org.fis.accountingpoint.SyncWorkerPool;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** One measured scenario of the sync benchmark. */
public final class SyncRun {
  /** Bound on waiting for one round to finish. */
  public static final Duration ROUND_BOUND = Duration.ofMinutes(10);

  private SyncRun() {}

  /**
   * The figures of one run.
   *
   * @param points accounting points synced
   * @param seconds wall time from pool start until none was due or in progress
   * @param changed syncs that wrote data
   * @param failed failed syncs
   * @param adapterMeanMillis mean adapter request time
   */
  public record Result(
      int points, double seconds, long changed, long failed, double adapterMeanMillis) {
    /** Accounting points per second. */
    public double perSecond() {
      return points / seconds;
    }
  }

  /**
   * The request rate limit of the benchmark's clients: above what the loopback path can carry, so
   * the limiter (and the circuit breaker) are in every request's path without being the bound.
   */
  public static final int REQUESTS_PER_SECOND = 20_000;

  /** An adapter client on the simulator, with the benchmark's rate limit. */
  public static AdapterConfig adapterConfig(AdapterSimulator simulator, String key) {
    return AdapterConfig.defaults(simulator.baseUri(), key)
        .withRateLimit(
            new AdapterConfig.RateLimit(
                REQUESTS_PER_SECOND, AdapterConfig.PERMIT_WAIT_MAX_DEFAULT));
  }

  /** An adapter client on the simulator (the baseline's). */
  public static AdapterClient client(AdapterSimulator simulator, String key, SyncMetrics metrics) {
    return AdapterClient.create(adapterConfig(simulator, key), Clock.systemUTC(), metrics);
  }

  /**
   * The baseline: bare adapter fetches of the same points by {@code threads} threads, no database.
   *
   * @return fetches per second
   */
  public static double bareFetchRate(
      AdapterClient client, List<Gsrn> gsrns, int threads, Instant from) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long started = System.nanoTime();
    try {
      List<Future<?>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < gsrns.size();
                      i = next.getAndIncrement()) {
                    if (!(client.fetch(gsrns.get(i), from) instanceof FetchResult.Found)) {
                      failures.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " bare fetches failed");
    }
    return gsrns.size() / ((System.nanoTime() - started) / 1e9);
  }

  /** Registers one controllable unit per point (set-based), making all of them due. */
  public static void track(Jdbi jdbi, List<Gsrn> gsrns, Instant from) {
    jdbi.useTransaction(
        h -> {
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO fis_accountingpoint.controllable_unit"
                      + " (gsrn, controllable_unit_id, sync_from, registered_at) VALUES (:g, :g, :f, :f)");
          for (Gsrn gsrn : gsrns) {
            batch.bind("g", gsrn.value()).bind("f", from.atOffset(ZoneOffset.UTC)).add();
          }
          batch.execute();
          h.execute(
              "INSERT INTO fis_accountingpoint.sync_state (gsrn, priority, next_due_at,"
                  + " created_at) SELECT gsrn, 1, sync_from, sync_from"
                  + " FROM fis_accountingpoint.controllable_unit ON CONFLICT DO NOTHING");
        });
  }

  /**
   * Runs the worker pool until nothing is due or in progress.
   *
   * @return the figures
   */
  public static Result syncAll(
      Jdbi jdbi, AdapterSimulator simulator, String key, int points, SyncConfig config) {
    InMemorySyncMetrics metrics = new InMemorySyncMetrics();
    AccountingPoints accountingPoints =
        AccountingPoints.create(
            config, jdbi, Clock.systemUTC(), metrics, adapterConfig(simulator, key));
    long started = System.nanoTime();
    long deadline = started + ROUND_BOUND.toNanos();
    try (SyncWorkerPool pool = accountingPoints.startWorkers()) {
      while (true) {
        SyncStatusReport status = jdbi.inTransaction(h -> accountingPoints.status(h, 0));
        if (status.due() == 0 && status.inProgress() == 0) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the sync round did not finish within " + ROUND_BOUND);
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long synced =
        metrics.count(SyncMetrics.Counter.SYNCED) + metrics.count(SyncMetrics.Counter.UNCHANGED);
    if (synced != points) {
      throw new IllegalStateException(
          "expected "
              + points
              + " syncs, counted "
              + synced
              + " (failed "
              + metrics.count(SyncMetrics.Counter.FAILED)
              + ")");
    }
    return new Result(
        points,
        seconds,
        metrics.count(SyncMetrics.Counter.SYNCED),
        metrics.count(SyncMetrics.Counter.FAILED),
        metrics.mean(SyncMetrics.Timer.ADAPTER_REQUEST).toNanos() / 1e6);
  }
}
