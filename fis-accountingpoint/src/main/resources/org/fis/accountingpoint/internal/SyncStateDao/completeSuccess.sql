-- An event that arrived during the sync (generation bumped) keeps the row due at once.
UPDATE fis_accountingpoint.sync_state SET sync_started_at = NULL,
  claim_token = NULL, last_synced_at = :now, attempts = 0,
  last_error = NULL, last_error_at = NULL,
  priority = CASE WHEN event_generation > claimed_generation THEN 0 ELSE 2 END,
  next_due_at = CASE WHEN event_generation > claimed_generation
    THEN CAST(:now AS timestamptz) ELSE CAST(:nextDueAt AS timestamptz) END
WHERE gsrn = ANY(:gsrns) AND claim_token = :token
