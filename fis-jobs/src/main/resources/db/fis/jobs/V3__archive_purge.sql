-- The archive purge (JobProcessorConfig.Archive#purgeAfter) picks archived jobs older than the
-- setting. Rows arrive in archived_at order, so a BRIN index finds them for next to nothing.
CREATE INDEX job_archive_archived_brin ON job_archive USING brin (archived_at);
