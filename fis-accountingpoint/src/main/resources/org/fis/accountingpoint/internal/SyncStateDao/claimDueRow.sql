-- Claims one candidate of the background claim if it is still due and no live sync holds it. One
-- accounting point per statement (single-shard on Citus); a claim sends its candidates as one JDBC
-- batch of these, so a batch of claims costs one round trip, not one per candidate.
UPDATE fis_accountingpoint.sync_state s
SET sync_started_at = :now, claim_token = :token,
    claimed_generation = s.event_generation, next_due_at = :timeoutAt
WHERE s.gsrn = (SELECT gsrn FROM fis_accountingpoint.sync_state
                WHERE gsrn = :gsrn
                  AND released_at IS NULL AND next_due_at <= :now
                  AND (sync_started_at IS NULL OR sync_started_at <= :staleBefore)
                FOR UPDATE SKIP LOCKED)
