-- Priorities (NewJob#withPriority, JobProcessorConfig.Claim#priorityAging). See fis-jobs/README.md,
-- "Priorities". A job's priority is fixed at enqueue, 0 (the default, lowest) to 1000. Jobs of
-- priority 0 are claimed from the ready index exactly as before (now partial: priority 0 only);
-- jobs of a higher priority from an index of their own, merged into the claim window at their
-- aged position run_at - priority x aging: a job of priority p goes before jobs of lower priority
-- q that became ready less than (p - q) x aging before it, and never before one that became ready
-- earlier than that (no starvation). Adding a column with a constant default rewrites nothing.
ALTER TABLE job ADD COLUMN priority smallint NOT NULL DEFAULT 0
  CHECK (priority BETWEEN 0 AND 1000);

CREATE INDEX job_ready0_idx ON job (run_at, (job_id + 0)) WHERE priority = 0;
CREATE INDEX job_priority_ready_idx ON job (run_at, (job_id + 0)) WHERE priority > 0;
DROP INDEX job_ready_idx;

ALTER TABLE job_archive ADD COLUMN priority smallint NOT NULL DEFAULT 0;
