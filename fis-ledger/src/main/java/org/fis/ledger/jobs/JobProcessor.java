package org.fis.ledger.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.fis.ledger.jobs.internal.Backoff;
import org.fis.ledger.jobs.internal.ClaimedJob;
import org.fis.ledger.jobs.internal.JobStore;
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
 * <p>Threads: one poller claims up to {@link JobProcessorConfig#claimBatchSize()} jobs per
 * statement (never more than the workers can take), {@link JobProcessorConfig#threads()} workers
 * run them, and one maintenance thread extends leases of claimed jobs and archives finished jobs. A
 * failed attempt is retried with exponential backoff; after {@link
 * JobProcessorConfig#maxAttempts()} the job is dead (see {@link JobQueue#dead}). {@link #close()}
 * stops claiming, lets running jobs finish within {@link JobProcessorConfig#shutdownGrace()} and
 * releases the leases of everything else.
 *
 * <p>Lifecycle: {@link #register} handlers, then {@link #start()} once, then {@link #close()}. All
 * methods are thread-safe.
 */
public final class JobProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobProcessor.class);
  private static final AtomicLong INSTANCES = new AtomicLong();
  private static final int ERROR_LENGTH_MAX = 2_000;
  private static final int ARCHIVE_ROUNDS_MAX = 10;
  private static final long STOP_WAIT_MILLIS = 10_000;
  private static final String SAVEPOINT = "fis_job";

  private enum Lifecycle {
    NEW,
    RUNNING,
    CLOSING,
    CLOSED
  }

  /** A job this processor holds: the line that holds its lease may move on (extensions). */
  private static final class InFlight {
    final ClaimedJob claim;
    final ReentrantLock lock = new ReentrantLock();
    volatile int heldSeq;
    volatile boolean finished;

    InFlight(ClaimedJob claim) {
      this.claim = claim;
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
  private final Semaphore capacity;
  private final Object wake = new Object();
  private boolean wakeRequested;
  private volatile Lifecycle lifecycle = Lifecycle.NEW;
  private ThreadPoolExecutor workers;
  private ScheduledExecutorService maintenance;
  private Thread poller;

  private final LongAdder claimed = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder dead = new LongAdder();
  private final LongAdder leaseLost = new LongAdder();
  private final LongAdder released = new LongAdder();
  private final LongAdder archived = new LongAdder();
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
    this.leaseMillis = config.leaseDuration().toMillis();
    this.capacityMax = config.threads() * config.transactionBatchSize() + config.claimBatchSize();
    this.capacity = new Semaphore(capacityMax);
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
    if (!config.heartbeatInterval().isZero()) {
      long millis = config.heartbeatInterval().toMillis();
      maintenance.scheduleWithFixedDelay(this::heartbeat, millis, millis, TimeUnit.MILLISECONDS);
    }
    if (!config.archiveInterval().isZero()) {
      long millis = config.archiveInterval().toMillis();
      maintenance.scheduleWithFixedDelay(
          this::archiveQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }
    lifecycle = Lifecycle.RUNNING;
    poller = daemon(this::pollLoop, workerId + "-poller");
    poller.start();
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
        lagMillis.get(),
        inFlight.size());
  }

  /**
   * Moves finished jobs (older than the configured retention) to the archive tables now, in
   * transactions of its own; the maintenance thread does the same every {@link
   * JobProcessorConfig#archiveInterval()}.
   *
   * @return the number of jobs archived
   */
  public int archiveNow() {
    int total = 0;
    long retentionMillis = config.archiveRetention().toMillis();
    for (int round = 0; round < ARCHIVE_ROUNDS_MAX; round++) {
      int moved;
      try {
        moved =
            jdbi.inTransaction(
                handle -> JobStore.archive(handle, retentionMillis, config.archiveBatchSize()));
      } catch (JdbiException e) {
        throw new JobException("archiving finished jobs failed", e);
      }
      total += moved;
      if (moved < config.archiveBatchSize()) {
        break;
      }
    }
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

  private void pollLoop() {
    List<String> types = List.copyOf(handlers.keySet());
    while (lifecycle == Lifecycle.RUNNING) {
      int permits = acquirePermits();
      if (permits == 0) {
        continue;
      }
      List<ClaimedJob> jobs;
      try {
        jobs = jdbi.withHandle(h -> JobStore.claim(h, types, workerId, permits, leaseMillis));
      } catch (RuntimeException e) {
        capacity.release(permits);
        LOG.warn("Job processor {}: claim failed, retrying after the poll interval", workerId, e);
        pause();
        continue;
      }
      capacity.release(permits - jobs.size());
      dispatch(jobs);
      if (jobs.size() < permits) {
        pause();
      }
    }
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
    int taken = Math.min(available, config.claimBatchSize());
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

  private void dispatch(List<ClaimedJob> jobs) {
    if (jobs.isEmpty()) {
      return;
    }
    long lag = 0;
    for (ClaimedJob job : jobs) {
      inFlight.put(job.job().id(), new InFlight(job));
      lag = Math.max(lag, job.lagMillis());
    }
    claimed.add(jobs.size());
    lagMillis.set(lag);
    int size = config.transactionBatchSize();
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

  /** Runs a chunk of jobs in one transaction, each in its own savepoint when there are several. */
  private void runChunk(List<ClaimedJob> chunk) {
    List<InFlight> locked = new ArrayList<>(chunk.size());
    List<Outcome> outcomes = new ArrayList<>(chunk.size());
    InFlight current = null;
    boolean committed = false;
    Handle handle = null;
    try {
      handle = jdbi.open();
      handle.begin();
      for (ClaimedJob claim : chunk) {
        if (lifecycle != Lifecycle.RUNNING) {
          break;
        }
        current = inFlight.get(claim.job().id());
        if (current == null) {
          break;
        }
        outcomes.add(runOne(handle, current, locked, chunk.size() > 1));
      }
      handle.commit();
      committed = true;
    } catch (RuntimeException | Error e) {
      LOG.warn(
          "Job processor {}: transaction for jobs {} broke; releasing them",
          workerId,
          chunk.stream().map(c -> c.job().id()).toList(),
          e);
      rollbackQuietly(handle);
      recoverBrokenChunk(chunk, current, locked, e);
    } finally {
      closeQuietly(handle);
    }
    if (committed) {
      for (int i = 0; i < outcomes.size(); i++) {
        count(outcomes.get(i));
      }
      for (InFlight f : locked) {
        finish(f);
      }
    }
    for (InFlight f : locked) {
      f.lock.unlock();
    }
  }

  private Outcome runOne(Handle handle, InFlight f, List<InFlight> locked, boolean savepoints)
      throws JdbiException {
    Job job = f.claim.job();
    if (job.attempt() > config.maxAttempts()) {
      // Taken over after its lease expired on the last allowed attempt: do not run it again.
      lock(f, locked);
      return recordFailure(
          handle, f, "lease expired on attempt " + (job.attempt() - 1) + " (worker lost)");
    }
    if (savepoints) {
      handle.savepoint(SAVEPOINT);
    }
    Exception failure = null;
    try {
      handlers.get(job.type()).handle(handle, job);
    } catch (Exception e) {
      failure = e;
    }
    lock(f, locked);
    if (failure == null) {
      try {
        if (JobStore.succeed(handle, job.id(), f.heldSeq, workerId)) {
          if (savepoints) {
            handle.releaseSavepoint(SAVEPOINT);
          }
          return Outcome.SUCCEEDED;
        }
        undo(handle, savepoints);
        return Outcome.LEASE_LOST;
      } catch (JdbiException e) {
        // The handler left the transaction unusable (e.g. it swallowed an SQL error).
        failure = e;
      }
    }
    undo(handle, savepoints);
    return recordFailure(handle, f, describe(failure));
  }

  private Outcome recordFailure(Handle handle, InFlight f, String error) {
    Job job = f.claim.job();
    boolean last = job.attempt() >= config.maxAttempts();
    long backoff =
        Backoff.delayMillis(Math.max(1, job.attempt()), config.backoffBase(), config.backoffMax());
    boolean written = JobStore.fail(handle, job.id(), f.heldSeq, workerId, last, backoff, error);
    if (!written) {
      return Outcome.LEASE_LOST;
    }
    return last ? Outcome.DEAD : Outcome.RETRIED;
  }

  private static void undo(Handle handle, boolean savepoints) {
    if (savepoints) {
      handle.rollbackToSavepoint(SAVEPOINT);
      handle.releaseSavepoint(SAVEPOINT);
    } else {
      handle.rollback();
      handle.begin();
    }
  }

  /**
   * After a broken transaction nothing of the chunk was committed: the job that was running gets a
   * failed attempt, the others are released (best effort, on a fresh connection; if that fails too
   * their leases simply expire).
   */
  private void recoverBrokenChunk(
      List<ClaimedJob> chunk, InFlight current, List<InFlight> locked, Throwable cause) {
    List<InFlight> toRelease = new ArrayList<>();
    for (ClaimedJob claim : chunk) {
      InFlight f = inFlight.get(claim.job().id());
      if (f != null && f != current) {
        lock(f, locked);
        toRelease.add(f);
      }
    }
    try {
      if (current != null) {
        lock(current, locked);
        InFlight culprit = current;
        Outcome outcome = jdbi.withHandle(h -> recordFailure(h, culprit, describe(cause)));
        count(outcome);
        finish(culprit);
      }
      releaseLocked(toRelease);
    } catch (RuntimeException e) {
      LOG.warn("Job processor {}: recovery failed; leases will expire", workerId, e);
    }
    for (InFlight f : toRelease) {
      finish(f);
    }
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
      inFlight.remove(f.claim.job().id());
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

  /** Extends the leases of all held jobs that are not being completed right now. */
  private void heartbeat() {
    List<InFlight> held = new ArrayList<>();
    for (InFlight f : inFlight.values()) {
      if (f.lock.tryLock()) {
        if (f.finished) {
          f.lock.unlock();
        } else {
          held.add(f);
        }
      }
    }
    try {
      if (held.isEmpty()) {
        return;
      }
      long[] ids = new long[held.size()];
      int[] seqs = new int[held.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = held.get(i).claim.job().id();
        seqs[i] = held.get(i).heldSeq;
      }
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
    List<InFlight> locked = new ArrayList<>();
    for (InFlight f : inFlight.values()) {
      if (f.lock.tryLock()) {
        if (f.finished) {
          f.lock.unlock();
        } else {
          locked.add(f);
        }
      }
    }
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
    long[] ids = new long[held.size()];
    int[] seqs = new int[held.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = held.get(i).claim.job().id();
      seqs[i] = held.get(i).heldSeq;
    }
    List<Long> done = jdbi.withHandle(h -> JobStore.release(h, ids, seqs, workerId));
    released.add(done.size());
  }

  private void archiveQuietly() {
    try {
      archiveNow();
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
