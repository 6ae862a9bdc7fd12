-- fis-jobs schema, version 1: insert-only, lease-based job processing (org.fis.jobs). See
-- fis-jobs/README.md. The same tables as the job feature had in fis_ledger (ledger migrations
-- V50-V52), consolidated: the job row is its own ready line (no 'enqueued' line 0 is written; the
-- kind stays allowed so that data written by the old layout reads the same), and the ready indexes
-- are keyed on job_id + 0 so that they can never serve lookups by id.
--
-- A job is one immutable row in job. Everything that happens to it is a status line in job_status,
-- numbered 0, 1, 2, ... per job (seq). Every line is written as "the successor of line n"
-- (seq = n + 1; a job without lines counts as having a line -1), so the primary key (job_id, seq)
-- makes concurrent writers exclusive: of two claims, or of a late success and a takeover, exactly
-- one line n + 1 can exist. The line with the highest seq (the head) is the job's current state.

CREATE TABLE job (
  job_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_type    text        NOT NULL CHECK (length(job_type) BETWEEN 1 AND 200),
  job_key     text        CHECK (job_key IS NULL OR length(job_key) BETWEEN 1 AND 500),
  payload     jsonb       NOT NULL,
  run_at      timestamptz NOT NULL,
  enqueued_at timestamptz NOT NULL DEFAULT now()
);

-- Per-key ordering: "is there an earlier unfinished job with my key?"
CREATE INDEX job_key_idx ON job (job_key, job_id) WHERE job_key IS NOT NULL;

CREATE TABLE job_status (
  job_id      bigint      NOT NULL,
  seq         integer     NOT NULL CHECK (seq >= 0),
  kind        text        NOT NULL CHECK (kind IN ('enqueued', 'claimed', 'extended', 'succeeded',
                                                   'failed', 'released', 'dead', 'retried',
                                                   'cancelled')),
  attempt     integer     NOT NULL CHECK (attempt >= 0),
  worker_id   text        CHECK (worker_id IS NULL OR length(worker_id) BETWEEN 1 AND 200),
  -- Set on claimed and extended lines only: the lease, from the database clock.
  lease_until timestamptz,
  -- When the job may be claimed next if this line is the head; NULL on lines that end or park the
  -- job (succeeded, cancelled, dead). For a claim it equals lease_until: takeover after expiry.
  ready_at    timestamptz,
  error       text,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (job_id, seq),
  CHECK ((kind IN ('claimed', 'extended')) = (lease_until IS NOT NULL)),
  CHECK ((kind IN ('succeeded', 'cancelled', 'dead')) = (ready_at IS NULL)),
  CHECK ((kind IN ('claimed', 'extended', 'succeeded')) <= (worker_id IS NOT NULL))
);

-- The claim sweeps these two indexes merged in (ready time, job id) order and skips lines that
-- already have a successor (job rows: jobs that have a line 0). Keyed on job_id + 0, not job_id:
-- with job_id as their second column they could serve "job_id = x" by scanning the whole index,
-- and when the statistics say the tables are empty the planner sees no difference between that and
-- a primary-key lookup (measured in the old layout: 880 jobs/s instead of 45,000).
CREATE INDEX job_ready_idx ON job (run_at, (job_id + 0));
CREATE INDEX job_status_ready_idx ON job_status (ready_at, (job_id + 0)) INCLUDE (seq)
  WHERE ready_at IS NOT NULL;
-- Finished jobs: per-key ordering and archival.
CREATE INDEX job_status_finished_idx ON job_status (job_id) INCLUDE (recorded_at)
  WHERE kind IN ('succeeded', 'cancelled');
-- The dead-letter list.
CREATE INDEX job_status_dead_idx ON job_status (job_id, seq) WHERE kind = 'dead';

-- Archive: finished jobs and all their lines, moved here by the archiver in one transaction.
-- Rows arrive roughly in job_id order and are looked up rarely (by job id), so BRIN indexes,
-- which cost next to nothing to maintain, replace B-trees; uniqueness holds by construction (a row
-- leaves the live tables, whose keys are unique, in the same statement that inserts it here).
CREATE TABLE job_archive (
  job_id      bigint      NOT NULL,
  job_type    text        NOT NULL,
  job_key     text,
  payload     jsonb       NOT NULL,
  run_at      timestamptz NOT NULL,
  enqueued_at timestamptz NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE job_status_archive (
  job_id      bigint      NOT NULL,
  seq         integer     NOT NULL,
  kind        text        NOT NULL,
  attempt     integer     NOT NULL,
  worker_id   text,
  lease_until timestamptz,
  ready_at    timestamptz,
  error       text,
  recorded_at timestamptz NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX job_archive_job_brin ON job_archive USING brin (job_id);
CREATE INDEX job_status_archive_job_brin ON job_status_archive USING brin (job_id);

-- Insert-only enforcement. UPDATE and TRUNCATE are always rejected. DELETE is rejected unless the
-- transaction has set fis_jobs.job_archiving = 'on' (SET LOCAL), which only the archiver does:
-- it is the single path by which rows leave the live tables (into the archive) or the archive
-- (retention purge by the host). This is a guard against mistakes, not a security boundary: a
-- role that may set the variable may delete; see the README for locking it down with privileges.
CREATE FUNCTION job_reject_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('fis_jobs.job_archiving', true) = 'on' THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'fis_jobs.% is insert-only: % rejected', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER job_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON job
  FOR EACH STATEMENT EXECUTE FUNCTION job_reject_change();
CREATE TRIGGER job_status_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON job_status
  FOR EACH STATEMENT EXECUTE FUNCTION job_reject_change();
CREATE TRIGGER job_archive_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE ON job_archive
  FOR EACH STATEMENT EXECUTE FUNCTION job_reject_change();
CREATE TRIGGER job_status_archive_insert_only BEFORE UPDATE OR DELETE OR TRUNCATE
  ON job_status_archive FOR EACH STATEMENT EXECUTE FUNCTION job_reject_change();
