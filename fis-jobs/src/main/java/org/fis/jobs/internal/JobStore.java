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
import org.jdbi.v3.core.statement.Query;

/**
 * Every SQL statement of the job system. Each method runs on the given handle, in whatever
 * transaction it is in, and never commits. Lease checks use the database clock ({@code
 * clock_timestamp()}), so the clocks of the worker machines do not matter.
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
   * @param jobs the claimed jobs, in scan order
   * @param windowRows how many ready lines the statement scanned (less than the window: it reached
   *     the end of the ready lines)
   * @param windowEnd the position of the last scanned line, or {@code null} when none was scanned
   * @param closedThrough a position up to which (inclusive) every scanned line was closed when the
   *     statement ran: claimed by this statement, or already followed by a later line. With claims,
   *     the last claimed job's position; without, the window's end. {@code null} when a line still
   *     open (another type, a blocked key, held, skipped by a concurrent claim) lies before the
   *     last claimed job or, without claims, anywhere in the window, or when a candidate was lost
   *     to a concurrent writer
   */
  public record ClaimResult(
      List<ClaimedJob> jobs, int windowRows, ScanPosition windowEnd, ScanPosition closedThrough) {}

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

  /** The transaction-local setting that lets the archiver delete from the insert-only tables. */
  public static final String ARCHIVING_SETTING = "fis_jobs.job_archiving";

  private static final String ENQUEUE =
      """
      WITH locked AS MATERIALIZED (
        SELECT pg_advisory_xact_lock(:lockClass, hashtext(x.k))
        FROM (SELECT CAST(:key AS text) AS k) x WHERE x.k IS NOT NULL
      ), inserted AS (
        INSERT INTO fis_jobs.job (job_type, job_key, payload, run_at)
        SELECT :type, CAST(:key AS text), CAST(:payload AS jsonb),
               COALESCE(CAST(:runAt AS timestamptz), now())
        FROM (SELECT count(*) FROM locked) l
        RETURNING job_id
      )
      SELECT job_id FROM inserted
      """;

  private static final String ENQUEUE_ALL =
      """
      WITH locked AS MATERIALIZED (
        SELECT pg_advisory_xact_lock(:lockClass, s.h)
        FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(CAST(:keys AS text[])) AS u(k)
              WHERE k IS NOT NULL ORDER BY 1) s
      ), inserted AS (
        INSERT INTO fis_jobs.job (job_type, job_key, payload, run_at)
        SELECT t.job_type, t.job_key, CAST(t.payload AS jsonb),
               COALESCE(CAST(t.run_at AS timestamptz), now())
        FROM (SELECT count(*) FROM locked) l,
             unnest(CAST(:types AS text[]), CAST(:keys AS text[]), CAST(:payloads AS text[]),
                    CAST(:runAts AS text[]))
               WITH ORDINALITY AS t(job_type, job_key, payload, run_at, ord)
        ORDER BY t.ord
        RETURNING job_id
      )
      SELECT job_id FROM inserted
      """;

  // The hot path, in three bounded steps. (1) A window of at most :window ready lines in
  // (ready_at, job_id) order from a keyset position: the claim sweeps the ready index in windows,
  // so every statement is bounded whatever the lines already claimed but not yet archived. (2) Of
  // those, the candidates: heads of their job (no line seq + 1) of a registered type, with no
  // earlier unfinished job of the same key. (3) Of those, the first :limit whose transaction-scoped
  // advisory try-lock succeeds (another claimer may be claiming them right now). The primary key on
  // (job_id, seq) is what makes the claim exclusive; the lock only avoids wasted work. The result
  // always has one row: the window's end and size, with the claimed jobs (if any) joined to it.
  private static final String CLAIM =
      """
      WITH scan AS MATERIALIZED (
        -- Two sources in one order: status lines that are ready, and jobs without any line yet
        -- (ready from their own row at run_at; as line -1 with attempt 0, so that the claim writes
        -- line 0). A job that has lines stays in the second source as a closed line -1.
        SELECT u.job_id, u.seq, u.attempt, u.ready_at
        -- Both indexes are keyed on (time, job_id + 0) (see migration V52), hence the expression.
        FROM ((SELECT s.job_id + 0 AS job_id, s.seq, s.attempt, s.ready_at
               FROM fis_jobs.job_status s
               WHERE s.ready_at <= statement_timestamp()
                 AND (s.ready_at, s.job_id + 0)
                     > (CAST(:fromReadyAt AS timestamptz), CAST(:fromJobId AS bigint))
               ORDER BY s.ready_at, s.job_id + 0
               LIMIT :window)
              UNION ALL
              (SELECT f.job_id + 0 AS job_id, -1, 0, f.run_at
               FROM fis_jobs.job f
               WHERE f.run_at <= statement_timestamp()
                 AND (f.run_at, f.job_id + 0)
                     > (CAST(:fromReadyAt AS timestamptz), CAST(:fromJobId AS bigint))
               ORDER BY f.run_at, f.job_id + 0
               LIMIT :window)) u
        ORDER BY u.ready_at, u.job_id
        LIMIT :window
      ), locked AS MATERIALIZED (
        -- Rows come from the scan window in its order (a nested loop over the materialized window);
        -- evaluation stops at :limit, so no more of the window is examined than needed. The job's
        -- columns are read here once and returned from here: no second lookup per claimed job.
        -- Every lookup is a LATERAL or scalar subquery on a primary key or index prefix: the plan
        -- cannot put job or job_status on the outer side of a join, or scan them whole per window
        -- line, whatever the statistics say (statistics taken while the queue was empty made
        -- such a plan about 60 times slower). The successor check runs first, as a one-time filter of
        -- the job lookup; the advisory try-lock last, only for real candidates (CASE keeps order).
        SELECT w.job_id, w.seq, w.attempt, w.ready_at,
               j.job_type, j.job_key, j.payload, j.run_at
        FROM scan w
        CROSS JOIN LATERAL (
          SELECT jj.job_type, jj.job_key, CAST(jj.payload AS text) AS payload, jj.run_at
          FROM fis_jobs.job jj
          WHERE jj.job_id = w.job_id
            AND (SELECT 1 FROM fis_jobs.job_status n
                 WHERE n.job_id = w.job_id AND n.seq = w.seq + 1 LIMIT 1) IS NULL
          LIMIT 1) j
        WHERE j.job_type = ANY(CAST(:types AS text[]))
          AND w.job_id <> ALL(CAST(:held AS bigint[]))
          AND CASE
                WHEN j.job_key IS NOT NULL AND EXISTS (
                  SELECT 1 FROM fis_jobs.job p
                  WHERE p.job_key = j.job_key AND p.job_id < w.job_id
                    AND (SELECT 1 FROM fis_jobs.job_status f
                         WHERE f.job_id = p.job_id AND f.kind IN ('succeeded', 'cancelled')
                         LIMIT 1) IS NULL)
                  THEN false
                ELSE pg_try_advisory_xact_lock(:claimLockClass,
                                               CAST(w.job_id % 2147483647 AS integer))
              END
        LIMIT :limit
      ), claimed AS (
        INSERT INTO fis_jobs.job_status
          (job_id, seq, kind, attempt, worker_id, lease_until, ready_at)
        SELECT c.job_id, c.seq + 1, 'claimed', c.attempt + 1, :worker, l.until, l.until
        FROM locked c,
             LATERAL (SELECT clock_timestamp() + :leaseMillis * interval '1 millisecond') AS l(until)
        /*on conflict*/
        RETURNING job_id
      )
      -- One row for the window (its end and size), then one row per candidate, flagged with
      -- whether its claim line was written (a concurrent writer may have taken line seq + 1 first).
      -- The flag is a hashed subplan over the (at most :limit) claimed ids: no join per job.
      -- For the poller's restart position, two cheap facts: how many lines before the last
      -- candidate were passed over although they are heads (none: everything up to the last
      -- candidate is closed once the candidates are claimed; only passed-over lines are probed
      -- again, usually none), and, only when there was no candidate at all, how many window lines
      -- are still heads (none: the whole window is closed).
      SELECT e.window_rows, e.end_ready_at, e.end_job_id,
             (SELECT count(*) FROM scan w,
                     (SELECT l.ready_at, l.job_id FROM locked l
                      ORDER BY l.ready_at DESC, l.job_id DESC LIMIT 1) m
              WHERE (w.ready_at, w.job_id) < (m.ready_at, m.job_id)
                AND w.job_id NOT IN (SELECT l.job_id FROM locked l)
                AND (SELECT 1 FROM fis_jobs.job_status n
                     WHERE n.job_id = w.job_id AND n.seq = w.seq + 1 LIMIT 1) IS NULL)
               AS passed_open,
             CASE WHEN NOT EXISTS (SELECT 1 FROM locked) THEN
               (SELECT count(*) FROM scan w
                WHERE (SELECT 1 FROM fis_jobs.job_status n
                       WHERE n.job_id = w.job_id AND n.seq = w.seq + 1 LIMIT 1) IS NULL)
             END AS open_heads,
             c.job_id, c.job_type, c.job_key, c.payload, c.run_at,
             c.seq + 1 AS seq, c.attempt + 1 AS attempt, c.ready_at,
             CAST(extract(epoch FROM clock_timestamp() - c.ready_at) * 1000 AS bigint) AS lag_ms,
             c.job_id IN (SELECT cl.job_id FROM claimed cl) AS won
      FROM (SELECT count(*) AS window_rows, max(ready_at) AS end_ready_at,
                   (SELECT w.job_id FROM scan w ORDER BY w.ready_at DESC, w.job_id DESC LIMIT 1)
                     AS end_job_id
            FROM scan) e
      LEFT JOIN locked c ON true
      """;

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
  private static final String CLAIM_SETTINGS =
      "SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off;"
          + " SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off;"
          + " SET LOCAL enable_mergejoin = off; SET LOCAL enable_material = off;"
          + " SET LOCAL lock_timeout = '5s'";

  // The end of a transaction batch: one line per job (succeeded, failed or dead), each accepted
  // only while this worker still holds the job's lease. A plain insert: a line n + 1 that already
  // exists can only belong to a takeover, which needs the lease to have expired, so the lease check
  // fails first; only a statement whose check straddles the expiry meets it, as a unique violation
  // (the caller then runs the batch again on the careful path, which tolerates conflicts).
  private static final String FINISH =
      """
      INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt, worker_id, ready_at, error)
      SELECT s.job_id, s.seq + 1, o.kind, s.attempt, s.worker_id,
             CASE WHEN o.kind = 'failed'
                  THEN clock_timestamp() + o.backoff_ms * interval '1 millisecond' END,
             o.error
      FROM unnest(CAST(:jobs AS bigint[]), CAST(:seqs AS integer[]), CAST(:kinds AS text[]),
                  CAST(:backoffs AS bigint[]), CAST(:errors AS text[]))
             AS o(job_id, seq, kind, backoff_ms, error)
      -- LATERAL: a primary-key lookup per line whatever the statistics say (a hash join over a
      -- sequential scan of job_status, which stale statistics can make look cheap, is not).
      CROSS JOIN LATERAL (SELECT h.job_id, h.seq, h.attempt, h.worker_id
                          FROM fis_jobs.job_status h
                          WHERE h.job_id = o.job_id AND h.seq = o.seq
                            AND h.worker_id = :worker AND h.kind IN ('claimed', 'extended')
                            AND h.lease_until > clock_timestamp()
                          LIMIT 1) s
      /*on conflict*/
      RETURNING job_id
      """;

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

  /** The condition "line s is this worker's lease and has not expired", shared by lease writes. */
  private static final String LEASE_HELD =
      "s.worker_id = :worker AND s.kind IN ('claimed', 'extended')"
          + " AND s.lease_until > clock_timestamp()";

  private static final String SUCCEED =
      """
      INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt, worker_id)
      SELECT s.job_id, s.seq + 1, 'succeeded', s.attempt, s.worker_id
      FROM fis_jobs.job_status s
      WHERE s.job_id = :job AND s.seq = :seq AND %s
      ON CONFLICT DO NOTHING
      """
          .formatted(LEASE_HELD);

  private static final String FAIL =
      """
      INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt, worker_id, ready_at, error)
      SELECT s.job_id, s.seq + 1, CAST(:kind AS text), s.attempt, s.worker_id,
             CASE WHEN CAST(:kind AS text) = 'failed'
                  THEN clock_timestamp() + :backoffMillis * interval '1 millisecond' END,
             :error
      FROM fis_jobs.job_status s
      WHERE s.job_id = :job AND s.seq = :seq AND %s
      ON CONFLICT DO NOTHING
      """
          .formatted(LEASE_HELD);

  private static final String EXTEND =
      """
      INSERT INTO fis_jobs.job_status
        (job_id, seq, kind, attempt, worker_id, lease_until, ready_at)
      SELECT s.job_id, s.seq + 1, 'extended', s.attempt, s.worker_id, l.until, l.until
      FROM unnest(CAST(:jobs AS bigint[]), CAST(:seqs AS integer[])) AS h(job_id, seq)
      JOIN fis_jobs.job_status s ON s.job_id = h.job_id AND s.seq = h.seq,
           LATERAL (SELECT clock_timestamp() + :leaseMillis * interval '1 millisecond') AS l(until)
      WHERE %s
      ON CONFLICT DO NOTHING
      RETURNING job_id, seq
      """
          .formatted(LEASE_HELD);

  // A release gives the attempt back: the next claim gets the same attempt number.
  private static final String RELEASE =
      """
      INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt, worker_id, ready_at)
      SELECT s.job_id, s.seq + 1, 'released', s.attempt - 1, s.worker_id, clock_timestamp()
      FROM unnest(CAST(:jobs AS bigint[]), CAST(:seqs AS integer[])) AS h(job_id, seq)
      JOIN fis_jobs.job_status s ON s.job_id = h.job_id AND s.seq = h.seq
      WHERE %s
      ON CONFLICT DO NOTHING
      RETURNING job_id
      """
          .formatted(LEASE_HELD);

  private static final String HEAD_IS_NEWEST =
      "NOT EXISTS (SELECT 1 FROM fis_jobs.job_status n"
          + " WHERE n.job_id = h.job_id AND n.seq = h.seq + 1)";

  private static final String RETRY_DEAD =
      """
      INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt, ready_at)
      SELECT h.job_id, h.seq + 1, 'retried', 0, clock_timestamp()
      FROM fis_jobs.job_status h
      WHERE h.job_id = :job AND h.kind = 'dead' AND %s
      ON CONFLICT DO NOTHING
      """
          .formatted(HEAD_IS_NEWEST);

  // A job without lines is cancelled by writing its line 0.
  private static final String CANCEL =
      """
      INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt)
      SELECT h.job_id, h.seq + 1, 'cancelled', h.attempt
      FROM fis_jobs.job_status h
      WHERE h.job_id = :job AND %s
        AND (h.kind IN ('enqueued', 'released', 'retried', 'failed', 'dead')
             OR (h.kind IN ('claimed', 'extended') AND h.lease_until <= clock_timestamp()))
      UNION ALL
      SELECT j.job_id, 0, 'cancelled', 0
      FROM fis_jobs.job j
      WHERE j.job_id = :job
        AND NOT EXISTS (SELECT 1 FROM fis_jobs.job_status s WHERE s.job_id = j.job_id)
      ON CONFLICT DO NOTHING
      """
          .formatted(HEAD_IS_NEWEST);

  private static final String VIEW_COLUMNS =
      """
      SELECT j.job_id, j.job_type, j.job_key, CAST(j.payload AS text) AS payload, j.run_at,
             COALESCE(h.kind, 'enqueued') AS kind, COALESCE(h.attempt, 0) AS attempt,
             COALESCE(h.recorded_at, j.enqueued_at) AS recorded_at,
             COALESCE(h.lease_until > clock_timestamp(), false) AS lease_valid,
             (SELECT e.error FROM fis_jobs.%2$s e
              WHERE e.job_id = j.job_id AND e.error IS NOT NULL ORDER BY e.seq DESC LIMIT 1)
               AS last_error,
             (SELECT w.worker_id FROM fis_jobs.%2$s w
              WHERE w.job_id = j.job_id AND w.kind = 'claimed' ORDER BY w.seq DESC LIMIT 1)
               AS worker_id
      FROM fis_jobs.%1$s j
      """;

  private static final String FIND =
      (VIEW_COLUMNS
              + """
              LEFT JOIN LATERAL (SELECT * FROM fis_jobs.%2$s s WHERE s.job_id = j.job_id
                                 ORDER BY s.seq DESC LIMIT 1) h ON true
              WHERE j.job_id = :job
              """)
          .formatted("job", "job_status");

  private static final String FIND_ARCHIVED =
      (VIEW_COLUMNS
              + """
              LEFT JOIN LATERAL (SELECT * FROM fis_jobs.%2$s s WHERE s.job_id = j.job_id
                                 ORDER BY s.seq DESC LIMIT 1) h ON true
              WHERE j.job_id = :job
              """)
          .formatted("job_archive", "job_status_archive");

  private static final String DEAD =
      (VIEW_COLUMNS
              + """
              JOIN fis_jobs.job_status h ON h.job_id = j.job_id
              WHERE h.kind = 'dead' AND h.job_id > :after AND %3$s
              ORDER BY h.job_id
              LIMIT :limit
              """)
          .formatted("job", "job_status", HEAD_IS_NEWEST);

  private static final String ARCHIVE =
      """
      WITH finished AS (
        SELECT f.job_id FROM fis_jobs.job_status f
        WHERE f.kind IN ('succeeded', 'cancelled')
          AND f.recorded_at <= clock_timestamp() - :retentionMillis * interval '1 millisecond'
        ORDER BY f.job_id
        LIMIT :limit
      ), lines AS (
        DELETE FROM fis_jobs.job_status s WHERE s.job_id = ANY (ARRAY(SELECT job_id FROM finished))
        RETURNING s.job_id, s.seq, s.kind, s.attempt, s.worker_id, s.lease_until, s.ready_at,
                  s.error, s.recorded_at
      ), jobs AS (
        DELETE FROM fis_jobs.job j WHERE j.job_id = ANY (ARRAY(SELECT job_id FROM finished))
        RETURNING j.job_id, j.job_type, j.job_key, j.payload, j.run_at, j.enqueued_at
      ), archived_lines AS (
        INSERT INTO fis_jobs.job_status_archive
          (job_id, seq, kind, attempt, worker_id, lease_until, ready_at, error, recorded_at)
        SELECT job_id, seq, kind, attempt, worker_id, lease_until, ready_at, error, recorded_at
        FROM lines
      )
      INSERT INTO fis_jobs.job_archive (job_id, job_type, job_key, payload, run_at, enqueued_at)
      SELECT job_id, job_type, job_key, payload, run_at, enqueued_at FROM jobs
      """;

  private JobStore() {}

  /**
   * Inserts a job and its line 0. For a keyed job, first takes a transaction-scoped advisory lock
   * on the key, so that jobs with the same key get ids in commit order.
   *
   * @return the job id
   */
  public static long enqueue(
      Handle handle, String type, String key, String payloadJson, Instant runAt) {
    return handle
        .createQuery(ENQUEUE)
        .bind("lockClass", KEY_LOCK_CLASS)
        .bind("type", type)
        .bind("key", key)
        .bind("payload", payloadJson)
        .bind("runAt", utc(runAt))
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
    for (int i = 0; i < size; i++) {
      NewJob job = jobs.get(i);
      types[i] = job.type();
      keys[i] = job.key();
      payloads[i] = job.payloadJson();
      runAts[i] = job.runAt() == null ? null : job.runAt().toString();
    }
    List<Long> ids =
        handle
            .createQuery(ENQUEUE_ALL)
            .bind("lockClass", KEY_LOCK_CLASS)
            .bindArray("types", String.class, (Object[]) types)
            .bindArray("keys", String.class, (Object[]) keys)
            .bindArray("payloads", String.class, (Object[]) payloads)
            .bindArray("runAts", String.class, (Object[]) runAts)
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
    ClaimArgs args = new ClaimArgs(types, worker, limit, window, leaseMillis, from, held);
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
  private static final String CLAIMED_STILL_THERE =
      "SELECT count(*) FROM fis_jobs.job j WHERE j.job_id = ANY (CAST(:ids AS bigint[]))";

  /** The parameters of one claim, bound by {@link #claimQuery}. */
  private record ClaimArgs(
      Collection<String> types,
      String worker,
      int limit,
      int window,
      long leaseMillis,
      ScanPosition from,
      long[] held) {}

  private static ClaimResult claimOnce(Handle handle, String sql, ClaimArgs args) {
    return handle.inTransaction(
        h -> {
          h.execute(CLAIM_SETTINGS);
          List<ClaimedJob> jobs = new ArrayList<>(args.limit());
          int[] windowRows = {-1};
          long[] facts = new long[3]; // open lines passed over, open heads, candidates
          ScanPosition[] windowEnd = new ScanPosition[1];
          claimQuery(h, sql, args)
              .map(
                  (rs, ctx) -> {
                    if (windowRows[0] < 0) {
                      windowRows[0] = rs.getInt("window_rows");
                      OffsetDateTime end = rs.getObject("end_ready_at", OffsetDateTime.class);
                      if (end != null) {
                        windowEnd[0] = new ScanPosition(end.toInstant(), rs.getLong("end_job_id"));
                      }
                      facts[0] = rs.getLong("passed_open");
                      facts[1] = rs.getLong("open_heads");
                      if (rs.wasNull()) {
                        facts[1] = -1;
                      }
                    }
                    long jobId = rs.getLong("job_id");
                    boolean candidate = !rs.wasNull();
                    if (candidate) {
                      facts[2]++;
                    }
                    if (candidate && rs.getBoolean("won")) {
                      jobs.add(
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
                              instant(rs, "ready_at")));
                    }
                    return jobId;
                  })
              .list();
          jobs.sort(CLAIM_ORDER);
          ScanPosition closedThrough = null;
          if (facts[2] > 0 && jobs.size() == facts[2] && facts[0] == 0) {
            // Every candidate won, and every line passed over before the last one is closed.
            ClaimedJob last = jobs.get(jobs.size() - 1);
            closedThrough = new ScanPosition(last.readyAt(), last.job().id());
          } else if (facts[2] == 0 && facts[1] == 0) {
            closedThrough = windowEnd[0]; // no head in the window (null for an empty window)
          }
          if (!jobs.isEmpty()) {
            long[] ids = jobs.stream().mapToLong(c -> c.job().id()).toArray();
            long present =
                h.createQuery(CLAIMED_STILL_THERE).bind("ids", ids).mapTo(Long.class).one();
            if (present != ids.length) {
              throw new ClaimRaced(); // rolls this claim back
            }
          }
          return new ClaimResult(List.copyOf(jobs), windowRows[0], windowEnd[0], closedThrough);
        });
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
        .bind("held", args.held());
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
                          types, "explain", limit, 2 * limit, 60_000L, SCAN_START, new long[0]))
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
    // One archiver at a time per database (every processor archives): two would select the same
    // finished jobs, and the later one, after waiting for the earlier one's deletes, would move
    // none of them and report nothing left. The lock is taken before the archive statement, so
    // that statement's snapshot already sees what the previous archiver moved.
    handle
        .createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:lockClass, 0)) l")
        .bind("lockClass", ARCHIVE_LOCK_CLASS)
        .mapTo(Integer.class)
        .one();
    // The finished jobs in job_id order from their index, stopping at the limit, and primary-key
    // lookups per finished job, whatever the statistics say: with statistics taken while the live
    // tables were small, the planner may prefer a hash join over a sequential scan of job_status,
    // or a bitmap scan and sort of every finished line, which turns each archive statement into
    // a scan of the whole backlog.
    handle.execute(
        "SET LOCAL "
            + ARCHIVING_SETTING
            + " = 'on'; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off;"
            + " SET LOCAL enable_seqscan = off; SET LOCAL enable_material = off;"
            + " SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off");
    return handle
        .createUpdate(ARCHIVE)
        .bind("retentionMillis", retentionMillis)
        .bind("limit", limit)
        .execute();
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
