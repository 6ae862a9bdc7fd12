package org.fis.accountingpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background trigger: {@link SyncConfig#concurrency()} worker threads that claim due accounting
 * points in batches of {@link SyncConfig#batchSize()} and sync them, plus one maintenance thread
 * that polls the optional {@link EventSource} into the inbox, purges accounting points whose
 * retention ended and prunes old inbox entries, every {@link SyncConfig#pollInterval()}. Idle
 * workers wait for the poll interval or a {@link #wakeUp()}.
 *
 * <p>Each worker claims and fetches a batch, hands its merge to a small merge executor and claims
 * the next batch, so adapter requests continue while the database work runs; when merges fall
 * behind, the worker merges itself (bounded queue, caller runs).
 *
 * <p>Workers are supervised: an exception in one step is logged and the worker carries on after the
 * poll interval. {@link #close()} stops claiming, lets running batches finish (bounded by the sync
 * timeout) and then interrupts; a batch cut short stays claimed until its timeout.
 *
 * <p><b>Owns its transactions</b> (through the engine's {@code Jdbi}). Thread-safe.
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
  private final EventSource source;
  private final EventInbox inbox;
  private final DataRetention retention;
  private final List<Thread> threads = new ArrayList<>();
  private final Object monitor = new Object();
  private long wakeups;
  private volatile boolean running = true;
  private final java.util.concurrent.ThreadPoolExecutor mergers;

  private SyncWorkerPool(SyncEngine engine, EventSource source) {
    this.engine = engine;
    this.source = source;
    this.inbox = new EventInbox(engine.clock(), engine.metrics());
    this.retention =
        new DataRetention(engine.clock(), engine.config().retention(), engine.metrics());
    int concurrency = engine.config().concurrency();
    int mergerCount = Math.max(1, Math.min(MERGERS_MAX, concurrency / 4));
    // A bounded queue with caller-runs: when merges fall behind, workers merge themselves, which
    // slows fetching down instead of piling up fetched data.
    this.mergers =
        new java.util.concurrent.ThreadPoolExecutor(
            mergerCount,
            mergerCount,
            0,
            java.util.concurrent.TimeUnit.MILLISECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(concurrency),
            r -> {
              Thread t = new Thread(r, "fis-accountingpoint-merge");
              t.setDaemon(true);
              return t;
            },
            new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());
  }

  /**
   * Starts the pool.
   *
   * @param engine the engine (its Jdbi, configuration, clock and metrics are used)
   * @param source the pull-based event source, or {@code null} for none
   * @return the running pool; close it to stop
   */
  public static SyncWorkerPool start(SyncEngine engine, EventSource source) {
    Objects.requireNonNull(engine, "engine");
    SyncWorkerPool pool = new SyncWorkerPool(engine, source);
    SyncConfig config = engine.config();
    for (int i = 0; i < config.concurrency(); i++) {
      pool.startThread("fis-accountingpoint-sync-" + i, pool::workLoop);
    }
    pool.startThread("fis-accountingpoint-maintenance", pool::maintenanceLoop);
    LOG.info(
        "Accounting point sync pool started: {} workers, batch {}, poll every {}",
        config.concurrency(),
        config.batchSize(),
        config.pollInterval());
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
    try {
      outcomes = engine.jdbi().inTransaction(h -> inbox.accept(h, events));
    } catch (RuntimeException e) {
      throw new AccountingPointException("accepting events failed", "", e);
    }
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

  private void workLoop() {
    int batchSize = engine.config().batchSize();
    while (running) {
      long seen = wakeupsSeen();
      boolean idle;
      try {
        SyncEngine.Pending pending = engine.claimAndFetch(batchSize);
        idle = pending == null;
        if (pending != null) {
          // The merge overlaps the next fetch; the claim protects the batch meanwhile.
          mergers.execute(() -> merge(pending));
        }
      } catch (RuntimeException e) {
        LOG.error("Sync worker step failed; retrying after the poll interval", e);
        idle = true;
      }
      if (idle) {
        awaitWork(seen);
      }
    }
  }

  private void merge(SyncEngine.Pending pending) {
    try {
      engine.complete(pending);
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
    if (source == null) {
      return;
    }
    List<ThinEvent> events = source.poll(engine.config().eventPollMax());
    if (events.isEmpty()) {
      return;
    }
    accept(events);
    source.acknowledge(events);
  }

  private void maintain() {
    engine
        .jdbi()
        .useTransaction(
            h -> {
              List<Gsrn> purged = retention.purgeExpired(h, PURGE_BATCH_MAX);
              if (!purged.isEmpty()) {
                LOG.info("Purged {} accounting points whose retention ended", purged.size());
              }
              inbox.prune(
                  h, engine.clock().instant().minus(engine.config().retention()), PRUNE_BATCH_MAX);
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
        waitOn(engine.config().pollInterval());
      }
    }
  }

  private void awaitInterval() {
    synchronized (monitor) {
      if (running) {
        waitOn(engine.config().pollInterval());
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
    long deadline = System.nanoTime() + engine.config().syncTimeout().toNanos();
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
      if (!mergers.awaitTermination(left, java.util.concurrent.TimeUnit.MILLISECONDS)) {
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
