WITH locked AS MATERIALIZED (
  SELECT pg_advisory_xact_lock(:lockClass, hashtext(x.k))
  FROM (SELECT CAST(:key AS text) AS k) x WHERE x.k IS NOT NULL
), inserted AS (
  INSERT INTO fis_jobs.job (job_type, job_key, payload, run_at, priority)
  SELECT :type, CAST(:key AS text), CAST(:payload AS jsonb),
         COALESCE(CAST(:runAt AS timestamptz), now()), CAST(:priority AS smallint)
  FROM (SELECT count(*) FROM locked) l
  RETURNING job_id
)
SELECT job_id FROM inserted
