package org.fis.jobs.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.fis.jobs.Job;
import org.fis.jobs.JobState;
import org.fis.jobs.JobView;
import org.fis.jobs.NewJob;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.locator.ClasspathSqlLocator;
import org.jdbi.v3.core.statement.Query;

/**
 * Every SQL statement of the job queue, in {@code .sql} files beside this class ({@code
 * org/fis/jobs/internal/JobStore/*.sql}, loaded once with Jdbi's {@link ClasspathSqlLocator}). Each
 * method runs on the given handle, in whatever transaction it is in, and never commits. Lease
 * checks use the database clock ({@code clock_timestamp()}), so the clocks of the worker machines
 * do not matter.
 *
 * <p>Every write after enqueue inserts line {@code seq + 1} of a job, derived in the same statement
 * from line {@code seq}; the primary key {@code (job_id, seq)} makes such writes exclusive: with
 * {@code ON CONFLICT DO NOTHING} the loser writes nothing, and the two hot statements (claim, batch
 * finish), which insert plainly, fail on a unique violation and are retried in that form. A write
 * that depends on a lease also requires, in the same statement, that line {@code seq} is this
 * worker's claim or extension and has not expired.
 */
public final class JobStore {
  /** Advisory lock class for per-key enqueue ordering ("FJOB"). */
  public static final int KEY_LOCK_CLASS = 0x464A4F42;

  /** Advisory lock class that lets one archiver run at a time ("FJOA"). */
  public static final int ARCHIVE_LOCK_CLASS = 0x464A4F41;

  /** Advisory lock class for skipping jobs another claimer is claiming right now ("FJOC"). */
  public static final int CLAIM_LOCK_CLASS = 0x464A4F43;

  /** The start of a full claim scan: before every possible (ready_at, job_id). */
  public static final ScanPosition SCAN_START =
      new ScanPosition(Instant.parse("1900-01-01T00:00:00Z"), 0);

  /**
   * A keyset position in the claim scan order {@code (ready_at, job_id)}.
   *
   * @param readyAt the ready time of the last line claimed
   * @param jobId its job id
   */
  public record ScanPosition(Instant readyAt, long jobId) {}

  /**
   * What one claim statement did.
   *
   * @param jobs the claimed jobs, in claim order (aged position, then job id)
   * @param windowRows how many ready lines the statement scanned in the sweep (less than the
   *     window: it reached the end of the ready lines)
   * @param windowEnd the position of the last scanned sweep line, or {@code null} when none was
   *     scanned
   * @param closedThrough a position up to which (inclusive) every scanned sweep line was closed
   *     when the statement ran: claimed by this statement, or already followed by a later line.
   *     With claims, the last claimed sweep job's position; without, the window's end. {@code null}
   *     when a line still open (another type, a blocked key, held, skipped by a concurrent claim)
   *     lies before the last claimed job or, without claims, anywhere in the window, or when a
   *     candidate was lost to a concurrent writer
   * @param lastSweepClaim the position of the last job claimed from the sweep (not from the
   *     priority or successor sources), or {@code null}
   * @param priority what the statement saw of the priority source
   */
  public record ClaimResult(
      List<ClaimedJob> jobs,
      int windowRows,
      ScanPosition windowEnd,
      ScanPosition closedThrough,
      ScanPosition lastSweepClaim,
      PrioritySource priority) {
    /**
     * A result without priority or successor sources.
     *
     * @param jobs the claimed jobs
     * @param windowRows the sweep lines scanned
     * @param windowEnd the window's end
     * @param closedThrough the closed position
     */
    public ClaimResult(
        List<ClaimedJob> jobs, int windowRows, ScanPosition windowEnd, ScanPosition closedThrough) {
      this(jobs, windowRows, windowEnd, closedThrough, null, PrioritySource.NONE);
    }
  }

  /**
   * What one claim statement saw of the priority source (jobs of priority above 0 without lines,
   * scanned in {@code (run_at, job_id)} order from a keyset position of their own).
   *
   * @param rows how many lines it scanned
   * @param last the position of the last one, or {@code null}
   * @param closedThrough the position up to which (inclusive) every scanned priority line was
   *     closed: just before the first one still open, else {@code last}; {@code null} when none was
   *     scanned
   * @param claimed how many of them this statement claimed
   */
  public record PrioritySource(
      int rows, ScanPosition last, ScanPosition closedThrough, int claimed) {
    /** Nothing scanned. */
    public static final PrioritySource NONE = new PrioritySource(0, null, null, 0);
  }

  /**
   * The inputs of a claim beyond the sweep: the priority source's position, the aging of a priority
   * level, and the keyed jobs just finished whose successors to look at first.
   *
   * @param priorityFrom the priority source's keyset position
   * @param agingMillis how much earlier one priority level counts (milliseconds)
   * @param successorsOf for each key, the id of a job of it that just finished
   */
  public record ClaimExtras(
      ScanPosition priorityFrom, long agingMillis, java.util.Map<String, Long> successorsOf) {
    /** From the start of the priority source, default aging, no successors. */
    public static final ClaimExtras NONE = new ClaimExtras(SCAN_START, 10_000L, java.util.Map.of());
  }

  /**
   * The line to write for one job at the end of a transaction batch.
   *
   * @param jobId the job
   * @param seq the line holding the lease
   * @param kind {@code succeeded}, {@code failed} or {@code dead}
   * @param backoffMillis for {@code failed}: delay before the next attempt
   * @param error for {@code failed} and {@code dead}: the error text
   */
  public record Finish(long jobId, int seq, String kind, long backoffMillis, String error) {}

  private static final ClasspathSqlLocator LOCATOR = ClasspathSqlLocator.create();

  /** The transaction-local setting that lets the archiver delete from the insert-only tables. */
  public static final String ARCHIVING_SETTING = "fis_jobs.job_archiving";

  private static final String ENQUEUE = sql("enqueue");

  private static final String ENQUEUE_ALL = sql("enqueueAll");

  // The hot path, in three bounded steps. (1) A window of at most :window ready lines in
  // (ready_at, job_id) order from a keyset position: the claim sweeps the ready index in windows,
  // so every statement is bounded whatever the lines already claimed but not yet archived. (2) Of
  // those, the candidates: heads of their job (no line seq + 1) of a registered type, with no
  // earlier unfinished job of the same key. (3) Of those, the first :limit whose transaction-scoped
  // advisory try-lock succeeds (another claimer may be claiming them right now). The primary key on
  // (job_id, seq) is what makes the claim exclusive; the lock only avoids wasted work. The result
  // always has one row: the window's end and size, with the claimed jobs (if any) joined to it.
  private static final String CLAIM = sql("claim");

  /** The claim scan order, (ready_at, job_id): the last claimed job is the next keyset position. */
  private static final java.util.Comparator<ClaimedJob> CLAIM_ORDER =
      java.util.Comparator.comparing(ClaimedJob::readyAt).thenComparingLong(c -> c.job().id());

  /**
   * Planner settings for the claim: the ordered index scan, and a primary-key probe per window line
   * for "has a successor", whatever the statistics say. (With statistics taken while job_status was
   * nearly empty and no hash or merge join allowed, the planner otherwise materializes a full scan
   * of job_status once and compares every window line with every row of it.) A claim waits for a
   * conflicting uncommitted line at most 5 s: the claim then fails and the poller tries again after
   * the poll interval, instead of holding its candidates' try-locks for as long.
   */
  private static final String CLAIM_SETTINGS = sql("claimSettings");

  // The end of a transaction batch: one line per job (succeeded, failed or dead), each accepted
  // only while this worker still holds the job's lease. A plain insert: a line n + 1 that already
  // exists can only belong to a takeover, which needs the lease to have expired, so the lease check
  // fails first; only a statement whose check straddles the expiry meets it, as a unique violation
  // (the caller then runs the batch again on the careful path, which tolerates conflicts).
  private static final String FINISH = sql("finish");

  /** The PostgreSQL error code of a unique violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String ON_CONFLICT = "/*on conflict*/";

  /**
   * Plain inserts cost about 40 % less than {@code ON CONFLICT DO NOTHING} (speculative insertion),
   * so the claim and the batch finish insert plainly and fall back to the tolerant form when a
   * conflict does occur.
   */
  private static final String CLAIM_PLAIN = CLAIM.replace(ON_CONFLICT, "");

  private static final String CLAIM_TOLERANT = CLAIM.replace(ON_CONFLICT, "ON CONFLICT DO NOTHING");

  private static final String FINISH_PLAIN = FINISH.replace(ON_CONFLICT, "");

  private static final String FINISH_TOLERANT =
      FINISH.replace(ON_CONFLICT, "ON CONFLICT DO NOTHING");

  private static final String SUCCEED = sql("succeed");

  private static final String FAIL = sql("fail");

  private static final String EXTEND = sql("extend");

  // A release gives the attempt back: the next claim gets the same attempt number.
  private static final String RELEASE = sql("release");

  private static final String RETRY_DEAD = sql("retryDead");

  // A job without lines is cancelled by writing its line 0.
  private static final String CANCEL = sql("cancel");

  private static final String FIND = sql("find");

  private static final String FIND_ARCHIVED = sql("findArchived");

  private static final String DEAD = sql("dead");

  private static final String ARCHIVE = sql("archive");

  private static final String ARCHIVE_SETTINGS = sql("archiveSettings");

  private static final String DELETE_FINISHED = sql("deleteFinished");

  private static final String NOTIFY = sql("notify");

  private static final String ARCHIVE_LOCK = sql("archiveLock");

  private static final String PURGE_SETTINGS = sql("purgeSettings");

  private static final String PURGE_ARCHIVE = sql("purgeArchive");

  /** The channel enqueues notify and processors listen on. */
  public static final String CHANNEL = "fis_jobs";

  private JobStore() {}

  /**
   * Sends {@code NOTIFY fis_jobs} in the handle's transaction (delivered at commit; PostgreSQL
   * folds the identical notifications of one transaction into one).
   */
  public static void notifyEnqueued(Handle handle) {
    handle.createQuery(NOTIFY).mapTo(Integer.class).one();
  }

  /** One statement's text, from {@code org/fis/jobs/internal/JobStore/<name>.sql}. */
  private static String sql(String name) {
    return LOCATOR.locate(JobStore.class, name);
  }

  /**
   * Inserts a job and its line 0. For a keyed job, first takes a transaction-scoped advisory lock
   * on the key, so that jobs with the same key get ids in commit order.
   *
   * @return the job id
   */
  public static long enqueue(
      Handle handle, String type, String key, String payloadJson, Instant runAt) {
    return enqueue(handle, type, key, payloadJson, runAt, 0);
  }

  /**
   * Like {@link #enqueue(Handle, String, String, String, Instant)}, with a priority (0 to 1000).
   *
   * @return the job id
   */
  public static long enqueue(
      Handle handle, String type, String key, String payloadJson, Instant runAt, int priority) {
    return handle
        .createQuery(ENQUEUE)
        .bind("lockClass", KEY_LOCK_CLASS)
        .bind("type", type)
        .bind("key", key)
        .bind("payload", payloadJson)
        .bind("runAt", utc(runAt))
        .bind("priority", priority)
        .mapTo(Long.class)
        .one();
  }

  /**
   * Inserts many jobs in one statement, taking the key locks in a fixed order first.
   *
   * @return the ids, in the order of {@code jobs}
   */
  public static List<Long> enqueueAll(Handle handle, List<NewJob> jobs) {
    int size = jobs.size();
    String[] types = new String[size];
    String[] keys = new String[size];
    String[] payloads = new String[size];
    String[] runAts = new String[size];
    int[] priorities = new int[size];
    for (int i = 0; i < size; i++) {
      NewJob job = jobs.get(i);
      types[i] = job.type();
      keys[i] = job.key();
      payloads[i] = job.payloadJson();
      runAts[i] = job.runAt() == null ? null : job.runAt().toString();
      priorities[i] = job.priority();
    }
    List<Long> ids =
        handle
            .createQuery(ENQUEUE_ALL)
            .bind("lockClass", KEY_LOCK_CLASS)
            .bindArray("types", String.class, (Object[]) types)
            .bindArray("keys", String.class, (Object[]) keys)
            .bindArray("payloads", String.class, (Object[]) payloads)
            .bindArray("runAts", String.class, (Object[]) runAts)
            .bind("priorities", priorities)
            .mapTo(Long.class)
            .list();
    List<Long> sorted = new ArrayList<>(ids);
    sorted.sort(null);
    return sorted;
  }

  /**
   * Claims up to {@code limit} ready jobs of the given types for {@code worker}, among the next
   * {@code window} ready lines after {@code from} (use {@link #SCAN_START} to start a sweep). Runs
   * in a transaction of its own on the given handle (which must not be in one) and commits it.
   *
   * @return the claimed jobs and where the scan window ended
   */
  public static ClaimResult claim(
      Handle handle,
      Collection<String> types,
      String worker,
      int limit,
      int window,
      long leaseMillis,
      ScanPosition from) {
    return claim(handle, types, worker, limit, window, leaseMillis, from, new long[0]);
  }

  /**
   * Like {@link #claim(Handle, Collection, String, int, int, long, ScanPosition)}, but never claims
   * the jobs in {@code held} (those the caller holds already, e.g. still running after their lease
   * expired).
   *
   * @return the claimed jobs and where the scan window ended
   */
  public static ClaimResult claim(
      Handle handle,
      Collection<String> types,
      String worker,
      int limit,
      int window,
      long leaseMillis,
      ScanPosition from,
      long[] held) {
    return claim(handle, types, worker, limit, window, leaseMillis, from, held, ClaimExtras.NONE);
  }

  /**
   * Like {@link #claim(Handle, Collection, String, int, int, long, ScanPosition, long[])}, with the
   * priority source from {@code extras.priorityFrom()} and the successors of the keyed jobs in
   * {@code extras.successorsOf()} merged into the window at their aged positions.
   *
   * @return the claimed jobs, where the sweep window ended and what the priority source saw
   */
  public static ClaimResult claim(
      Handle handle,
      Collection<String> types,
      String worker,
      int limit,
      int window,
      long leaseMillis,
      ScanPosition from,
      long[] held,
      ClaimExtras extras) {
    ClaimArgs args = new ClaimArgs(types, worker, limit, window, leaseMillis, from, held, extras);
    for (int attempt = 1; ; attempt++) {
      try {
        try {
          return claimOnce(handle, CLAIM_PLAIN, args);
        } catch (JdbiException e) {
          if (!isUniqueViolation(e)) {
            throw e;
          }
          // A line n + 1 appeared since this statement's snapshot (a concurrent claimer or
          // cancel): the same claim again, skipping such lines.
          return claimOnce(handle, CLAIM_TOLERANT, args);
        }
      } catch (ClaimRaced e) {
        if (attempt == CLAIM_ATTEMPTS_MAX) {
          // Nothing was claimed (the transaction rolled back); the poller tries again later.
          return new ClaimResult(List.of(), 0, null, null);
        }
      }
    }
  }

  /** How often a claim that raced with the archiver is run again before it gives up for now. */
  private static final int CLAIM_ATTEMPTS_MAX = 3;

  /**
   * A claimed job's row was gone when the claim checked it after writing its line: the job was
   * claimed, finished and archived by others after the claim's snapshot was taken, and the claim
   * line met no conflict because the archiver had removed the lines it would have met. The claim's
   * transaction is rolled back and the claim runs again.
   */
  private static final class ClaimRaced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClaimRaced() {
      super("a claimed job was archived while the claim ran", null, false, false);
    }
  }

  /**
   * Counts the given jobs that still have their row, in a statement of its own: at READ COMMITTED
   * it sees every archive committed before the claim's line was written (a claim line that met an
   * archiver's uncommitted delete waited for its commit), which the claim statement's snapshot may
   * not.
   */
  private static final String CLAIMED_STILL_THERE = sql("claimedStillThere");

  /** The parameters of one claim, bound by {@link #claimQuery}. */
  private record ClaimArgs(
      Collection<String> types,
      String worker,
      int limit,
      int window,
      long leaseMillis,
      ScanPosition from,
      long[] held,
      ClaimExtras extras) {}

  private static ClaimResult claimOnce(Handle handle, String sql, ClaimArgs args) {
    return handle.inTransaction(
        h -> {
          h.execute(CLAIM_SETTINGS);
          ClaimRows rows = new ClaimRows(args.limit());
          claimQuery(h, sql, args).map((rs, ctx) -> rows.add(rs)).list();
          // Claim order: aged position, then id (a higher priority first).
          rows.jobs.sort(
              java.util.Comparator.comparing(
                      (ClaimedJob c) -> rows.claimPositions.get(c.job().id()))
                  .thenComparingLong(c -> c.job().id()));
          if (!rows.jobs.isEmpty()) {
            long[] ids = rows.jobs.stream().mapToLong(c -> c.job().id()).toArray();
            long present =
                h.createQuery(CLAIMED_STILL_THERE).bind("ids", ids).mapTo(Long.class).one();
            if (present != ids.length) {
              throw new ClaimRaced(); // rolls this claim back
            }
          }
          return rows.result();
        });
  }

  /** The rows of one claim statement, read one by one: the window's facts, then the claims. */
  private static final class ClaimRows {
    final List<ClaimedJob> jobs;
    final java.util.Map<Long, Instant> claimPositions = new java.util.HashMap<>();
    final List<ClaimedJob> sweepJobs = new ArrayList<>();
    int windowRows = -1;
    long passedOpen;
    long openHeads;
    long sweepCandidates;
    int priorityClaimed;
    ScanPosition windowEnd;
    PrioritySource priority = PrioritySource.NONE;

    ClaimRows(int limit) {
      jobs = new ArrayList<>(limit);
    }

    long add(ResultSet rs) throws SQLException {
      if (windowRows < 0) {
        windowFacts(rs);
      }
      long jobId = rs.getLong("job_id");
      if (rs.wasNull()) {
        return jobId;
      }
      boolean sweep = rs.getInt("src") == 0;
      if (sweep) {
        sweepCandidates++;
      }
      if (rs.getBoolean("won")) {
        ClaimedJob job =
            new ClaimedJob(
                new Job(
                    jobId,
                    rs.getString("job_type"),
                    rs.getString("job_key"),
                    rs.getString("payload"),
                    rs.getInt("attempt"),
                    instant(rs, "run_at")),
                rs.getInt("seq"),
                Math.max(0, rs.getLong("lag_ms")),
                instant(rs, "ready_at"));
        jobs.add(job);
        claimPositions.put(jobId, instant(rs, "claim_pos"));
        if (rs.getInt("src") == 1) {
          priorityClaimed++;
        }
        if (sweep) {
          sweepJobs.add(job);
        }
      }
      return jobId;
    }

    private void windowFacts(ResultSet rs) throws SQLException {
      windowRows = rs.getInt("window_rows");
      windowEnd = position(rs, "end_ready_at", "end_job_id", 0);
      passedOpen = rs.getLong("passed_open");
      openHeads = rs.getLong("open_heads");
      if (rs.wasNull()) {
        openHeads = -1;
      }
      int prioRows = rs.getInt("prio_rows");
      if (prioRows > 0) {
        ScanPosition last = position(rs, "prio_last_ready_at", "prio_last_job_id", 0);
        // Just before the first open line: (its ready time, its id - 1) in keyset order.
        ScanPosition open = position(rs, "prio_open_ready_at", "prio_open_job_id", -1);
        priority = new PrioritySource(prioRows, last, open != null ? open : last, 0);
      }
    }

    ClaimResult result() {
      sweepJobs.sort(CLAIM_ORDER);
      ScanPosition closedThrough = null;
      ScanPosition lastSweep = null;
      if (!sweepJobs.isEmpty()) {
        ClaimedJob last = sweepJobs.get(sweepJobs.size() - 1);
        lastSweep = new ScanPosition(last.readyAt(), last.job().id());
      }
      if (sweepCandidates > 0 && sweepJobs.size() == sweepCandidates && passedOpen == 0) {
        // Every sweep candidate won, and every line passed over before the last one is closed.
        closedThrough = lastSweep;
      } else if (sweepCandidates == 0 && openHeads == 0) {
        closedThrough = windowEnd; // no head in the window (null for an empty window)
      }
      PrioritySource prio =
          new PrioritySource(
              priority.rows(), priority.last(), priority.closedThrough(), priorityClaimed);
      return new ClaimResult(
          List.copyOf(jobs), windowRows, windowEnd, closedThrough, lastSweep, prio);
    }

    private static ScanPosition position(ResultSet rs, String at, String id, long idOffset)
        throws SQLException {
      OffsetDateTime time = rs.getObject(at, OffsetDateTime.class);
      return time == null ? null : new ScanPosition(time.toInstant(), rs.getLong(id) + idOffset);
    }
  }

  /** The claim statement {@code sql} with its parameters bound. */
  private static Query claimQuery(Handle handle, String sql, ClaimArgs args) {
    return handle
        .createQuery(sql)
        .bindArray("types", String.class, args.types())
        .bind("worker", args.worker())
        .bind("limit", args.limit())
        .bind("window", args.window())
        .bind("leaseMillis", args.leaseMillis())
        .bind("claimLockClass", CLAIM_LOCK_CLASS)
        .bind("fromReadyAt", utc(args.from().readyAt()))
        .bind("fromJobId", args.from().jobId())
        .bind("held", args.held())
        .bind("agingMillis", args.extras().agingMillis())
        .bind("prioFromReadyAt", utc(args.extras().priorityFrom().readyAt()))
        .bind("prioFromJobId", args.extras().priorityFrom().jobId())
        .bindArray("succKeys", String.class, args.extras().successorsOf().keySet())
        .bindArray(
            "succAfter",
            Long.class,
            args.extras().successorsOf().keySet().stream()
                .map(k -> args.extras().successorsOf().get(k))
                .toList());
  }

  /**
   * The plan of a claim statement as the claim would run it (same settings), without running it:
   * for tests that check the plan's shape.
   *
   * @return the lines of {@code EXPLAIN}
   */
  static List<String> explainClaim(Handle handle, Collection<String> types, int limit) {
    return handle.inTransaction(
        h -> {
          h.execute(CLAIM_SETTINGS);
          List<String> plan =
              claimQuery(
                      h,
                      "EXPLAIN " + CLAIM_PLAIN,
                      new ClaimArgs(
                          types,
                          "explain",
                          limit,
                          2 * limit,
                          60_000L,
                          SCAN_START,
                          new long[0],
                          new ClaimExtras(SCAN_START, 10_000L, java.util.Map.of("k", 1L))))
                  .mapTo(String.class)
                  .list();
          h.rollback();
          return plan;
        });
  }

  /**
   * Writes the end-of-batch lines of several jobs in one statement; each only while {@code worker}
   * still holds that job's lease.
   *
   * @return the ids of the jobs whose line was written
   */
  public static java.util.Set<Long> finish(Handle handle, List<Finish> lines, String worker) {
    return finish(handle, lines, worker, true);
  }

  /**
   * Like {@link #finish(Handle, List, String)}; with {@code tolerateConflicts} false the lines are
   * inserted plainly (cheaper), and a line that already exists fails the statement with a unique
   * violation (see {@link #isUniqueViolation}) instead of being reported as a lost lease.
   *
   * @return the ids of the jobs whose line was written
   */
  public static java.util.Set<Long> finish(
      Handle handle, List<Finish> lines, String worker, boolean tolerateConflicts) {
    int size = lines.size();
    long[] jobs = new long[size];
    int[] seqs = new int[size];
    String[] kinds = new String[size];
    long[] backoffs = new long[size];
    String[] errors = new String[size];
    for (int i = 0; i < size; i++) {
      Finish line = lines.get(i);
      jobs[i] = line.jobId();
      seqs[i] = line.seq();
      kinds[i] = line.kind();
      backoffs[i] = line.backoffMillis();
      errors[i] = line.error();
    }
    return new java.util.HashSet<>(
        handle
            .createQuery(tolerateConflicts ? FINISH_TOLERANT : FINISH_PLAIN)
            .bind("jobs", jobs)
            .bind("seqs", seqs)
            .bindArray("kinds", String.class, (Object[]) kinds)
            .bind("backoffs", backoffs)
            .bindArray("errors", String.class, (Object[]) errors)
            .bind("worker", worker)
            .mapTo(Long.class)
            .list());
  }

  /**
   * Inserts the success line, if {@code worker} still holds the lease of line {@code seq}.
   *
   * @return whether the line was inserted (otherwise the lease was lost)
   */
  public static boolean succeed(Handle handle, long jobId, int seq, String worker) {
    return handle
            .createUpdate(SUCCEED)
            .bind("job", jobId)
            .bind("seq", seq)
            .bind("worker", worker)
            .execute()
        == 1;
  }

  /**
   * Inserts a failure line: {@code failed} with a retry after {@code backoffMillis}, or {@code
   * dead}; only if {@code worker} still holds the lease of line {@code seq}.
   *
   * @return whether the line was inserted
   */
  public static boolean fail(
      Handle handle,
      long jobId,
      int seq,
      String worker,
      boolean dead,
      long backoffMillis,
      String error) {
    return handle
            .createUpdate(FAIL)
            .bind("job", jobId)
            .bind("seq", seq)
            .bind("worker", worker)
            .bind("kind", dead ? "dead" : "failed")
            .bind("backoffMillis", backoffMillis)
            .bind("error", error)
            .execute()
        == 1;
  }

  /**
   * Extends the leases of the given held lines by {@code leaseMillis} from now.
   *
   * @return for each extended job, its new held line: pairs {@code [jobId, seq]}
   */
  public static List<long[]> extend(
      Handle handle, long[] jobIds, int[] seqs, String worker, long leaseMillis) {
    return handle
        .createQuery(EXTEND)
        .bind("jobs", jobIds)
        .bind("seqs", seqs)
        .bind("worker", worker)
        .bind("leaseMillis", leaseMillis)
        .map((rs, ctx) -> new long[] {rs.getLong("job_id"), rs.getInt("seq")})
        .list();
  }

  /**
   * Releases the given held lines so that the jobs can be claimed at once.
   *
   * @return the ids of the released jobs
   */
  public static List<Long> release(Handle handle, long[] jobIds, int[] seqs, String worker) {
    return handle
        .createQuery(RELEASE)
        .bind("jobs", jobIds)
        .bind("seqs", seqs)
        .bind("worker", worker)
        .mapTo(Long.class)
        .list();
  }

  /**
   * Gives a dead job a new round of attempts.
   *
   * @return whether the job was dead and is now waiting
   */
  public static boolean retryDead(Handle handle, long jobId) {
    return handle.createUpdate(RETRY_DEAD).bind("job", jobId).execute() == 1;
  }

  /**
   * Cancels a job that is not running and not final.
   *
   * @return whether the job was cancelled
   */
  public static boolean cancel(Handle handle, long jobId) {
    return handle.createUpdate(CANCEL).bind("job", jobId).execute() == 1;
  }

  /** The job with its state, from the live tables or else from the archive. */
  public static Optional<JobView> find(Handle handle, long jobId) {
    Optional<JobView> live =
        handle.createQuery(FIND).bind("job", jobId).map((rs, ctx) -> view(rs, false)).findOne();
    if (live.isPresent()) {
      return live;
    }
    return handle
        .createQuery(FIND_ARCHIVED)
        .bind("job", jobId)
        .map((rs, ctx) -> view(rs, true))
        .findOne();
  }

  /** Dead jobs with an id above {@code afterJobId}, by id, at most {@code limit}. */
  public static List<JobView> dead(Handle handle, long afterJobId, int limit) {
    return handle
        .createQuery(DEAD)
        .bind("after", afterJobId)
        .bind("limit", limit)
        .map((rs, ctx) -> view(rs, false))
        .list();
  }

  /**
   * Moves up to {@code limit} jobs finished at least {@code retentionMillis} ago, with all their
   * lines, to the archive tables, after waiting for any other archiver's transaction to end. Sets
   * the archiving setting for the rest of the transaction: call it in a transaction of its own.
   *
   * @return the number of jobs archived
   */
  public static int archive(Handle handle, long retentionMillis, int limit) {
    return archive(handle, retentionMillis, limit, false);
  }

  /**
   * Like {@link #archive(Handle, long, int)}; with {@code delete} the finished jobs and their lines
   * are deleted instead of moved.
   *
   * @return the number of jobs archived (or deleted)
   */
  public static int archive(Handle handle, long retentionMillis, int limit, boolean delete) {
    // One archiver at a time per database (every processor archives): two would select the same
    // finished jobs, and the later one, after waiting for the earlier one's deletes, would move
    // none of them and report nothing left. The lock is taken before the archive statement, so
    // that statement's snapshot already sees what the previous archiver moved.
    handle
        .createQuery(ARCHIVE_LOCK)
        .bind("lockClass", ARCHIVE_LOCK_CLASS)
        .mapTo(Integer.class)
        .one();
    // The finished jobs in job_id order from their index, stopping at the limit, and primary-key
    // lookups per finished job, whatever the statistics say: with statistics taken while the live
    // tables were small, the planner may prefer a hash join over a sequential scan of job_status,
    // or a bitmap scan and sort of every finished line, which turns each archive statement into
    // a scan of the whole backlog.
    handle.execute(ARCHIVE_SETTINGS);
    if (delete) {
      return handle
          .createQuery(DELETE_FINISHED)
          .bind("retentionMillis", retentionMillis)
          .bind("limit", limit)
          .mapTo(Integer.class)
          .one();
    }
    return handle
        .createUpdate(ARCHIVE)
        .bind("retentionMillis", retentionMillis)
        .bind("limit", limit)
        .execute();
  }

  /**
   * Deletes up to {@code limit} archived jobs (with their archived lines) archived more than {@code
   * purgeAfterMillis} ago, by the database clock.
   *
   * @return how many jobs were purged
   */
  public static int purgeArchive(Handle handle, long purgeAfterMillis, int limit) {
    handle.execute(PURGE_SETTINGS);
    return handle
        .createQuery(PURGE_ARCHIVE)
        .bind("purgeAfterMillis", purgeAfterMillis)
        .bind("limit", limit)
        .mapTo(Integer.class)
        .one();
  }

  private static JobView view(ResultSet rs, boolean archived) throws SQLException {
    String kind = rs.getString("kind");
    boolean leaseValid = rs.getBoolean("lease_valid");
    return new JobView(
        rs.getLong("job_id"),
        rs.getString("job_type"),
        rs.getString("job_key"),
        rs.getString("payload"),
        state(kind, leaseValid),
        rs.getInt("attempt"),
        instant(rs, "run_at"),
        instant(rs, "recorded_at"),
        rs.getString("last_error"),
        rs.getString("worker_id"),
        archived);
  }

  /** The state a head line stands for. */
  static JobState state(String kind, boolean leaseValid) {
    switch (kind) {
      case "enqueued":
      case "released":
      case "retried":
        return JobState.WAITING;
      case "claimed":
      case "extended":
        return leaseValid ? JobState.RUNNING : JobState.WAITING;
      case "failed":
        return JobState.RETRY_WAIT;
      case "dead":
        return JobState.DEAD;
      case "succeeded":
        return JobState.SUCCEEDED;
      case "cancelled":
        return JobState.CANCELLED;
      default:
        throw new AssertionError("unknown status kind " + kind);
    }
  }

  /**
   * Whether a statement failed on a unique violation.
   *
   * @param e the failure
   * @return whether its cause chain holds SQL state 23505
   */
  public static boolean isUniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
