SELECT j.job_id, j.job_type, j.job_key, CAST(j.payload AS text) AS payload, j.run_at,
       COALESCE(h.kind, 'enqueued') AS kind, COALESCE(h.attempt, 0) AS attempt,
       COALESCE(h.recorded_at, j.enqueued_at) AS recorded_at,
       COALESCE(h.lease_until > clock_timestamp(), false) AS lease_valid,
       (SELECT e.error FROM fis_jobs.job_status_archive e
        WHERE e.job_id = j.job_id AND e.error IS NOT NULL ORDER BY e.seq DESC LIMIT 1)
         AS last_error,
       (SELECT w.worker_id FROM fis_jobs.job_status_archive w
        WHERE w.job_id = j.job_id AND w.kind = 'claimed' ORDER BY w.seq DESC LIMIT 1)
         AS worker_id
FROM fis_jobs.job_archive j
LEFT JOIN LATERAL (SELECT * FROM fis_jobs.job_status_archive s WHERE s.job_id = j.job_id
                   ORDER BY s.seq DESC LIMIT 1) h ON true
WHERE j.job_id = :job
