-- Fires instants: one schedule_fire row per (schedule, instant), and for those to enqueue one job
-- row with the id the fire row names, in one statement. The primary key of schedule_fire lets one
-- writer per instant through; the others insert nothing, and so no job. The job waits at its key's
-- advisory lock as an enqueue does (runs of one schedule keep commit order).
WITH want AS (
  SELECT w.schedule_name, w.fire_at, w.enqueue, w.ord
  FROM unnest(CAST(:names AS text[]), CAST(:fireAts AS timestamptz[]),
              CAST(:enqueue AS boolean[])) WITH ORDINALITY AS w(schedule_name, fire_at, enqueue, ord)
), locked AS MATERIALIZED (
  SELECT pg_advisory_xact_lock(:lockClass, k.h)
  FROM (SELECT DISTINCT hashtext('schedule:' || schedule_name) AS h FROM want ORDER BY 1) k
), fired AS (
  INSERT INTO fis_jobs.schedule_fire (schedule_name, fire_at, job_id)
  SELECT w.schedule_name, w.fire_at,
         CASE WHEN w.enqueue THEN nextval(pg_get_serial_sequence('fis_jobs.job', 'job_id')) END
  FROM (SELECT count(*) FROM locked) l, want w
  ORDER BY w.ord
  ON CONFLICT DO NOTHING
  RETURNING schedule_name, fire_at, job_id
), jobs AS (
  INSERT INTO fis_jobs.job (job_id, job_type, job_key, payload, run_at)
  OVERRIDING SYSTEM VALUE
  SELECT f.job_id, s.job_type, 'schedule:' || s.schedule_name, s.payload, greatest(f.fire_at, now())
  FROM fired f JOIN fis_jobs.schedule s ON s.schedule_name = f.schedule_name
  WHERE f.job_id IS NOT NULL
  ORDER BY f.job_id
  RETURNING job_id
)
SELECT (SELECT count(*) FROM fired) AS fired, (SELECT count(*) FROM jobs) AS enqueued
