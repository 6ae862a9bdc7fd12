package org.fis.jobs;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of a {@link JobProcessor}: an immutable value, validated on construction, with the
 * settings grouped into nested records ({@link Claim}, {@link Lease}, {@link Retry}, {@link
 * Archive}). Start from {@link #defaults()} and change fields with the {@code withXxx} methods; an
 * invalid value is rejected naming its {@code withXxx} field.
 *
 * @param threads worker threads running handlers, 1 to {@value #THREADS_MAX}
 * @param pollInterval pause between claim queries when no job was ready (positive)
 * @param claim how many jobs a claim takes and a transaction runs
 * @param lease leases, heartbeats and the job timeout
 * @param retry attempts and backoff
 * @param archive archival of finished jobs and purge of the archive
 * @param shutdownGrace how long {@link JobProcessor#close()} lets running jobs finish before it
 *     releases their leases (zero or positive)
 * @param workerId this processor's worker id in status lines (1 to 200 characters), or {@code null}
 *     for one derived from the process id and a counter
 * @param listenToEnqueues whether the processor also listens for {@code NOTIFY fis_jobs} (sent by a
 *     {@link JobQueue#withNotify(boolean) notifying queue}) on a connection of its own and claims
 *     at once when one arrives; polling every {@code pollInterval} goes on regardless, so a lost
 *     notification (or a listener connection that broke) only costs latency
 */
public record JobProcessorConfig(
    int threads,
    Duration pollInterval,
    JobProcessorConfig.Claim claim,
    JobProcessorConfig.Lease lease,
    JobProcessorConfig.Retry retry,
    JobProcessorConfig.Archive archive,
    Duration shutdownGrace,
    String workerId,
    boolean listenToEnqueues) {

  /** Upper bound of {@link #threads()}. */
  public static final int THREADS_MAX = 256;

  /** Upper bound of {@link Claim#batchSize()}. */
  public static final int BATCH_SIZE_MAX = 1_000;

  /**
   * Upper bound of {@link Claim#transactionBatchSize()}: a batch whose handler fails runs again
   * with a savepoint per job, in parts of at most 50 (PostgreSQL caches 64 subtransactions per
   * transaction), and a longer transaction holds its first jobs' results back longer.
   */
  public static final int TRANSACTION_BATCH_SIZE_MAX = 250;

  /** Upper bound of {@link Retry#attemptsMax()}. */
  public static final int ATTEMPTS_MAX = 1_000;

  /** Upper bound of {@link Archive#batchSize()}. */
  public static final int ARCHIVE_BATCH_SIZE_MAX = 100_000;

  /** Default {@link #threads()}. */
  public static final int THREADS_DEFAULT = 4;

  /** Default {@link #pollInterval()}. */
  public static final Duration POLL_INTERVAL_DEFAULT = Duration.ofMillis(500);

  /** Default {@link Claim#batchSize()}. */
  public static final int CLAIM_BATCH_SIZE_DEFAULT = 100;

  /** Default {@link Claim#transactionBatchSize()}. */
  public static final int TRANSACTION_BATCH_SIZE_DEFAULT = 20;

  /** Default {@link Lease#duration()}. */
  public static final Duration LEASE_DURATION_DEFAULT = Duration.ofMinutes(1);

  /** Default {@link Lease#heartbeatInterval()}: a third of the lease. */
  public static final Duration HEARTBEAT_INTERVAL_DEFAULT = Duration.ofSeconds(20);

  /** Default {@link Lease#jobTimeout()}: none. */
  public static final Duration JOB_TIMEOUT_DEFAULT = Duration.ZERO;

  /** Default {@link Retry#attemptsMax()}. */
  public static final int ATTEMPTS_MAX_DEFAULT = 5;

  /** Default {@link Retry#backoffBase()}. */
  public static final Duration BACKOFF_BASE_DEFAULT = Duration.ofSeconds(1);

  /** Default {@link Retry#backoffMax()}. */
  public static final Duration BACKOFF_MAX_DEFAULT = Duration.ofHours(1);

  /** Default {@link #shutdownGrace()}. */
  public static final Duration SHUTDOWN_GRACE_DEFAULT = Duration.ofSeconds(10);

  /** Default {@link Archive#interval()}. */
  public static final Duration ARCHIVE_INTERVAL_DEFAULT = Duration.ofSeconds(1);

  /** Default {@link Archive#retention()}. */
  public static final Duration ARCHIVE_RETENTION_DEFAULT = Duration.ZERO;

  /** Default {@link Archive#batchSize()}. */
  public static final int ARCHIVE_BATCH_SIZE_DEFAULT = 2_000;

  /** Default {@link Archive#purgeAfter()}: the archive is kept forever. */
  public static final Duration ARCHIVE_PURGE_AFTER_DEFAULT = Duration.ZERO;

  /** Default {@link Claim#priorityAging()}: one priority level is worth 10 s of waiting. */
  public static final Duration PRIORITY_AGING_DEFAULT = Duration.ofSeconds(10);

  /** The largest {@link Claim#priorityAging()}. */
  public static final Duration PRIORITY_AGING_MAX = Duration.ofDays(1);

  private static final Duration LEASE_MIN = Duration.ofMillis(100);

  /** The shortest {@link Lease#jobTimeout()}: the watchdog looks every 50 ms at most. */
  private static final Duration JOB_TIMEOUT_MIN = Duration.ofMillis(100);

  /** Validates every value. */
  public JobProcessorConfig {
    requireRange(threads, 1, THREADS_MAX, "threads");
    requirePositive(pollInterval, "pollInterval");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(archive, "archive");
    requireNotNegative(shutdownGrace, "shutdownGrace");
    if (workerId != null && (workerId.isBlank() || workerId.length() > 200)) {
      throw new IllegalArgumentException(
          "workerId: must be null or 1 to 200 characters, got '" + workerId + "'");
    }
  }

  /**
   * How many jobs one claim statement takes and one worker transaction runs.
   *
   * @param batchSize jobs claimed by one claim statement at most, 1 to {@value #BATCH_SIZE_MAX}
   *     (never more than free capacity)
   * @param transactionBatchSize jobs run one after another in one transaction (one lease-checked
   *     statement writes all their results), 1 to {@value #TRANSACTION_BATCH_SIZE_MAX}
   * @param priorityAging what one priority level is worth in waiting time: a job of priority {@code
   *     p} is claimed before a job of priority {@code q < p} that became ready less than {@code (p
   *     - q) x priorityAging} before it, and after one that became ready earlier than that (so a
   *     lower priority is never starved); 1 ms to 1 day (see {@link NewJob#withPriority})
   */
  public record Claim(int batchSize, int transactionBatchSize, Duration priorityAging) {
    /** Validates the values. */
    public Claim {
      requireRange(batchSize, 1, BATCH_SIZE_MAX, "claimBatchSize");
      requireRange(transactionBatchSize, 1, TRANSACTION_BATCH_SIZE_MAX, "transactionBatchSize");
      requirePositive(priorityAging, "priorityAging");
      if (priorityAging.compareTo(PRIORITY_AGING_MAX) > 0) {
        throw new IllegalArgumentException(
            "priorityAging: must be at most " + PRIORITY_AGING_MAX + ", got " + priorityAging);
      }
    }

    /**
     * A claim configuration with the default {@link #priorityAging()}.
     *
     * @param batchSize jobs claimed by one claim statement at most
     * @param transactionBatchSize jobs run in one transaction
     */
    public Claim(int batchSize, int transactionBatchSize) {
      this(batchSize, transactionBatchSize, PRIORITY_AGING_DEFAULT);
    }
  }

  /**
   * Leases, heartbeats and the job timeout.
   *
   * @param duration how long a claim holds a job before another worker may take it over (at least
   *     100 ms)
   * @param heartbeatInterval how often the leases of claimed jobs are extended; shorter than {@code
   *     duration}, or {@link Duration#ZERO} for never (then a job must finish within its lease)
   * @param jobTimeout how long one handler call may run before the processor gives the job up: it
   *     records a failed attempt ("timed out"), which ends the lease, interrupts the handler's
   *     thread and rejects whatever the handler writes afterwards; {@link Duration#ZERO} for none
   *     (the default), else at least 100 ms
   */
  public record Lease(Duration duration, Duration heartbeatInterval, Duration jobTimeout) {
    /** Validates the values. */
    public Lease {
      Objects.requireNonNull(duration, "leaseDuration");
      if (duration.compareTo(LEASE_MIN) < 0) {
        throw new IllegalArgumentException(
            "leaseDuration: must be at least " + LEASE_MIN + ", got " + duration);
      }
      Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
      if (heartbeatInterval.isNegative() || heartbeatInterval.compareTo(duration) >= 0) {
        throw new IllegalArgumentException(
            "heartbeatInterval: must be zero (off) or shorter than leaseDuration "
                + duration
                + ", got "
                + heartbeatInterval);
      }
      requireNotNegative(jobTimeout, "jobTimeout");
      if (!jobTimeout.isZero() && jobTimeout.compareTo(JOB_TIMEOUT_MIN) < 0) {
        throw new IllegalArgumentException(
            "jobTimeout: must be zero (none) or at least "
                + JOB_TIMEOUT_MIN
                + ", got "
                + jobTimeout);
      }
    }
  }

  /**
   * Attempts and backoff.
   *
   * @param attemptsMax attempts before a job is dead-lettered, 1 to {@value #ATTEMPTS_MAX}
   * @param backoffBase delay after the first failed attempt, doubled after each further one
   *     (positive)
   * @param backoffMax the largest delay between attempts (at least {@code backoffBase})
   */
  public record Retry(int attemptsMax, Duration backoffBase, Duration backoffMax) {
    /** Validates the values. */
    public Retry {
      requireRange(attemptsMax, 1, ATTEMPTS_MAX, "attemptsMax");
      requirePositive(backoffBase, "backoffBase");
      Objects.requireNonNull(backoffMax, "backoffMax");
      if (backoffMax.compareTo(backoffBase) < 0) {
        throw new IllegalArgumentException(
            "backoffMax: must be at least backoffBase " + backoffBase + ", got " + backoffMax);
      }
    }
  }

  /**
   * Archival of finished jobs, and the purge of the archive.
   *
   * @param interval how often finished jobs are moved to the archive tables (and, with {@code
   *     purgeAfter}, the archive purged), or {@link Duration#ZERO} for never (the host calls {@link
   *     JobProcessor#archiveNow()} and {@link JobProcessor#purgeArchiveNow()})
   * @param retention how long finished jobs stay in the live tables (zero or positive)
   * @param batchSize jobs moved (or purged) by one statement at most, 1 to {@value
   *     #ARCHIVE_BATCH_SIZE_MAX}
   * @param purgeAfter how long archived jobs are kept before the purge deletes them, or {@link
   *     Duration#ZERO} for forever (the default)
   * @param mode what archival does with a finished job: {@link ArchiveMode#MOVE} it to the archive
   *     tables (the default) or {@link ArchiveMode#DELETE} it
   */
  public record Archive(
      Duration interval, Duration retention, int batchSize, Duration purgeAfter, ArchiveMode mode) {
    /** Validates the values. */
    public Archive {
      requireNotNegative(interval, "archiveInterval");
      requireNotNegative(retention, "archiveRetention");
      requireRange(batchSize, 1, ARCHIVE_BATCH_SIZE_MAX, "archiveBatchSize");
      requireNotNegative(purgeAfter, "archivePurgeAfter");
      Objects.requireNonNull(mode, "archiveMode");
    }

    /**
     * Archival that moves finished jobs to the archive tables.
     *
     * @param interval how often archival runs
     * @param retention how long finished jobs stay live
     * @param batchSize jobs per statement
     * @param purgeAfter how long archived jobs are kept
     */
    public Archive(Duration interval, Duration retention, int batchSize, Duration purgeAfter) {
      this(interval, retention, batchSize, purgeAfter, ArchiveMode.MOVE);
    }
  }

  /** What archival does with a finished job (after {@link Archive#retention()}). */
  public enum ArchiveMode {
    /**
     * Moves the job row and all its status lines to {@code job_archive} / {@code
     * job_status_archive}: finished jobs stay findable ({@link JobQueue#find}) until the archive is
     * purged.
     */
    MOVE,
    /**
     * Deletes the job row and its status lines: half the row writes of {@link #MOVE} (no archive
     * rows to insert, index or vacuum), for hosts that keep no history of finished jobs (as
     * db-scheduler keeps none of finished one-time tasks). {@link JobQueue#find} no longer finds
     * the job after it; dead jobs are never deleted.
     */
    DELETE
  }

  /**
   * The defaults: the {@code *_DEFAULT} constants of this class.
   *
   * @return the default configuration
   */
  public static JobProcessorConfig defaults() {
    return new JobProcessorConfig(
        THREADS_DEFAULT,
        POLL_INTERVAL_DEFAULT,
        new Claim(CLAIM_BATCH_SIZE_DEFAULT, TRANSACTION_BATCH_SIZE_DEFAULT),
        new Lease(LEASE_DURATION_DEFAULT, HEARTBEAT_INTERVAL_DEFAULT, JOB_TIMEOUT_DEFAULT),
        new Retry(ATTEMPTS_MAX_DEFAULT, BACKOFF_BASE_DEFAULT, BACKOFF_MAX_DEFAULT),
        new Archive(
            ARCHIVE_INTERVAL_DEFAULT,
            ARCHIVE_RETENTION_DEFAULT,
            ARCHIVE_BATCH_SIZE_DEFAULT,
            ARCHIVE_PURGE_AFTER_DEFAULT),
        SHUTDOWN_GRACE_DEFAULT,
        null,
        false);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #threads()} changed
   */
  public JobProcessorConfig withThreads(int value) {
    return new JobProcessorConfig(
        value,
        pollInterval,
        claim,
        lease,
        retry,
        archive,
        shutdownGrace,
        workerId,
        listenToEnqueues);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #pollInterval()} changed
   */
  public JobProcessorConfig withPollInterval(Duration value) {
    return new JobProcessorConfig(
        threads, value, claim, lease, retry, archive, shutdownGrace, workerId, listenToEnqueues);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #claim()} changed
   */
  public JobProcessorConfig withClaim(Claim value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        value,
        lease,
        retry,
        archive,
        shutdownGrace,
        workerId,
        listenToEnqueues);
  }

  /**
   * @param value the new value
   * @return a copy with {@link Claim#batchSize()} changed
   */
  public JobProcessorConfig withClaimBatchSize(int value) {
    return withClaim(new Claim(value, claim.transactionBatchSize(), claim.priorityAging()));
  }

  /**
   * @param value the new value
   * @return a copy with {@link Claim#transactionBatchSize()} changed
   */
  public JobProcessorConfig withTransactionBatchSize(int value) {
    return withClaim(new Claim(claim.batchSize(), value, claim.priorityAging()));
  }

  /**
   * @param value the new value
   * @return a copy with {@link Claim#priorityAging()} changed
   */
  public JobProcessorConfig withPriorityAging(Duration value) {
    return withClaim(new Claim(claim.batchSize(), claim.transactionBatchSize(), value));
  }

  /**
   * @param value the new value
   * @return a copy with {@link #lease()} changed
   */
  public JobProcessorConfig withLease(Lease value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claim,
        value,
        retry,
        archive,
        shutdownGrace,
        workerId,
        listenToEnqueues);
  }

  /**
   * Changes the lease; a heartbeat that is on becomes a third of the new lease.
   *
   * @param value the new value
   * @return a copy with {@link Lease#duration()} changed
   */
  public JobProcessorConfig withLeaseDuration(Duration value) {
    Objects.requireNonNull(value, "leaseDuration");
    Duration heartbeat = lease.heartbeatInterval().isZero() ? Duration.ZERO : value.dividedBy(3);
    return withLease(new Lease(value, heartbeat, lease.jobTimeout()));
  }

  /**
   * @param value the new value; {@link Duration#ZERO} turns lease extension off
   * @return a copy with {@link Lease#heartbeatInterval()} changed
   */
  public JobProcessorConfig withHeartbeatInterval(Duration value) {
    return withLease(new Lease(lease.duration(), value, lease.jobTimeout()));
  }

  /**
   * @param value the new value; {@link Duration#ZERO} for none
   * @return a copy with {@link Lease#jobTimeout()} changed
   */
  public JobProcessorConfig withJobTimeout(Duration value) {
    return withLease(new Lease(lease.duration(), lease.heartbeatInterval(), value));
  }

  /**
   * @param value the new value
   * @return a copy with {@link #retry()} changed
   */
  public JobProcessorConfig withRetry(Retry value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claim,
        lease,
        value,
        archive,
        shutdownGrace,
        workerId,
        listenToEnqueues);
  }

  /**
   * @param value the new value
   * @return a copy with {@link Retry#attemptsMax()} changed
   */
  public JobProcessorConfig withAttemptsMax(int value) {
    return withRetry(new Retry(value, retry.backoffBase(), retry.backoffMax()));
  }

  /**
   * @param base the delay after the first failed attempt
   * @param max the largest delay
   * @return a copy with {@link Retry#backoffBase()} and {@link Retry#backoffMax()} changed
   */
  public JobProcessorConfig withBackoff(Duration base, Duration max) {
    return withRetry(new Retry(retry.attemptsMax(), base, max));
  }

  /**
   * @param value the new value
   * @return a copy with {@link #shutdownGrace()} changed
   */
  public JobProcessorConfig withShutdownGrace(Duration value) {
    return new JobProcessorConfig(
        threads, pollInterval, claim, lease, retry, archive, value, workerId, listenToEnqueues);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #archive()} changed
   */
  public JobProcessorConfig withArchive(Archive value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claim,
        lease,
        retry,
        value,
        shutdownGrace,
        workerId,
        listenToEnqueues);
  }

  /**
   * @param interval how often to archive, or zero for never
   * @param retention how long finished jobs stay live
   * @return a copy with {@link Archive#interval()} and {@link Archive#retention()} changed
   */
  public JobProcessorConfig withArchive(Duration interval, Duration retention) {
    return withArchive(
        new Archive(
            interval, retention, archive.batchSize(), archive.purgeAfter(), archive.mode()));
  }

  /**
   * @param value the new value
   * @return a copy with {@link Archive#batchSize()} changed
   */
  public JobProcessorConfig withArchiveBatchSize(int value) {
    return withArchive(
        new Archive(
            archive.interval(), archive.retention(), value, archive.purgeAfter(), archive.mode()));
  }

  /**
   * @param value how long archived jobs are kept, or {@link Duration#ZERO} for forever
   * @return a copy with {@link Archive#purgeAfter()} changed
   */
  public JobProcessorConfig withArchivePurgeAfter(Duration value) {
    return withArchive(
        new Archive(
            archive.interval(), archive.retention(), archive.batchSize(), value, archive.mode()));
  }

  /**
   * @param value the new value
   * @return a copy with {@link Archive#mode()} changed
   */
  public JobProcessorConfig withArchiveMode(ArchiveMode value) {
    return withArchive(
        new Archive(
            archive.interval(),
            archive.retention(),
            archive.batchSize(),
            archive.purgeAfter(),
            value));
  }

  /**
   * @param value the new value, or {@code null} for a derived one
   * @return a copy with {@link #workerId()} changed
   */
  public JobProcessorConfig withWorkerId(String value) {
    return new JobProcessorConfig(
        threads,
        pollInterval,
        claim,
        lease,
        retry,
        archive,
        shutdownGrace,
        value,
        listenToEnqueues);
  }

  /**
   * @param value the new value
   * @return a copy with {@link #listenToEnqueues()} changed
   */
  public JobProcessorConfig withListenToEnqueues(boolean value) {
    return new JobProcessorConfig(
        threads, pollInterval, claim, lease, retry, archive, shutdownGrace, workerId, value);
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
