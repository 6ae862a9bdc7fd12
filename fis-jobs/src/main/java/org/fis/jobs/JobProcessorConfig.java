package org.fis.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a {@link JobProcessor}: an immutable value, validated on construction. Start
 * from {@link #defaults()} and change fields with the {@code withXxx} methods.
 *
 * @param threads worker threads running handlers, 1 to {@value #THREADS_MAX}
 * @param pollInterval pause between claim queries when no job was ready (positive)
 * @param claimBatchSize jobs claimed by one claim statement at most, 1 to {@value #BATCH_SIZE_MAX}
 * @param transactionBatchSize jobs run one after another in one transaction (one lease-checked
 *     success statement for all of them; when a handler fails, the batch runs again with a
 *     savepoint per job, in parts of at most 50), 1 to {@value #TRANSACTION_BATCH_SIZE_MAX}; more
 *     than 1 saves a commit per job at the price of a later commit for the first jobs of a batch
 * @param leaseDuration how long a claim holds a job before another worker may take it over (at
 *     least 100 ms)
 * @param heartbeatInterval how often the leases of claimed jobs are extended; shorter than {@code
 *     leaseDuration}, or {@link Duration#ZERO} for never (then a job must finish within its lease)
 * @param maxAttempts attempts before a job is dead-lettered, 1 to {@value #ATTEMPTS_MAX}
 * @param backoffBase delay after the first failed attempt, doubled after each further one
 *     (positive)
 * @param backoffMax the largest delay between attempts (at least {@code backoffBase})
 * @param shutdownGrace how long {@link JobProcessor#close()} lets running jobs finish before it
 *     releases their leases (zero or positive)
 * @param archiveInterval how often finished jobs are moved to the archive tables, or {@link
 *     Duration#ZERO} for never (the host archives with {@link JobProcessor#archiveNow()})
 * @param archiveRetention how long finished jobs stay in the live tables (zero or positive)
 * @param archiveBatchSize jobs moved by one archive statement at most, 1 to {@value
 *     #ARCHIVE_BATCH_SIZE_MAX}
 * @param workerId this processor's worker id in status lines (1 to 200 characters), or {@code null}
 *     for one derived from the process id and a counter
 */
public record JobProcessorConfig(
    int threads,
    Duration pollInterval,
    int claimBatchSize,
    int transactionBatchSize,
    Duration leaseDuration,
    Duration heartbeatInterval,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration shutdownGrace,
    Duration archiveInterval,
    Duration archiveRetention,
    int archiveBatchSize,
    String workerId) {

  /** Upper bound of {@link #threads()}. */
  public static final int THREADS_MAX = 256;

  /** Upper bound of {@link #claimBatchSize()}. */
  public static final int BATCH_SIZE_MAX = 1_000;

  /**
   * Upper bound of {@link #transactionBatchSize()}: it bounds how much work one failing job sends
   * round again. (Savepoints, used only after a failure, are taken in parts of at most 50 jobs:
   * PostgreSQL caches 64 subtransactions per transaction before every other session's snapshots get
   * slower.)
   */
  public static final int TRANSACTION_BATCH_SIZE_MAX = 250;

  /** Upper bound of {@link #maxAttempts()}. */
  public static final int ATTEMPTS_MAX = 1_000;

  /** Upper bound of {@link #archiveBatchSize()}. */
  public static final int ARCHIVE_BATCH_SIZE_MAX = 100_000;

  /** Default {@link #threads()}. */
  public static final int DEFAULT_THREADS = 4;

  /** Default {@link #pollInterval()}. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

  /** Default {@link #claimBatchSize()}. */
  public static final int DEFAULT_CLAIM_BATCH_SIZE = 100;

  /** Default {@link #transactionBatchSize()}. */
  public static final int DEFAULT_TRANSACTION_BATCH_SIZE = 20;

  /** Default {@link #leaseDuration()}. */
  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofMinutes(1);

  /** Default {@link #heartbeatInterval()}: a third of the default lease. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(20);

  /** Default {@link #maxAttempts()}. */
  public static final int DEFAULT_MAX_ATTEMPTS = 5;

  /** Default {@link #backoffBase()}. */
  public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofSeconds(1);

  /** Default {@link #backoffMax()}. */
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofHours(1);

  /** Default {@link #shutdownGrace()}. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  /** Default {@link #archiveInterval()}. */
  public static final Duration DEFAULT_ARCHIVE_INTERVAL = Duration.ofSeconds(1);

  /** Default {@link #archiveRetention()}: archive as soon as finished. */
  public static final Duration DEFAULT_ARCHIVE_RETENTION = Duration.ZERO;

  /** Default {@link #archiveBatchSize()}. */
  public static final int DEFAULT_ARCHIVE_BATCH_SIZE = 2_000;

  private static final Duration LEASE_MIN = Duration.ofMillis(100);

  /** Validates every value. */
  public JobProcessorConfig {
    requireRange(threads, 1, THREADS_MAX, "threads");
    requirePositive(pollInterval, "pollInterval");
    requireRange(claimBatchSize, 1, BATCH_SIZE_MAX, "claimBatchSize");
    requireRange(transactionBatchSize, 1, TRANSACTION_BATCH_SIZE_MAX, "transactionBatchSize");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    if (leaseDuration.compareTo(LEASE_MIN) < 0) {
      throw new IllegalArgumentException(
          "leaseDuration: must be at least " + LEASE_MIN + ", got " + leaseDuration);
    }
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (heartbeatInterval.isNegative() || heartbeatInterval.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException(
          "heartbeatInterval: must be zero (off) or shorter than leaseDuration "
              + leaseDuration
              + ", got "
              + heartbeatInterval);
    }
    requireRange(maxAttempts, 1, ATTEMPTS_MAX, "maxAttempts");
    requirePositive(backoffBase, "backoffBase");
    Objects.requireNonNull(backoffMax, "backoffMax");
    if (backoffMax.compareTo(backoffBase) < 0) {
      throw new IllegalArgumentException(
          "backoffMax: must be at least backoffBase " + backoffBase + ", got " + backoffMax);
    }
    requireNotNegative(shutdownGrace, "shutdownGrace");
    requireNotNegative(archiveInterval, "archiveInterval");
    requireNotNegative(archiveRetention, "archiveRetention");
    requireRange(archiveBatchSize, 1, ARCHIVE_BATCH_SIZE_MAX, "archiveBatchSize");
    if (workerId != null && (workerId.isBlank() || workerId.length() > 200)) {
      throw new IllegalArgumentException(
          "workerId: must be null or 1 to 200 characters, got '" + workerId + "'");
    }
  }

  /**
   * The defaults: the {@code DEFAULT_*} constants of this class.
   *
   * @return the default configuration
   */
  public static JobProcessorConfig defaults() {
    return new JobProcessorConfig(
        DEFAULT_THREADS,
        DEFAULT_POLL_INTERVAL,
        DEFAULT_CLAIM_BATCH_SIZE,
        DEFAULT_TRANSACTION_BATCH_SIZE,
        DEFAULT_LEASE_DURATION,
        DEFAULT_HEARTBEAT_INTERVAL,
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BACKOFF_BASE,
        DEFAULT_BACKOFF_MAX,
        DEFAULT_SHUTDOWN_GRACE,
        DEFAULT_ARCHIVE_INTERVAL,
        DEFAULT_ARCHIVE_RETENTION,
        DEFAULT_ARCHIVE_BATCH_SIZE,
        null);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #threads()} changed
   */
  public JobProcessorConfig withThreads(int value) {
    return new JobProcessorConfig(
        value,
        pollInterval,
        claimBatchSize,
        transactionBatchSize,
        leaseDuration,
        heartbeatInterval,
        maxAttempts,
        backoffBase,
        backoffMax,
        shutdownGrace,
        archiveInterval,
        archiveRetention,
        archiveBatchSize,
        workerId);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #pollInterval()} changed
   */
  public JobProcessorConfig withPollInterval(Duration value) {
    return new JobProcessorConfig(
        threads,
        value,
        claimBatchSize,
        transactionBatchSize,
        leaseDuration,
        heartbeatInterval,
        maxAttempts,
        backoffBase,
        backoffMax,
        shutdownGrace,
        archiveInterval,
        archiveRetention,
        archiveBatchSize,
        workerId);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #claimBatchSize()} changed
   */
  public JobProcessorConfig withClaimBatchSize(int value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        value,
        transactionBatchSize,
        leaseDuration,
        heartbeatInterval,
        maxAttempts,
        backoffBase,
        backoffMax,
        shutdownGrace,
        archiveInterval,
        archiveRetention,
        archiveBatchSize,
        workerId);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #transactionBatchSize()} changed
   */
  public JobProcessorConfig withTransactionBatchSize(int value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claimBatchSize,
        value,
        leaseDuration,
        heartbeatInterval,
        maxAttempts,
        backoffBase,
        backoffMax,
        shutdownGrace,
        archiveInterval,
        archiveRetention,
        archiveBatchSize,
        workerId);
  }

  /**
   * Changes the lease; the heartbeat becomes a third of it unless it is off.
   *
   * @param value the new value
   * @return a copy with {@link #leaseDuration()} changed
   */
  public JobProcessorConfig withLeaseDuration(Duration value) {
    Objects.requireNonNull(value, "leaseDuration");
    Duration heartbeat = heartbeatInterval.isZero() ? Duration.ZERO : value.dividedBy(3);
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claimBatchSize,
        transactionBatchSize,
        value,
        heartbeat,
        maxAttempts,
        backoffBase,
        backoffMax,
        shutdownGrace,
        archiveInterval,
        archiveRetention,
        archiveBatchSize,
        workerId);
  }

  /**
   * @param value the new value; {@link Duration#ZERO} turns lease extension off
   * @return a copy with {@link #heartbeatInterval()} changed
   */
  public JobProcessorConfig withHeartbeatInterval(Duration value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claimBatchSize,
        transactionBatchSize,
        leaseDuration,
        value,
        maxAttempts,
        backoffBase,
        backoffMax,
        shutdownGrace,
        archiveInterval,
        archiveRetention,
        archiveBatchSize,
        workerId);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #maxAttempts()} changed
   */
  public JobProcessorConfig withMaxAttempts(int value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claimBatchSize,
        transactionBatchSize,
        leaseDuration,
        heartbeatInterval,
        value,
        backoffBase,
        backoffMax,
        shutdownGrace,
        archiveInterval,
        archiveRetention,
        archiveBatchSize,
        workerId);
  }

  /**
   * @param base the delay after the first failure
   * @param max the largest delay
   * @return a copy with {@link #backoffBase()} and {@link #backoffMax()} changed
   */
  public JobProcessorConfig withBackoff(Duration base, Duration max) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claimBatchSize,
        transactionBatchSize,
        leaseDuration,
        heartbeatInterval,
        maxAttempts,
        base,
        max,
        shutdownGrace,
        archiveInterval,
        archiveRetention,
        archiveBatchSize,
        workerId);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #shutdownGrace()} changed
   */
  public JobProcessorConfig withShutdownGrace(Duration value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claimBatchSize,
        transactionBatchSize,
        leaseDuration,
        heartbeatInterval,
        maxAttempts,
        backoffBase,
        backoffMax,
        value,
        archiveInterval,
        archiveRetention,
        archiveBatchSize,
        workerId);
  }

  /**
   * @param interval how often to archive, or zero for never
   * @param retention how long finished jobs stay live
   * @return a copy with {@link #archiveInterval()} and {@link #archiveRetention()} changed
   */
  public JobProcessorConfig withArchive(Duration interval, Duration retention) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claimBatchSize,
        transactionBatchSize,
        leaseDuration,
        heartbeatInterval,
        maxAttempts,
        backoffBase,
        backoffMax,
        shutdownGrace,
        interval,
        retention,
        archiveBatchSize,
        workerId);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #archiveBatchSize()} changed
   */
  public JobProcessorConfig withArchiveBatchSize(int value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claimBatchSize,
        transactionBatchSize,
        leaseDuration,
        heartbeatInterval,
        maxAttempts,
        backoffBase,
        backoffMax,
        shutdownGrace,
        archiveInterval,
        archiveRetention,
        value,
        workerId);
  }

  /**
   * @param value the new value, or {@code null} for a derived one
   * @return a copy with {@link #workerId()} changed
   */
  public JobProcessorConfig withWorkerId(String value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claimBatchSize,
        transactionBatchSize,
        leaseDuration,
        heartbeatInterval,
        maxAttempts,
        backoffBase,
        backoffMax,
        shutdownGrace,
        archiveInterval,
        archiveRetention,
        archiveBatchSize,
        value);
  }

  private static void requireRange(int value, int min, int max, String name) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + ": must be " + min + " to " + max + ", got " + value);
    }
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": must be positive, got " + value);
    }
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + ": must not be negative, got " + value);
    }
  }
}
