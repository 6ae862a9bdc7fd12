-- Recurring schedules (org.fis.jobs.JobScheduler). See fis-jobs/README.md, "Schedules".
--
-- schedule holds the definitions: configuration, not history, so it is an ordinary mutable table
-- (a host adds, changes or removes a schedule at run time). schedule_fire is the insert-only log
-- of the instants fired: its primary key (schedule_name, fire_at) is what makes every instant
-- enqueue exactly one job, whichever and however many schedulers tick: the fire row and the job
-- row are inserted by one statement in one transaction, so either both exist or neither does.

CREATE TABLE schedule (
  schedule_name  text        PRIMARY KEY CHECK (length(schedule_name) BETWEEN 1 AND 200),
  job_type       text        NOT NULL CHECK (length(job_type) BETWEEN 1 AND 200),
  payload        jsonb       NOT NULL,
  cron           text        CHECK (cron IS NULL OR length(cron) BETWEEN 9 AND 200),
  zone           text        CHECK (zone IS NULL OR length(zone) BETWEEN 1 AND 100),
  fixed_delay_ms bigint      CHECK (fixed_delay_ms IS NULL OR fixed_delay_ms >= 1000),
  missed_policy  text        NOT NULL CHECK (missed_policy IN ('RUN_ONCE', 'RUN_ALL', 'SKIP')),
  -- When the recurrence was last defined or changed (scheduler clock): instants after it count.
  defined_at     timestamptz NOT NULL,
  CHECK ((cron IS NOT NULL AND zone IS NOT NULL AND fixed_delay_ms IS NULL)
         OR (cron IS NULL AND zone IS NULL AND fixed_delay_ms IS NOT NULL))
);

CREATE TABLE schedule_fire (
  schedule_name text        NOT NULL,
  fire_at       timestamptz NOT NULL,
  -- The job enqueued for the instant; NULL when the instant was skipped (MissedPolicy.SKIP).
  job_id        bigint,
  fired_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (schedule_name, fire_at)
);

-- Insert-only like the job tables, with the same guarded DELETE for purges.
CREATE TRIGGER schedule_fire_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON schedule_fire
  FOR EACH STATEMENT EXECUTE FUNCTION job_reject_change();
