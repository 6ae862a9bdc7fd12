DELETE FROM fis_jobs.schedule WHERE schedule_name = :name
