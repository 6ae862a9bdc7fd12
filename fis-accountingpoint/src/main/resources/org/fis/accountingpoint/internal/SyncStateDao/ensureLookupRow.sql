-- A sync row for a looked-up accounting point without units: already released, so it is purged
-- after the retention unless a unit is registered. Re-released when it was released before.
INSERT INTO fis_accountingpoint.sync_state (gsrn, priority, next_due_at, released_at, created_at)
VALUES (:gsrn, 1, :now, :now, :now)
ON CONFLICT (gsrn) DO UPDATE SET released_at = EXCLUDED.released_at
WHERE sync_state.released_at IS NOT NULL
