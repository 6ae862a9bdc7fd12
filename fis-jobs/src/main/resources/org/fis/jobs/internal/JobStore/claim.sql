WITH scan AS MATERIALIZED (
  -- Two sources in one order: status lines that are ready, and jobs of priority 0 without any
  -- line yet (ready from their own row at run_at; as line -1 with attempt 0, so that the claim
  -- writes line 0). A job that has lines stays in the second source as a closed line -1. This is
  -- the sweep: its window, position and closed mark are what the poller keeps (src 0).
  SELECT u.job_id, u.seq, u.attempt, u.ready_at, u.ready_at AS pos, 0 AS src
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
         WHERE f.priority = 0 AND f.run_at <= statement_timestamp()
           AND (f.run_at, f.job_id + 0)
               > (CAST(:fromReadyAt AS timestamptz), CAST(:fromJobId AS bigint))
         ORDER BY f.run_at, f.job_id + 0
         LIMIT :window)) u
  ORDER BY u.ready_at, u.job_id
  LIMIT :window
), prio AS MATERIALIZED (
  -- Jobs of a priority above 0 without any line yet, from their own keyset position (src 1), at
  -- their aged position: run_at less priority x aging (migration V4). At most :limit of them
  -- (no claim takes more), of the registered types only (another type's jobs would stop the
  -- source's position for good).
  SELECT p.job_id + 0 AS job_id, -1 AS seq, 0 AS attempt, p.run_at AS ready_at,
         p.run_at - p.priority * CAST(:agingMillis AS bigint) * interval '1 millisecond' AS pos,
         1 AS src
  FROM fis_jobs.job p
  WHERE p.priority > 0 AND p.run_at <= statement_timestamp()
    AND p.job_type = ANY(CAST(:types AS text[]))
    AND (p.run_at, p.job_id + 0)
        > (CAST(:prioFromReadyAt AS timestamptz), CAST(:prioFromJobId AS bigint))
  ORDER BY p.run_at, p.job_id + 0
  LIMIT :limit
), succ AS MATERIALIZED (
  -- The successors of keyed jobs this processor just finished (src 2): the next job of each key,
  -- so that a key's next job is claimed at once instead of when the sweep comes back to it.
  SELECT x.job_id + 0 AS job_id, -1 AS seq, 0 AS attempt, x.run_at AS ready_at,
         x.run_at - x.priority * CAST(:agingMillis AS bigint) * interval '1 millisecond' AS pos,
         2 AS src
  FROM unnest(CAST(:succKeys AS text[]), CAST(:succAfter AS bigint[])) AS k(job_key, after_id)
  CROSS JOIN LATERAL (
    SELECT n.job_id, n.run_at, n.priority FROM fis_jobs.job n
    WHERE n.job_key = k.job_key AND n.job_id > k.after_id
    ORDER BY n.job_id
    LIMIT 1) x
  WHERE x.run_at <= statement_timestamp()
), merged AS MATERIALIZED (
  SELECT a.job_id, a.seq, a.attempt, a.ready_at, a.pos, a.src
  FROM (SELECT * FROM scan
        UNION ALL
        SELECT * FROM prio
        UNION ALL
        SELECT * FROM succ
        WHERE succ.job_id NOT IN (SELECT m.job_id FROM scan m)
          AND succ.job_id NOT IN (SELECT q.job_id FROM prio q)) a
  ORDER BY a.pos, a.job_id
), locked AS MATERIALIZED (
  -- Rows come from the scan window in its order (a nested loop over the materialized window);
  -- evaluation stops at :limit, so no more of the window is examined than needed. The job's
  -- columns are read here once and returned from here: no second lookup per claimed job.
  -- Every lookup is a LATERAL or scalar subquery on a primary key or index prefix: the plan
  -- cannot put job or job_status on the outer side of a join, or scan them whole per window
  -- line, whatever the statistics say (statistics taken while the queue was empty made
  -- such a plan about 60 times slower). The successor check runs first, as a one-time filter of
  -- the job lookup; the advisory try-lock last, only for real candidates (CASE keeps order).
  SELECT w.job_id, w.seq, w.attempt, w.ready_at, w.src, w.pos,
         j.job_type, j.job_key, j.payload, j.run_at
  FROM merged w
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
-- again, usually none), and, only when there was no sweep candidate at all and the claim is
-- not full (of priority jobs or successors), how many window lines are still heads (none: the
-- whole window is closed).
SELECT e.window_rows, e.end_ready_at, e.end_job_id,
       (SELECT count(*) FROM scan w,
               (SELECT l.ready_at, l.job_id FROM locked l WHERE l.src = 0
                ORDER BY l.ready_at DESC, l.job_id DESC LIMIT 1) m
        WHERE (w.ready_at, w.job_id) < (m.ready_at, m.job_id)
          AND w.job_id NOT IN (SELECT l.job_id FROM locked l)
          AND (SELECT 1 FROM fis_jobs.job_status n
               WHERE n.job_id = w.job_id AND n.seq = w.seq + 1 LIMIT 1) IS NULL)
         AS passed_open,
       CASE WHEN NOT EXISTS (SELECT 1 FROM locked l WHERE l.src = 0)
                 AND (SELECT count(*) FROM locked) < :limit THEN
         (SELECT count(*) FROM scan w
          WHERE (SELECT 1 FROM fis_jobs.job_status n
                 WHERE n.job_id = w.job_id AND n.seq = w.seq + 1 LIMIT 1) IS NULL)
       END AS open_heads,
       (SELECT count(*) FROM prio) AS prio_rows,
       (SELECT p.ready_at FROM prio p ORDER BY p.ready_at DESC, p.job_id DESC LIMIT 1)
         AS prio_last_ready_at,
       (SELECT p.job_id FROM prio p ORDER BY p.ready_at DESC, p.job_id DESC LIMIT 1)
         AS prio_last_job_id,
       o.ready_at AS prio_open_ready_at, o.job_id AS prio_open_job_id,
       c.src, c.pos AS claim_pos, c.job_id, c.job_type, c.job_key, c.payload, c.run_at,
       c.seq + 1 AS seq, c.attempt + 1 AS attempt, c.ready_at,
       CAST(extract(epoch FROM clock_timestamp() - c.ready_at) * 1000 AS bigint) AS lag_ms,
       c.job_id IN (SELECT cl.job_id FROM claimed cl) AS won
FROM (SELECT count(*) AS window_rows, max(ready_at) AS end_ready_at,
             (SELECT w.job_id FROM scan w ORDER BY w.ready_at DESC, w.job_id DESC LIMIT 1)
               AS end_job_id
      FROM scan) e
-- The first priority line still open (neither claimed now nor followed by a line): the priority
-- source's closed prefix ends just before it.
LEFT JOIN LATERAL (
  SELECT p.ready_at, p.job_id FROM prio p
  WHERE p.job_id NOT IN (SELECT cl.job_id FROM claimed cl)
    AND (SELECT 1 FROM fis_jobs.job_status n WHERE n.job_id = p.job_id AND n.seq = 0 LIMIT 1)
        IS NULL
  ORDER BY p.ready_at, p.job_id
  LIMIT 1) o ON true
LEFT JOIN locked c ON true
