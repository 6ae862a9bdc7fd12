SET LOCAL fis_jobs.job_archiving = 'on'
