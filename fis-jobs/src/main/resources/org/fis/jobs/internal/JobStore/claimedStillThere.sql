SELECT count(*) FROM fis_jobs.job j WHERE j.job_id = ANY (CAST(:ids AS bigint[]))
