-- A failing point keeps its backoff; one being synced stays due after that sync (generation).
UPDATE fis_accountingpoint.sync_state
SET event_generation = event_generation + 1,
  priority = CASE WHEN attempts > 0 THEN priority ELSE 0 END,
  next_due_at = CASE WHEN attempts > 0 OR sync_started_at IS NOT NULL
    THEN next_due_at ELSE LEAST(next_due_at, :now) END
WHERE gsrn = ANY(:gsrns)
