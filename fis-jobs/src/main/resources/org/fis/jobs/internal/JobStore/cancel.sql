INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt)
SELECT h.job_id, h.seq + 1, 'cancelled', h.attempt
FROM fis_jobs.job_status h
WHERE h.job_id = :job AND NOT EXISTS (SELECT 1 FROM fis_jobs.job_status n WHERE n.job_id = h.job_id AND n.seq = h.seq + 1)
  AND (h.kind IN ('enqueued', 'released', 'retried', 'failed', 'dead')
       OR (h.kind IN ('claimed', 'extended') AND h.lease_until <= clock_timestamp()))
UNION ALL
SELECT j.job_id, 0, 'cancelled', 0
FROM fis_jobs.job j
WHERE j.job_id = :job
  AND NOT EXISTS (SELECT 1 FROM fis_jobs.job_status s WHERE s.job_id = j.job_id)
ON CONFLICT DO NOTHING
