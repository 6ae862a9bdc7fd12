package org.fis.accountingpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.fis.accountingpoint.internal.SyncPipeline;
import org.fis.accountingpoint.internal.SyncStateDao;
import org.fis.accountingpoint.internal.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background trigger: {@link SyncConfig.Workers#concurrency()} worker threads that claim due
 * accounting points in batches of {@link SyncConfig.Workers#batchSize()} and sync them, plus one
 * maintenance thread that polls the optional {@link EventSource} into the inbox, purges accounting
 * points whose retention ended and prunes old inbox entries, every {@link
 * SyncConfig.Schedule#pollInterval()}. Idle workers wait for the poll interval or a {@link
 * #wakeUp()}.
 *
 * <p>Each worker claims and fetches a batch, hands its merge to a small merge executor and claims
 * the next batch, so adapter requests continue while the database work runs; when merges fall
 * behind, the worker merges itself (bounded queue, caller runs).
 *
 * <p>Workers are supervised: an exception in one step is logged and the worker carries on after the
 * poll interval. {@link #close()} stops claiming, lets running batches finish (bounded by the sync
 * timeout) and then interrupts; a batch cut short stays claimed until its timeout.
 *
 * <p><b>Owns its transactions</b> (on the front door's {@code Jdbi}). Thread-safe. Started by
 * {@link AccountingPoints#startWorkers()} or {@link AccountingPoints#startWorkers(EventSource)}.
 */
public final class SyncWorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SyncWorkerPool.class);

  /** Accounting points purged per maintenance run. */
  public static final int PURGE_BATCH_MAX = 500;

  /** Inbox rows pruned per maintenance run. */
  public static final int PRUNE_BATCH_MAX = 10_000;

  /** Most merge threads (one per four workers, at least one). */
  public static final int MERGERS_MAX = 4;

  private final SyncEngine engine;
  private final Optional<EventSource> source;
  private final EventInbox inbox;
  private final DataRetention retention;
  private final Transactions tx;
  private final SyncConfig config;
  private final Clock clock;
  private final List<Thread> threads = new ArrayList<>();
  private final Object monitor = new Object();
  private long wakeups;
  private volatile boolean running = true;
  private final ThreadPoolExecutor mergers;

  private SyncWorkerPool(Parts parts, Optional<EventSource> source) {
    this.engine = parts.engine();
    this.source = source;
    this.inbox = parts.inbox();
    this.retention = parts.retention();
    this.tx = parts.tx();
    this.config = parts.config();
    this.clock = parts.clock();
    int concurrency = config.workers().concurrency();
    int mergerCount = Math.max(1, Math.min(MERGERS_MAX, concurrency / 4));
    // A bounded queue with caller-runs: when merges fall behind, workers merge themselves, which
    // slows fetching down instead of piling up fetched data.
    this.mergers =
        new ThreadPoolExecutor(
            mergerCount,
            mergerCount,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(concurrency),
            r -> {
              Thread t = new Thread(r, "fis-accountingpoint-merge");
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** The front door's parts the pool runs on: one configuration, one clock, one database. */
  record Parts(
      SyncEngine engine,
      EventInbox inbox,
      DataRetention retention,
      Transactions tx,
      SyncConfig config,
      Clock clock) {}

  /**
   * Starts the pool (the front door does).
   *
   * @param parts the front door's parts
   * @param source the pull-based event source, if any
   * @return the running pool; close it to stop
   */
  static SyncWorkerPool start(Parts parts, Optional<EventSource> source) {
    Objects.requireNonNull(parts, "parts");
    Objects.requireNonNull(source, "source");
    SyncWorkerPool pool = new SyncWorkerPool(parts, source);
    SyncConfig config = parts.config();
    int concurrency = config.workers().concurrency();
    for (int i = 0; i < concurrency; i++) {
      SyncStateDao.Share share = new SyncStateDao.Share(i, concurrency);
      pool.startThread("fis-accountingpoint-sync-" + i, () -> pool.workLoop(share));
    }
    pool.startThread("fis-accountingpoint-maintenance", pool::maintenanceLoop);
    LOG.info(
        "Accounting point sync pool started: {} workers, batch {}, poll every {}",
        config.workers().concurrency(),
        config.workers().batchSize(),
        config.schedule().pollInterval());
    return pool;
  }

  /** Makes idle workers look for due accounting points now. */
  public void wakeUp() {
    synchronized (monitor) {
      wakeups++;
      monitor.notifyAll();
    }
  }

  /**
   * The push API for thin events: stores them in the inbox in a transaction of its own and wakes
   * the workers for a prompt sync.
   *
   * @param events up to {@link EventInbox#EVENTS_PER_CALL_MAX} events
   * @return one outcome per event
   */
  public List<EventInbox.Outcome> accept(List<ThinEvent> events) {
    Objects.requireNonNull(events, "events");
    List<EventInbox.Outcome> outcomes;
    outcomes = tx.inTransaction(List.of(), h -> inbox.accept(h, events));
    if (outcomes.contains(EventInbox.Outcome.ACCEPTED)) {
      wakeUp();
    }
    return outcomes;
  }

  private void startThread(String name, Runnable loop) {
    Thread thread = new Thread(loop, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void workLoop(SyncStateDao.Share share) {
    int batchSize = config.workers().batchSize();
    while (running) {
      long seen = wakeupsSeen();
      boolean idle;
      try {
        Optional<SyncPipeline.Batch> batch = engine.claimAndFetch(batchSize, share);
        idle = batch.isEmpty();
        // The merge overlaps the next fetch; the claim protects the batch meanwhile.
        batch.ifPresent(b -> mergers.execute(() -> merge(b)));
      } catch (RuntimeException e) {
        LOG.error("Sync worker step failed; retrying after the poll interval", e);
        idle = true;
      }
      if (idle) {
        awaitWork(seen);
      }
    }
  }

  private void merge(SyncPipeline.Batch batch) {
    try {
      engine.complete(batch);
    } catch (RuntimeException e) {
      // The claims stay stamped and become reclaimable after the sync timeout.
      LOG.error("Merging a sync batch failed", e);
    }
  }

  private void maintenanceLoop() {
    while (running) {
      try {
        pollEvents();
      } catch (Exception e) {
        LOG.error("Polling the event source failed; polling again after the poll interval", e);
      }
      try {
        maintain();
      } catch (RuntimeException e) {
        LOG.error("Retention purge failed; trying again after the poll interval", e);
      }
      awaitInterval();
    }
  }

  private void pollEvents() throws Exception {
    if (source.isEmpty()) {
      return;
    }
    List<ThinEvent> events = source.get().poll(config.workers().eventBatchSize());
    if (events.isEmpty()) {
      return;
    }
    accept(events);
    source.get().acknowledge(events);
  }

  private void maintain() {
    tx.inTransaction(
        List.of(),
        h -> {
          List<Gsrn> purged = retention.purgeExpired(h, PURGE_BATCH_MAX);
          if (!purged.isEmpty()) {
            LOG.info("Purged {} accounting points whose retention ended", purged.size());
          }
          return inbox.prune(h, clock.instant().minus(retention.retention()), PRUNE_BATCH_MAX);
        });
  }

  private long wakeupsSeen() {
    synchronized (monitor) {
      return wakeups;
    }
  }

  private void awaitWork(long seen) {
    synchronized (monitor) {
      if (running && wakeups == seen) {
        waitOn(config.schedule().pollInterval());
      }
    }
  }

  private void awaitInterval() {
    synchronized (monitor) {
      if (running) {
        waitOn(config.schedule().pollInterval());
      }
    }
  }

  private void waitOn(Duration timeout) {
    try {
      monitor.wait(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops the pool: no new claims; waits for running batches, bounded by the sync timeout. */
  @Override
  public void close() {
    running = false;
    synchronized (monitor) {
      monitor.notifyAll();
    }
    long deadline = System.nanoTime() + config.schedule().syncTimeout().toNanos();
    for (Thread thread : threads) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      try {
        thread.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Thread thread : threads) {
      if (thread.isAlive()) {
        LOG.warn("Sync thread {} did not stop in time; interrupting it", thread.getName());
        thread.interrupt();
      }
    }
    mergers.shutdown();
    try {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      if (!mergers.awaitTermination(left, TimeUnit.MILLISECONDS)) {
        LOG.warn("Sync merges did not finish in time; their claims expire after the timeout");
        mergers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      mergers.shutdownNow();
    }
    LOG.info("Accounting point sync pool stopped");
  }
}
