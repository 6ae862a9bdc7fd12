SELECT 1 FROM (SELECT pg_notify('fis_jobs', '')) n
