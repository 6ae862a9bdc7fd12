-- Every schedule with its position: the latest instant fired (or skipped), and for fixed delays
-- when that instant's job finished (live or archived), from its terminal status line.
SELECT s.schedule_name, s.job_type, s.payload::text AS payload, s.cron, s.zone, s.fixed_delay_ms,
       s.missed_policy, s.defined_at, f.fire_at AS last_fire_at, f.job_id AS last_job_id,
       CASE WHEN s.fixed_delay_ms IS NOT NULL AND f.job_id IS NOT NULL THEN
         COALESCE(
           (SELECT t.recorded_at FROM fis_jobs.job_status t
             WHERE t.job_id = f.job_id AND t.kind IN ('succeeded', 'cancelled', 'dead')
               AND NOT EXISTS (SELECT 1 FROM fis_jobs.job_status n
                                WHERE n.job_id = t.job_id AND n.seq = t.seq + 1)),
           (SELECT max(a.recorded_at) FROM fis_jobs.job_status_archive a
             WHERE a.job_id = f.job_id AND a.kind IN ('succeeded', 'cancelled')))
       END AS last_finished_at
FROM fis_jobs.schedule s
LEFT JOIN LATERAL (
  SELECT x.fire_at, x.job_id FROM fis_jobs.schedule_fire x
  WHERE x.schedule_name = s.schedule_name ORDER BY x.fire_at DESC LIMIT 1
) f ON true
ORDER BY s.schedule_name
LIMIT :limit
