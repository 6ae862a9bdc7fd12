-- Claims one candidate of the background claim if it is still due and no live sync holds it.
UPDATE fis_accountingpoint.sync_state s
SET sync_started_at = :now, claim_token = :token,
    claimed_generation = s.event_generation, next_due_at = :timeoutAt
WHERE s.gsrn = (SELECT gsrn FROM fis_accountingpoint.sync_state
                WHERE gsrn = :gsrn
                  AND released_at IS NULL AND next_due_at <= :now
                  AND (sync_started_at IS NULL OR sync_started_at <= :staleBefore)
                FOR UPDATE SKIP LOCKED)
RETURNING s.gsrn, s.attempts,
  (SELECT min(c.sync_from) FROM fis_accountingpoint.controllable_unit c
   WHERE c.gsrn = s.gsrn) AS window_from
