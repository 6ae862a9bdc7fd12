WITH old AS MATERIALIZED (
  SELECT a.job_id FROM fis_jobs.job_archive a
  WHERE a.archived_at < clock_timestamp() - CAST(:purgeAfterMillis AS bigint) * interval '1 millisecond'
  LIMIT :limit
), lines AS (
  DELETE FROM fis_jobs.job_status_archive s WHERE s.job_id IN (SELECT job_id FROM old)
  RETURNING 1
), jobs AS (
  DELETE FROM fis_jobs.job_archive a WHERE a.job_id IN (SELECT job_id FROM old)
  RETURNING 1
)
SELECT (SELECT count(*) FROM jobs) + 0 * (SELECT count(*) FROM lines)
