SELECT schedule_name, job_type, payload::text AS payload, cron, zone, fixed_delay_ms,
       missed_policy, defined_at, NULL::timestamptz AS last_fire_at, NULL::bigint AS last_job_id,
       NULL::timestamptz AS last_finished_at
FROM fis_jobs.schedule ORDER BY schedule_name LIMIT :limit
