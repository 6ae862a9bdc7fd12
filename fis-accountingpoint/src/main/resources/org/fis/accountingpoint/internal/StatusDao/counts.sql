SELECT count(*) FILTER (WHERE released_at IS NULL) AS tracked,
  count(*) FILTER (WHERE released_at IS NULL AND last_synced_at IS NULL) AS never_synced,
  count(*) FILTER (WHERE released_at IS NULL AND next_due_at <= :now
    AND (sync_started_at IS NULL OR sync_started_at <= :staleBefore)) AS due,
  count(*) FILTER (WHERE sync_started_at > :staleBefore) AS in_progress,
  count(*) FILTER (WHERE sync_started_at <= :staleBefore) AS dead,
  count(*) FILTER (WHERE attempts > 0) AS failing
FROM fis_accountingpoint.sync_state
