INSERT INTO fis_jobs.job_status (job_id, seq, kind, attempt, worker_id, ready_at, error)
SELECT s.job_id, s.seq + 1, o.kind, s.attempt, s.worker_id,
       CASE WHEN o.kind = 'failed'
            THEN clock_timestamp() + o.backoff_ms * interval '1 millisecond' END,
       o.error
FROM unnest(CAST(:jobs AS bigint[]), CAST(:seqs AS integer[]), CAST(:kinds AS text[]),
            CAST(:backoffs AS bigint[]), CAST(:errors AS text[]))
       AS o(job_id, seq, kind, backoff_ms, error)
-- LATERAL: a primary-key lookup per line whatever the statistics say (a hash join over a
-- sequential scan of job_status, which stale statistics can make look cheap, is not).
CROSS JOIN LATERAL (SELECT h.job_id, h.seq, h.attempt, h.worker_id
                    FROM fis_jobs.job_status h
                    WHERE h.job_id = o.job_id AND h.seq = o.seq
                      AND h.worker_id = :worker AND h.kind IN ('claimed', 'extended')
                      AND h.lease_until > clock_timestamp()
                    LIMIT 1) s
/*on conflict*/
RETURNING job_id
