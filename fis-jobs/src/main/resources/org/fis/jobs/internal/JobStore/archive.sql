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
  RETURNING j.job_id, j.job_type, j.job_key, j.payload, j.run_at, j.enqueued_at, j.priority
), archived_lines AS (
  INSERT INTO fis_jobs.job_status_archive
    (job_id, seq, kind, attempt, worker_id, lease_until, ready_at, error, recorded_at)
  SELECT job_id, seq, kind, attempt, worker_id, lease_until, ready_at, error, recorded_at
  FROM lines
)
INSERT INTO fis_jobs.job_archive
  (job_id, job_type, job_key, payload, run_at, enqueued_at, priority)
SELECT job_id, job_type, job_key, payload, run_at, enqueued_at, priority FROM jobs
