-- A new unit may widen the window or end a retention: the point is due at once, and a sync
-- running now (with the old window) leaves it due (the generation bump, as for an event).
INSERT INTO fis_accountingpoint.sync_state (gsrn, priority, next_due_at, created_at)
VALUES (:gsrn, 1, :now, :now)
ON CONFLICT (gsrn) DO UPDATE SET released_at = NULL,
  event_generation = sync_state.event_generation + 1,
  priority = CASE WHEN sync_state.last_synced_at IS NULL
    THEN LEAST(sync_state.priority, 1) ELSE sync_state.priority END,
  next_due_at = CASE WHEN sync_state.sync_started_at IS NULL
    THEN LEAST(sync_state.next_due_at, :now) ELSE sync_state.next_due_at END
