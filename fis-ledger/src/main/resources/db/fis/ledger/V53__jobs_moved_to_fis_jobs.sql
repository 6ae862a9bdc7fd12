-- The job processor moved to its own module, fis-jobs (schema fis_jobs, migrations under
-- db/fis/jobs, JobsMigrations). The suite is pre-release, so no job is carried over: the tables
-- V50-V52 created here are dropped with whatever they hold. V50-V52 stay in place unchanged so that
-- existing histories still validate.
DROP TABLE fis_ledger.job_status_archive;
DROP TABLE fis_ledger.job_archive;
DROP TABLE fis_ledger.job_status;
DROP TABLE fis_ledger.job;
DROP FUNCTION fis_ledger.job_reject_change();
