INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt, worker_id, ready_at, error)
SELECT s.job_id, s.seq + 1, CAST(:kind AS text), s.attempt, s.worker_id,
       CASE WHEN CAST(:kind AS text) = 'failed'
            THEN clock_timestamp() + :backoffMillis * interval '1 millisecond' END,
       :error
FROM fis_jobs.job_status s
WHERE s.job_id = :job AND s.seq = :seq AND s.worker_id = :worker AND s.kind IN ('claimed', 'extended') AND s.lease_until > clock_timestamp()
ON CONFLICT DO NOTHING
