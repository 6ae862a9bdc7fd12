INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt, worker_id, ready_at)
SELECT s.job_id, s.seq + 1, 'released', s.attempt - 1, s.worker_id, clock_timestamp()
FROM unnest(CAST(:jobs AS bigint[]), CAST(:seqs AS integer[])) AS h(job_id, seq)
JOIN fis_jobs.job_status s ON s.job_id = h.job_id AND s.seq = h.seq
WHERE s.worker_id = :worker AND s.kind IN ('claimed', 'extended') AND s.lease_until > clock_timestamp()
ON CONFLICT DO NOTHING
RETURNING job_id
