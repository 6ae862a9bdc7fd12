SELECT 1 FROM (SELECT pg_advisory_xact_lock(:lockClass, 0)) l
