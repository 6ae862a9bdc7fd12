package org.fis.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.fis.jobs.internal.Archiver;
import org.fis.jobs.internal.Backoff;
import org.fis.jobs.internal.ClaimedJob;
import org.fis.jobs.internal.JobStore;
import org.fis.jobs.internal.NotificationListener;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims ready jobs and runs them with the {@link JobHandler} registered for their type.
 *
 * <p>Owns its transactions: it is built from a {@link Jdbi} and opens its own handles (one per
 * claim, one per transaction batch, one per heartbeat and archive run). Each job runs in a
 * transaction that also inserts its success line, accepted only while this processor's lease on the
 * job is still valid (checked by the database in the same statement), so a handler's writes commit
 * exactly once or not at all. Several processors (in one JVM or many) may work on the same
 * database; each claim is exclusive.
 *
 * <p>Threads: one poller claims up to {@link JobProcessorConfig.Claim#batchSize()} jobs per
 * statement (never more than the workers can take), {@link JobProcessorConfig#threads()} workers
 * run them, and one maintenance thread extends leases of claimed jobs and archives finished jobs. A
 * failed attempt is retried with exponential backoff; after {@link
 * JobProcessorConfig.Retry#attemptsMax()} the job is dead (see {@link JobQueue#dead}). {@link
 * #close()} stops claiming, lets running jobs finish within {@link
 * JobProcessorConfig#shutdownGrace()} and releases the leases of everything else.
 *
 * <p>Lifecycle: {@link #register} handlers, then {@link #start()} once, then {@link #close()}. All
 * methods are thread-safe.
 */
public final class JobProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);
  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final int ERROR_LENGTH_MAX = 2_000;
  private static final long ARCHIVE_PASS_NANOS_MAX = 1_000_000_000L;
  private static final long STOP_WAIT_MILLIS = 10_000;
  private static final String SAVEPOINT = "fis_job_";
  private static final int SAVEPOINTS_MAX = 50;
  private static final int SWEEP_RESTART_AFTER_KEYED_CLAIMS = 16;
  private static final long SWEEP_INTERVAL_MIN_NANOS = 1_000_000_000L;
  private static final int CLAIM_WINDOW_FACTOR = 2;
  private static final long LISTEN_RETRY_MILLIS_MAX = 1_000;

  /**
   * A sweep restarts from the very beginning instead of the closed mark when the last such full
   * sweep began this many sweep intervals (at least a second each) ago.
   */
  static final int FULL_SWEEP_INTERVALS = 10;

  private enum Lifecycle {
    NEW,
    RUNNING,
    CLOSING,
    CLOSED
  }

  /** A job this processor holds: the line that holds its lease may move on (extensions). */
  private static final class InFlight {
    final ClaimedJob claim;

    /** {@link System#nanoTime()} before the claim statement was sent: the lease started later. */
    final long claimSentNanos;

    final ReentrantLock lock = new ReentrantLock();
    volatile int heldSeq;
    volatile boolean finished;

    /** {@link System#nanoTime()} when its handler started; 0 while no handler runs. */
    volatile long startedNanos;

    /** The thread running its handler, or {@code null}. */
    volatile Thread runner;

    /**
     * Set by the timeout watchdog once it gave the job up (failed line written): the handler's
     * result, whenever it comes, is rejected.
     */
    volatile boolean timedOut;

    InFlight(ClaimedJob claim, long claimSentNanos) {
      this.claim = claim;
      this.claimSentNanos = claimSentNanos;
      this.heldSeq = claim.seq();
    }
  }

  private enum Outcome {
    SUCCEEDED,
    RETRIED,
    DEAD,
    LEASE_LOST
  }

  private final Jdbi jdbi;
  private final JobProcessorConfig config;
  private final String workerId;
  private final ObjectMapper mapper;
  private final long leaseMillis;
  private final int capacityMax;
  private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
  private final Map<Long, InFlight> inFlight = new ConcurrentHashMap<>();

  /**
   * Keyed jobs that succeeded here, by key (the highest id): the next claim looks at the next job
   * of each key first (the hot-key handover).
   */
  private final Map<String, Long> successorHints = new ConcurrentHashMap<>();

  private final Semaphore capacity;
  private final Archiver archiver;
  private final Object wake = new Object();
  private boolean wakeRequested;
  private volatile Lifecycle lifecycle = Lifecycle.NEW;
  private volatile boolean keyedJobFinished;
  private volatile NotificationListener listenerPart;
  private ThreadPoolExecutor workers;
  private ScheduledExecutorService maintenance;
  private Thread poller;
  private Thread listener;

  private final LongAdder claimed = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder dead = new LongAdder();
  private final LongAdder leaseLost = new LongAdder();
  private final LongAdder released = new LongAdder();
  private final LongAdder archived = new LongAdder();
  private final LongAdder timedOut = new LongAdder();
  private final AtomicLong lagMillis = new AtomicLong();

  private JobProcessor(Jdbi jdbi, JobProcessorConfig config, ObjectMapper mapper) {
    this.jdbi = jdbi;
    this.config = config;
    this.mapper = mapper;
    this.workerId =
        config.workerId() != null
            ? config.workerId()
            : "jobs-"
                + Objects.requireNonNullElse(System.getenv("HOSTNAME"), "host")
                + "-"
                + ProcessHandle.current().pid()
                + "-"
                + INSTANCES.incrementAndGet();
    this.leaseMillis = config.lease().duration().toMillis();
    this.capacityMax =
        config.threads() * config.claim().transactionBatchSize() + config.claim().batchSize();
    this.capacity = new Semaphore(capacityMax);
    this.archiver =
        new Archiver(
            jdbi,
            config.archive().batchSize(),
            config.archive().mode() == JobProcessorConfig.ArchiveMode.DELETE);
  }

  /**
   * A processor on the given database; typed payloads are read with a Jackson mapper that knows
   * {@code java.time}. Logs the effective configuration once.
   *
   * @param jdbi the database; the processor opens its own handles and transactions on it
   * @param config the configuration
   * @return a processor, not started
   */
  public static JobProcessor create(Jdbi jdbi, JobProcessorConfig config) {
    return create(jdbi, config, new ObjectMapper().registerModule(new JavaTimeModule()));
  }

  /**
   * A processor on the given database that reads typed payloads with the given mapper.
   *
   * @param jdbi the database; the processor opens its own handles and transactions on it
   * @param config the configuration
   * @param mapper the Jackson mapper for typed payloads
   * @return a processor, not started
   */
  public static JobProcessor create(Jdbi jdbi, JobProcessorConfig config, ObjectMapper mapper) {
    Objects.requireNonNull(jdbi, "jdbi");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(mapper, "mapper");
    JobProcessor processor = new JobProcessor(jdbi, config, mapper);
    LOG.info("Job processor {} created with {}", processor.workerId, config);
    return processor;
  }

  /**
   * Registers the handler of a job type. Only registered types are claimed.
   *
   * @param type the job type
   * @param handler the handler
   * @return this processor
   * @throws IllegalStateException after {@link #start()}, or when the type already has a handler
   */
  public JobProcessor register(String type, JobHandler handler) {
    JobQueue.checkType(type, "type");
    Objects.requireNonNull(handler, "handler");
    synchronized (this) {
      if (lifecycle != Lifecycle.NEW) {
        throw new IllegalStateException("register: the processor has already been started");
      }
      if (handlers.putIfAbsent(type, handler) != null) {
        throw new IllegalStateException("register: type " + type + " already has a handler");
      }
    }
    return this;
  }

  /**
   * Registers a typed handler: the JSON payload is deserialised into {@code type.payloadClass()}; a
   * payload that does not deserialise fails the attempt.
   *
   * @param type the job type
   * @param handler the handler
   * @param <T> the payload type
   * @return this processor
   */
  public <T> JobProcessor register(JobType<T> type, TypedJobHandler<T> handler) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(handler, "handler");
    return register(
        type.name(),
        (handle, job) ->
            handler.handle(handle, job, mapper.readValue(job.payloadJson(), type.payloadClass())));
  }

  /**
   * Starts the poller, the workers and the maintenance thread.
   *
   * @throws IllegalStateException when already started or closed, or when no handler is registered
   */
  public synchronized void start() {
    if (lifecycle != Lifecycle.NEW) {
      throw new IllegalStateException("start: the processor is " + lifecycle);
    }
    if (handlers.isEmpty()) {
      throw new IllegalStateException("start: no handler registered");
    }
    AtomicInteger workerNumber = new AtomicInteger();
    workers =
        new ThreadPoolExecutor(
            config.threads(),
            config.threads(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(capacityMax),
            runnable -> daemon(runnable, workerId + "-worker-" + workerNumber.incrementAndGet()));
    maintenance =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, workerId + "-maintenance"));
    if (!config.lease().heartbeatInterval().isZero()) {
      long millis = config.lease().heartbeatInterval().toMillis();
      maintenance.scheduleWithFixedDelay(this::heartbeat, millis, millis, TimeUnit.MILLISECONDS);
    }
    if (!config.lease().jobTimeout().isZero()) {
      long millis = Math.max(50, Math.min(1_000, config.lease().jobTimeout().toMillis() / 4));
      maintenance.scheduleWithFixedDelay(
          this::enforceTimeouts, millis, millis, TimeUnit.MILLISECONDS);
    }
    if (!config.archive().interval().isZero()) {
      long millis = config.archive().interval().toMillis();
      maintenance.scheduleWithFixedDelay(
          this::archiveQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }
    lifecycle = Lifecycle.RUNNING;
    poller = daemon(this::pollLoop, workerId + "-poller");
    poller.start();
    if (config.listenToEnqueues()) {
      listenerPart =
          new NotificationListener(
              jdbi,
              workerId,
              () -> lifecycle == Lifecycle.RUNNING,
              this::pollNow,
              Math.min(config.pollInterval().toMillis(), LISTEN_RETRY_MILLIS_MAX));
      listener = daemon(listenerPart, workerId + "-listener");
      listener.start();
    }
  }

  /**
   * Asks the poller to claim at once instead of waiting for the poll interval, e.g. after an
   * enqueue.
   */
  public void pollNow() {
    synchronized (wake) {
      wakeRequested = true;
      wake.notifyAll();
    }
  }

  /**
   * This processor's worker id, as written in its status lines.
   *
   * @return the worker id
   */
  public String workerId() {
    return workerId;
  }

  /**
   * The counters since creation.
   *
   * @return a snapshot
   */
  public JobMetrics metrics() {
    long retriedCount = retried.sum();
    long deadCount = dead.sum();
    return new JobMetrics(
        claimed.sum(),
        succeeded.sum(),
        retriedCount + deadCount,
        retriedCount,
        deadCount,
        leaseLost.sum(),
        released.sum(),
        archived.sum(),
        timedOut.sum(),
        lagMillis.get(),
        inFlight.size());
  }

  /**
   * Moves finished jobs (older than the configured retention) to the archive tables now, in
   * transactions of {@link JobProcessorConfig.Archive#batchSize()} jobs each, until none is left or
   * about a second has passed (at most half the heartbeat interval: heartbeats share the
   * maintenance thread); the maintenance thread does the same every {@link
   * JobProcessorConfig.Archive#interval()}.
   *
   * @return the number of jobs archived
   */
  public int archiveNow() {
    long budgetNanos = ARCHIVE_PASS_NANOS_MAX;
    if (!config.lease().heartbeatInterval().isZero()) {
      budgetNanos = Math.min(budgetNanos, config.lease().heartbeatInterval().toNanos() / 2);
    }
    int total = archiver.archive(config.archive().retention().toMillis(), budgetNanos);
    archived.add(total);
    return total;
  }

  /**
   * Stops claiming, lets running jobs finish within the shutdown grace, then releases the leases of
   * all jobs still held (claimed but not started, or still running) so that other processors can
   * take them at once; a handler still running after that cannot commit its result. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (lifecycle == Lifecycle.NEW) {
        lifecycle = Lifecycle.CLOSED;
        return;
      }
      if (lifecycle != Lifecycle.RUNNING) {
        return;
      }
      lifecycle = Lifecycle.CLOSING;
    }
    pollNow();
    joinQuietly(poller);
    if (listener != null) {
      joinQuietly(listener);
    }
    workers.shutdown();
    awaitQuietly(workers, config.shutdownGrace().toMillis());
    releaseHeld();
    workers.shutdownNow();
    awaitQuietly(workers, STOP_WAIT_MILLIS);
    releaseHeld();
    // Leases are extended until every worker has stopped (a heartbeat stopped first could let a
    // running job's lease expire while it still works).
    maintenance.shutdownNow();
    awaitQuietly(maintenance, STOP_WAIT_MILLIS);
    lifecycle = Lifecycle.CLOSED;
    LOG.info("Job processor {} closed: {}", workerId, metrics());
  }

  /**
   * Claims in a sweep over the ready lines: each statement scans a bounded window after the
   * previous one's position. The sweep starts again when it reaches the end of the ready lines, at
   * least every second (or poll interval) so that lines behind the position are found (jobs whose
   * key was blocked, jobs another claimer skipped, held jobs), and soon after a keyed job finished
   * (its successor may be ready). It pauses for the poll interval when a sweep reaches the end
   * without filling a claim.
   *
   * <p>A restart begins at the <em>closed mark</em>, not at the beginning: the position up to which
   * a sweep found every line closed (claimed, or already followed by a later line). Lines behind
   * the mark are lines of jobs claimed or finished but not yet archived; scanning them again after
   * every restart would cost a statement per window for nothing. The mark only advances over a
   * window that begins at it and is closed throughout, so an open line (another type, a blocked
   * key, a job skipped or held) stops it. A line can appear behind the mark only when it becomes
   * visible with an old ready time (an enqueue, retry or release committed well after its statement
   * ran, or an explicit run time in the past): a restart from the very beginning every {@value
   * #FULL_SWEEP_INTERVALS} sweep intervals (ten seconds by default) finds those.
   */
  private void pollLoop() {
    List<String> types = List.copyOf(handlers.keySet());
    JobStore.ScanPosition from = JobStore.SCAN_START;
    JobStore.ScanPosition mark = JobStore.SCAN_START;
    JobStore.ScanPosition prioFrom = JobStore.SCAN_START;
    JobStore.ScanPosition prioMark = JobStore.SCAN_START;
    long agingMillis = config.claim().priorityAging().toMillis();
    boolean restart = true;
    int claimsSinceSweepStart = 0;
    long sweepStartNanos = System.nanoTime();
    long sweepIntervalNanos = Math.max(config.pollInterval().toNanos(), SWEEP_INTERVAL_MIN_NANOS);
    long fullSweepNanos = sweepStartNanos;
    while (lifecycle == Lifecycle.RUNNING) {
      int permits = acquirePermits();
      if (permits == 0) {
        continue;
      }
      if (restart) {
        restart = false;
        sweepStartNanos = System.nanoTime();
        if (sweepStartNanos - fullSweepNanos >= FULL_SWEEP_INTERVALS * sweepIntervalNanos) {
          fullSweepNanos = sweepStartNanos;
          mark = JobStore.SCAN_START;
          prioMark = JobStore.SCAN_START;
        }
        from = mark;
        prioFrom = prioMark;
        claimsSinceSweepStart = 0;
        keyedJobFinished = false;
      }
      JobStore.ScanPosition scanFrom = from;
      JobStore.ScanPosition prioScanFrom = prioFrom;
      JobStore.ClaimExtras extras =
          new JobStore.ClaimExtras(prioScanFrom, agingMillis, takeSuccessorHints(permits));
      JobStore.ClaimResult result;
      long claimStart = System.nanoTime();
      try {
        result =
            jdbi.withHandle(
                h ->
                    JobStore.claim(
                        h,
                        types,
                        workerId,
                        permits,
                        permits * CLAIM_WINDOW_FACTOR,
                        leaseMillis,
                        scanFrom,
                        heldJobIds(),
                        extras));
      } catch (RuntimeException e) {
        capacity.release(permits);
        LOG.warn("Job processor {}: claim failed, retrying after the poll interval", workerId, e);
        mark = JobStore.SCAN_START;
        prioMark = JobStore.SCAN_START;
        restart = true;
        pause();
        continue;
      }
      List<ClaimedJob> jobs = result.jobs();
      boolean atMark = scanFrom.equals(mark);
      if (atMark && result.closedThrough() != null) {
        mark = result.closedThrough();
      }
      JobStore.PrioritySource prio = result.priority();
      if (prio.closedThrough() != null) {
        if (prioScanFrom.equals(prioMark)) {
          prioMark = prio.closedThrough();
        }
        prioFrom = prio.closedThrough();
      }
      if (prio.rows() == permits && prio.claimed() == 0) {
        // A full priority window of which nothing could be claimed (blocked keys, jobs another
        // claimer took): move past it (found again from the priority mark when the sweep
        // restarts).
        prioFrom = prio.last();
      }
      capacity.release(permits - jobs.size());
      if (LOG.isTraceEnabled()) {
        LOG.trace(
            "claim: asked {}, got {}, scanned {}, {} us, from start {}, at mark {}",
            permits,
            jobs.size(),
            result.windowRows(),
            (System.nanoTime() - claimStart) / 1000,
            scanFrom == JobStore.SCAN_START,
            atMark);
      }
      dispatch(jobs, claimStart);
      claimsSinceSweepStart++;
      boolean restartDue =
          System.nanoTime() - sweepStartNanos >= sweepIntervalNanos
              || (keyedJobFinished && claimsSinceSweepStart >= SWEEP_RESTART_AFTER_KEYED_CLAIMS);
      if (jobs.size() == permits && !restartDue) {
        if (result.lastSweepClaim() != null) {
          from = result.lastSweepClaim();
        }
      } else if (result.windowRows() == permits * CLAIM_WINDOW_FACTOR && !restartDue) {
        from = result.windowEnd();
      } else {
        restart = true;
        if (jobs.size() < permits && !restartDue) {
          pause();
        }
      }
    }
  }

  /**
   * The jobs this processor holds whose lease may have expired: never claimed again by it. A job
   * claimed less than half a lease ago (local monotonic clock, measured from before the claim
   * statement was sent, so never shorter than the database's view) still has a valid lease; its
   * line is not ready and cannot be claimed, so it need not be listed (the list is checked against
   * every line of the claim window).
   */
  private long[] heldJobIds() {
    long now = System.nanoTime();
    long safeNanos = TimeUnit.MILLISECONDS.toNanos(leaseMillis) / 2;
    return inFlight.values().stream()
        .filter(f -> now - f.claimSentNanos >= safeNanos)
        .mapToLong(f -> f.claim.job().id())
        .toArray();
  }

  /**
   * Takes up to {@code max} successor hints (keys of keyed jobs that succeeded here, with the id of
   * the latest one): the next claim looks at the next job of each key first.
   */
  private Map<String, Long> takeSuccessorHints(int max) {
    if (successorHints.isEmpty()) {
      return Map.of();
    }
    Map<String, Long> taken = new java.util.HashMap<>();
    for (var it = successorHints.entrySet().iterator(); it.hasNext() && taken.size() < max; ) {
      Map.Entry<String, Long> hint = it.next();
      if (successorHints.remove(hint.getKey(), hint.getValue())) {
        taken.put(hint.getKey(), hint.getValue());
      }
    }
    return taken;
  }

  /** Waits for free capacity (up to the poll interval), then takes up to a claim batch of it. */
  private int acquirePermits() {
    try {
      if (!capacity.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
        return 0;
      }
    } catch (InterruptedException e) {
      return 0;
    }
    int available = 1 + capacity.drainPermits();
    int taken = Math.min(available, config.claim().batchSize());
    capacity.release(available - taken);
    return taken;
  }

  private void pause() {
    long deadline = System.nanoTime() + config.pollInterval().toNanos();
    synchronized (wake) {
      while (!wakeRequested && lifecycle == Lifecycle.RUNNING) {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          break;
        }
        try {
          wake.wait(remainingMillis);
        } catch (InterruptedException e) {
          break;
        }
      }
      wakeRequested = false;
    }
  }

  private void dispatch(List<ClaimedJob> jobs, long claimSentNanos) {
    if (jobs.isEmpty()) {
      return;
    }
    long lag = 0;
    for (ClaimedJob job : jobs) {
      inFlight.put(job.job().id(), new InFlight(job, claimSentNanos));
      lag = Math.max(lag, job.lagMillis());
    }
    claimed.add(jobs.size());
    lagMillis.set(lag);
    int size = config.claim().transactionBatchSize();
    for (int from = 0; from < jobs.size(); from += size) {
      List<ClaimedJob> chunk = List.copyOf(jobs.subList(from, Math.min(jobs.size(), from + size)));
      try {
        workers.execute(() -> runChunk(chunk));
      } catch (RejectedExecutionException e) {
        // Only while closing: the jobs stay in flight and their leases are released by close().
        LOG.debug("Job processor {}: not dispatched while closing", workerId);
      }
    }
  }

  /**
   * A transaction's worth of jobs. Without savepoints (the fast path) a failing handler sends the
   * whole batch round again with savepoints; {@code failed} holds errors already known, whose
   * handlers do not run again.
   */
  private record Batch(List<ClaimedJob> jobs, boolean savepoints, Map<Long, String> failed) {}

  /**
   * Runs a chunk of claimed jobs. Normally one transaction does it all. A failing handler makes the
   * batch run again with a savepoint per job; after a lost lease the other jobs run again; after a
   * broken transaction each job runs again on its own, so that a job that breaks its transaction
   * (even at commit) is found and fails alone. Bounded: every round removes a job, records a
   * failure, or splits the batch.
   */
  private void runChunk(List<ClaimedJob> chunk) {
    ArrayDeque<Batch> work = new ArrayDeque<>();
    work.add(new Batch(chunk, false, Map.of()));
    int roundsMax = 3 * chunk.size() + 3;
    for (int round = 0; round < roundsMax && !work.isEmpty(); round++) {
      if (lifecycle != Lifecycle.RUNNING) {
        return; // still in flight: close() releases them
      }
      work.addAll(runBatch(work.poll()));
    }
  }

  /**
   * One transaction: the handlers (each in its own savepoint on the careful path), then one
   * statement writing every job's line, each accepted only under a valid lease, then commit.
   *
   * @return batches to run again (empty when done)
   */
  private List<Batch> runBatch(Batch batch) {
    List<InFlight> ran = new ArrayList<>(batch.jobs().size());
    List<String> errors = new ArrayList<>(batch.jobs().size());
    List<String> savepoints = new ArrayList<>(batch.jobs().size());
    List<InFlight> locked = new ArrayList<>(batch.jobs().size());
    Handle handle = null;
    try {
      handle = jdbi.open();
      handle.begin();
      for (ClaimedJob claim : batch.jobs()) {
        InFlight f = inFlight.get(claim.job().id());
        if (lifecycle != Lifecycle.RUNNING || f == null) {
          break;
        }
        if (f.timedOut) {
          // Given up by the watchdog (its failed line is written): never run again here.
          leaseLost.increment();
          finish(f);
          continue;
        }
        String known = batch.failed().get(claim.job().id());
        if (known != null) {
          ran.add(f);
          errors.add(known);
          savepoints.add(null);
          continue;
        }
        String savepoint = null;
        if (batch.savepoints()) {
          savepoint = SAVEPOINT + ran.size();
          try {
            handle.savepoint(savepoint);
          } catch (JdbiException e) {
            // The previous handler returned normally but left the transaction aborted.
            if (!blameLast(handle, errors, savepoints, e)) {
              throw e;
            }
            handle.savepoint(savepoint);
          }
        }
        ran.add(f);
        savepoints.add(savepoint);
        String error = runHandler(handle, f);
        if (f.timedOut) {
          // The handler ran past its timeout: whatever it wrote is rolled back, and the other
          // jobs of the batch run again without it.
          handle.rollback();
          leaseLost.increment();
          finish(f);
          List<ClaimedJob> others = new ArrayList<>(batch.jobs());
          others.remove(claim);
          return others.isEmpty()
              ? List.of()
              : List.of(new Batch(others, batch.savepoints(), batch.failed()));
        }
        if (error != null) {
          if (!batch.savepoints()) {
            handle.rollback();
            Map<Long, String> failed = new java.util.HashMap<>(batch.failed());
            failed.put(claim.job().id(), error);
            return carefully(batch.jobs(), failed);
          }
          handle.rollbackToSavepoint(savepoint);
        }
        errors.add(error);
      }
      if (ran.isEmpty()) {
        handle.rollback();
        return List.of();
      }
      for (InFlight f : ran) {
        lock(f, locked);
      }
      Set<Long> written;
      try {
        // The fast path inserts plainly; the careful path tolerates a line that already exists.
        written = JobStore.finish(handle, finishLines(ran, errors), workerId, batch.savepoints());
      } catch (JdbiException e) {
        if (!batch.savepoints()) {
          // A handler left the transaction aborted, or a lease expired while the lines were
          // written (a takeover's line exists): either is sorted out on the careful path.
          handle.rollback();
          return carefully(batch.jobs(), batch.failed());
        }
        if (!blameLast(handle, errors, savepoints, e)) {
          throw e;
        }
        written = JobStore.finish(handle, finishLines(ran, errors), workerId);
      }
      List<ClaimedJob> rerun = new ArrayList<>();
      boolean successLost = false;
      for (int i = 0; i < ran.size(); i++) {
        boolean lost = errors.get(i) == null && !written.contains(ran.get(i).claim.job().id());
        successLost |= lost;
        if (!lost) {
          rerun.add(ran.get(i).claim);
        }
      }
      if (successLost) {
        // A job lost its lease: its writes must not commit, so nothing of this batch commits;
        // the lost jobs are dropped, the others run again.
        handle.rollback();
        for (int i = 0; i < ran.size(); i++) {
          if (errors.get(i) == null && !written.contains(ran.get(i).claim.job().id())) {
            leaseLost.increment();
            finish(ran.get(i));
          }
        }
        return rerun.isEmpty()
            ? List.of()
            : List.of(new Batch(rerun, batch.savepoints(), batch.failed()));
      }
      handle.commit();
      boolean hinted = false;
      for (int i = 0; i < ran.size(); i++) {
        InFlight f = ran.get(i);
        Outcome outcome = outcome(f, errors.get(i), written.contains(f.claim.job().id()));
        count(outcome);
        if (outcome == Outcome.SUCCEEDED && f.claim.job().key() != null) {
          successorHints.merge(f.claim.job().key(), f.claim.job().id(), Math::max);
          hinted = true;
        }
        finish(f);
      }
      if (hinted) {
        pollNow(); // the successors may be ready now
      }
      return List.of();
    } catch (RuntimeException | Error e) {
      rollbackQuietly(handle);
      return recoverBrokenBatch(batch, locked, e);
    } finally {
      closeQuietly(handle);
      for (InFlight f : locked) {
        f.lock.unlock();
      }
    }
  }

  /**
   * The careful path's batches: at most {@value #SAVEPOINTS_MAX} jobs each, one savepoint per job.
   * PostgreSQL keeps 64 subtransactions of a transaction in shared memory; beyond that every
   * snapshot taken on the server while the transaction is open gets slower.
   */
  private static List<Batch> carefully(List<ClaimedJob> jobs, Map<Long, String> failed) {
    List<Batch> batches = new ArrayList<>();
    for (int from = 0; from < jobs.size(); from += SAVEPOINTS_MAX) {
      List<ClaimedJob> part = jobs.subList(from, Math.min(jobs.size(), from + SAVEPOINTS_MAX));
      batches.add(new Batch(List.copyOf(part), true, failed));
    }
    return batches;
  }

  /** Runs one handler; returns {@code null} on success, else the error text. */
  private String runHandler(Handle handle, InFlight f) {
    Job job = f.claim.job();
    if (job.attempt() > config.retry().attemptsMax()) {
      // Taken over after its lease expired on the last allowed attempt: do not run it again.
      return "lease expired on attempt " + (job.attempt() - 1) + " (worker lost or job too slow)";
    }
    Thread.interrupted(); // a stray interrupt meant for an earlier handler of this thread
    f.runner = Thread.currentThread();
    f.startedNanos = System.nanoTime();
    try {
      handlers.get(job.type()).handle(handle, job);
      return null;
    } catch (Exception e) {
      return describe(e);
    } finally {
      f.startedNanos = 0;
      f.runner = null;
      Thread.interrupted();
    }
  }

  /**
   * Whether the listener is connected and listening (see {@link
   * JobProcessorConfig#listenToEnqueues()}).
   *
   * @return whether notifications can arrive now
   */
  public boolean listening() {
    NotificationListener part = listenerPart;
    return part != null && part.listening();
  }

  /**
   * How many notifications the listener received since the processor started.
   *
   * @return the count
   */
  public long notificationsReceived() {
    NotificationListener part = listenerPart;
    return part == null ? 0 : part.received();
  }

  /**
   * The timeout watchdog (maintenance thread): gives up every job whose handler runs longer than
   * {@link JobProcessorConfig.Lease#jobTimeout()}. Under the job's lock (so not while its worker
   * writes its result), it records a failed attempt (dead on the last one) under the lease, which
   * also ends the lease: the line after the lease line exists, so no later write of this worker for
   * the job can succeed, and another processor may claim it after the backoff. Then it interrupts
   * the handler's thread; the worker rejects the handler's result and rolls its writes back.
   */
  private void enforceTimeouts() {
    long limitNanos = config.lease().jobTimeout().toNanos();
    long now = System.nanoTime();
    for (InFlight f : inFlight.values()) {
      long started = f.startedNanos;
      if (started == 0 || f.timedOut || now - started < limitNanos || !f.lock.tryLock()) {
        continue;
      }
      try {
        if (f.finished || f.timedOut || f.startedNanos != started) {
          continue;
        }
        Job job = f.claim.job();
        boolean last = lastAttempt(job);
        String error = "timed out after " + config.lease().jobTimeout() + " (handler interrupted)";
        boolean written = recordFailure(f, error);
        f.timedOut = true;
        if (written) {
          count(last ? Outcome.DEAD : Outcome.RETRIED);
          timedOut.increment();
        }
        Thread runner = f.runner;
        if (runner != null && f.startedNanos == started) {
          runner.interrupt();
        }
        LOG.warn("Job processor {}: job {} {}", workerId, job.id(), error);
      } catch (RuntimeException e) {
        LOG.warn("Job processor {}: giving up timed-out job failed", workerId, e);
      } finally {
        f.lock.unlock();
      }
    }
  }

  /**
   * Blames the latest job that ran and succeeded for an aborted transaction: rolls back to its
   * savepoint and records the error.
   *
   * @return whether there was such a job
   */
  private boolean blameLast(
      Handle handle, List<String> errors, List<String> savepoints, Exception e) {
    for (int i = errors.size() - 1; i >= 0; i--) {
      if (savepoints.get(i) != null && errors.get(i) == null) {
        handle.rollbackToSavepoint(savepoints.get(i));
        errors.set(i, describe(e));
        return true;
      }
    }
    return false;
  }

  private List<JobStore.Finish> finishLines(List<InFlight> ran, List<String> errors) {
    List<JobStore.Finish> lines = new ArrayList<>(ran.size());
    for (int i = 0; i < ran.size(); i++) {
      InFlight f = ran.get(i);
      Job job = f.claim.job();
      String error = errors.get(i);
      if (error == null) {
        lines.add(new JobStore.Finish(job.id(), f.heldSeq, "succeeded", 0, null));
      } else {
        lines.add(
            new JobStore.Finish(
                job.id(), f.heldSeq, lastAttempt(job) ? "dead" : "failed", backoff(job), error));
      }
    }
    return lines;
  }

  private Outcome outcome(InFlight f, String error, boolean written) {
    if (!written) {
      return Outcome.LEASE_LOST;
    }
    if (error == null) {
      return Outcome.SUCCEEDED;
    }
    return lastAttempt(f.claim.job()) ? Outcome.DEAD : Outcome.RETRIED;
  }

  /** Whether a failure of this attempt makes the job dead. */
  private boolean lastAttempt(Job job) {
    return job.attempt() >= config.retry().attemptsMax();
  }

  /** The delay before the next attempt after a failure of this one. */
  private long backoff(Job job) {
    return Backoff.delayMillis(
        job.attempt(), config.retry().backoffBase(), config.retry().backoffMax());
  }

  /**
   * Records a failed attempt (dead on the last) under the job's lease, on a connection of its own.
   *
   * @return whether the line was written (else the lease was lost)
   */
  private boolean recordFailure(InFlight f, String error) {
    Job job = f.claim.job();
    boolean last = lastAttempt(job);
    long delay = backoff(job);
    return jdbi.withHandle(
        h -> JobStore.fail(h, job.id(), f.heldSeq, workerId, last, delay, error));
  }

  /**
   * After a broken transaction nothing of the batch was committed. A batch of several jobs is split
   * into single jobs that run again; a single job that broke its own transaction gets a failed
   * attempt (best effort, on a fresh connection; if that fails too its lease simply expires).
   */
  private List<Batch> recoverBrokenBatch(Batch batch, List<InFlight> locked, Throwable cause) {
    List<ClaimedJob> jobs = batch.jobs();
    if (jobs.size() > 1) {
      LOG.warn(
          "Job processor {}: transaction for {} jobs broke; running them one by one",
          workerId,
          jobs.size(),
          cause);
      List<Batch> singles = new ArrayList<>(jobs.size());
      for (ClaimedJob job : jobs) {
        String known = batch.failed().get(job.job().id());
        singles.add(
            new Batch(
                List.of(job), false, known == null ? Map.of() : Map.of(job.job().id(), known)));
      }
      return singles;
    }
    InFlight f = inFlight.get(jobs.get(0).job().id());
    if (f == null) {
      return List.of();
    }
    LOG.warn("Job processor {}: job {} broke its transaction", workerId, f.claim.job().id(), cause);
    try {
      lock(f, locked);
      boolean last = lastAttempt(f.claim.job());
      boolean written = recordFailure(f, describe(cause));
      count(written ? (last ? Outcome.DEAD : Outcome.RETRIED) : Outcome.LEASE_LOST);
      finish(f);
    } catch (RuntimeException e) {
      LOG.warn(
          "Job processor {}: recording the failure failed; the lease will expire", workerId, e);
    }
    return List.of();
  }

  private static void lock(InFlight f, List<InFlight> locked) {
    if (!locked.contains(f)) {
      f.lock.lock();
      locked.add(f);
    }
  }

  private void finish(InFlight f) {
    if (!f.finished) {
      f.finished = true;
      if (f.claim.job().key() != null) {
        keyedJobFinished = true;
      }
      inFlight.remove(f.claim.job().id(), f);
      capacity.release();
    }
  }

  private void count(Outcome outcome) {
    switch (outcome) {
      case SUCCEEDED -> succeeded.increment();
      case RETRIED -> retried.increment();
      case DEAD -> dead.increment();
      case LEASE_LOST -> leaseLost.increment();
      default -> throw new AssertionError(outcome);
    }
  }

  /**
   * Locks every held job that no worker is completing right now (and that is neither finished nor
   * given up by the watchdog); the caller unlocks them.
   */
  private List<InFlight> lockIdle() {
    List<InFlight> locked = new ArrayList<>();
    for (InFlight f : inFlight.values()) {
      if (f.lock.tryLock()) {
        if (f.finished || f.timedOut) {
          f.lock.unlock();
        } else {
          locked.add(f);
        }
      }
    }
    return locked;
  }

  private static long[] ids(List<InFlight> held) {
    return held.stream().mapToLong(f -> f.claim.job().id()).toArray();
  }

  private static int[] heldSeqs(List<InFlight> held) {
    return held.stream().mapToInt(f -> f.heldSeq).toArray();
  }

  /** Extends the leases of all held jobs that are not being completed right now. */
  private void heartbeat() {
    List<InFlight> held = lockIdle();
    try {
      if (held.isEmpty()) {
        return;
      }
      long[] ids = ids(held);
      int[] seqs = heldSeqs(held);
      List<long[]> extended =
          jdbi.withHandle(h -> JobStore.extend(h, ids, seqs, workerId, leaseMillis));
      Map<Long, Integer> newSeqs = new java.util.HashMap<>();
      for (long[] row : extended) {
        newSeqs.put(row[0], (int) row[1]);
      }
      for (InFlight f : held) {
        Integer seq = newSeqs.get(f.claim.job().id());
        if (seq != null) {
          f.heldSeq = seq;
        }
      }
      if (extended.size() < held.size()) {
        LOG.warn(
            "Job processor {}: {} of {} leases could not be extended (expired or taken over)",
            workerId,
            held.size() - extended.size(),
            held.size());
      }
    } catch (RuntimeException e) {
      LOG.warn("Job processor {}: lease extension failed", workerId, e);
    } finally {
      for (InFlight f : held) {
        f.lock.unlock();
      }
    }
  }

  /** Releases every held job that no worker is completing right now. */
  private void releaseHeld() {
    List<InFlight> locked = lockIdle();
    try {
      releaseLocked(locked);
    } catch (RuntimeException e) {
      LOG.warn("Job processor {}: releasing leases failed; they will expire", workerId, e);
    } finally {
      for (InFlight f : locked) {
        finish(f);
        f.lock.unlock();
      }
    }
  }

  private void releaseLocked(List<InFlight> held) {
    if (held.isEmpty()) {
      return;
    }
    long[] ids = ids(held);
    int[] seqs = heldSeqs(held);
    List<Long> done = jdbi.withHandle(h -> JobStore.release(h, ids, seqs, workerId));
    released.add(done.size());
  }

  /**
   * Purges the archive now: deletes archived jobs older than {@link
   * JobProcessorConfig.Archive#purgeAfter()} (with their lines), in transactions of {@link
   * JobProcessorConfig.Archive#batchSize()} jobs each, until none is left or about a second has
   * passed. Runs after each scheduled archival when {@code purgeAfter} is set.
   *
   * @return how many archived jobs were deleted
   * @throws IllegalStateException when {@code purgeAfter} is zero (keep forever)
   * @throws JobException when the database fails
   */
  public int purgeArchiveNow() {
    Duration purgeAfter = config.archive().purgeAfter();
    if (purgeAfter.isZero()) {
      throw new IllegalStateException("purgeArchiveNow: archive.purgeAfter is zero (keep forever)");
    }
    return archiver.purge(purgeAfter.toMillis(), ARCHIVE_PASS_NANOS_MAX);
  }

  private void archiveQuietly() {
    try {
      archiveNow();
      if (!config.archive().purgeAfter().isZero()) {
        purgeArchiveNow();
      }
    } catch (RuntimeException e) {
      LOG.warn("Job processor {}: archiving failed, retrying at the next interval", workerId, e);
    }
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.toString());
    Throwable cause = failure.getCause();
    for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
      text.append(" / caused by ").append(cause);
    }
    return text.length() <= ERROR_LENGTH_MAX
        ? text.toString()
        : text.substring(0, ERROR_LENGTH_MAX);
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void rollbackQuietly(Handle handle) {
    if (handle == null) {
      return;
    }
    try {
      handle.rollback();
    } catch (RuntimeException e) {
      LOG.debug("rollback failed", e);
    }
  }

  private static void closeQuietly(Handle handle) {
    if (handle == null) {
      return;
    }
    try {
      handle.close();
    } catch (RuntimeException e) {
      LOG.debug("closing a handle failed", e);
    }
  }

  private void joinQuietly(Thread thread) {
    try {
      thread.join(config.pollInterval().toMillis() + STOP_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(java.util.concurrent.ExecutorService executor, long millis) {
    try {
      executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
