UPDATE fis_accountingpoint.sync_state SET sync_started_at = NULL, claim_token = NULL,
  next_due_at = :now
WHERE gsrn = ANY(:gsrns) AND claim_token = :token
