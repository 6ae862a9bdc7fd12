-- Adds or changes a schedule. defined_at moves only when the recurrence changes, so that defining
-- the same schedule again at every start-up keeps its position.
INSERT INTO fis_jobs.schedule AS s
  (schedule_name, job_type, payload, cron, zone, fixed_delay_ms, missed_policy, defined_at)
VALUES (:name, :jobType, CAST(:payload AS jsonb), :cron, :zone, :fixedDelayMs, :missedPolicy,
        :definedAt)
ON CONFLICT (schedule_name) DO UPDATE
  SET job_type = EXCLUDED.job_type,
      payload = EXCLUDED.payload,
      cron = EXCLUDED.cron,
      zone = EXCLUDED.zone,
      fixed_delay_ms = EXCLUDED.fixed_delay_ms,
      missed_policy = EXCLUDED.missed_policy,
      defined_at = CASE
        WHEN (s.cron, s.zone, s.fixed_delay_ms)
             IS NOT DISTINCT FROM (EXCLUDED.cron, EXCLUDED.zone, EXCLUDED.fixed_delay_ms)
        THEN s.defined_at ELSE EXCLUDED.defined_at END
  WHERE (s.job_type, s.payload, s.cron, s.zone, s.fixed_delay_ms, s.missed_policy)
        IS DISTINCT FROM (EXCLUDED.job_type, EXCLUDED.payload, EXCLUDED.cron, EXCLUDED.zone,
                          EXCLUDED.fixed_delay_ms, EXCLUDED.missed_policy)
