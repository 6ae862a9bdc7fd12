WITH finished AS (
  SELECT f.job_id FROM fis_jobs.job_status f
  WHERE f.kind IN ('succeeded', 'cancelled')
    AND f.recorded_at <= clock_timestamp() - :retentionMillis * interval '1 millisecond'
  ORDER BY f.job_id
  LIMIT :limit
), lines AS (
  DELETE FROM fis_jobs.job_status s WHERE s.job_id = ANY (ARRAY(SELECT job_id FROM finished))
  RETURNING 1
), jobs AS (
  DELETE FROM fis_jobs.job j WHERE j.job_id = ANY (ARRAY(SELECT job_id FROM finished))
  RETURNING 1
)
SELECT (SELECT count(*) FROM jobs) + 0 * (SELECT count(*) FROM lines)
