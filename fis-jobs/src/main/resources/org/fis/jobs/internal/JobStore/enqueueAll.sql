WITH locked AS MATERIALIZED (
  SELECT pg_advisory_xact_lock(:lockClass, s.h)
  FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest(CAST(:keys AS text[])) AS u(k)
        WHERE k IS NOT NULL ORDER BY 1) s
), inserted AS (
  INSERT INTO fis_jobs.job (job_type, job_key, payload, run_at, priority)
  SELECT t.job_type, t.job_key, CAST(t.payload AS jsonb),
         COALESCE(CAST(t.run_at AS timestamptz), now()),
         CAST(t.priority AS smallint)
  FROM (SELECT count(*) FROM locked) l,
       unnest(CAST(:types AS text[]), CAST(:keys AS text[]), CAST(:payloads AS text[]),
              CAST(:runAts AS text[]),
              CAST(:priorities AS integer[]))
         WITH ORDINALITY AS t(job_type, job_key, payload, run_at, priority, ord)
  ORDER BY t.ord
  RETURNING job_id
)
SELECT job_id FROM inserted
