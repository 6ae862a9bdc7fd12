-- A job is ready from its own row: enqueue no longer writes an 'enqueued' line 0. The claim scans
-- this index next to job_status_ready_idx and writes line 0 of a job that has no line yet (as the
-- successor of a virtual line -1), so the primary key (job_id, seq) still makes the claim exclusive.
-- One row fewer per job to write, scan, archive and vacuum. Lines 0 'enqueued' written before this
-- migration stay valid: such a job is claimed from that line, and its row here is closed because
-- line 0 exists.
CREATE INDEX job_ready_idx ON fis_ledger.job (run_at, job_id);
