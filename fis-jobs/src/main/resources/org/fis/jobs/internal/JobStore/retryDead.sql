INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt, ready_at)
SELECT h.job_id, h.seq + 1, 'retried', 0, clock_timestamp()
FROM fis_jobs.job_status h
WHERE h.job_id = :job AND h.kind = 'dead' AND NOT EXISTS (SELECT 1 FROM fis_jobs.job_status n WHERE n.job_id = h.job_id AND n.seq = h.seq + 1)
ON CONFLICT DO NOTHING
