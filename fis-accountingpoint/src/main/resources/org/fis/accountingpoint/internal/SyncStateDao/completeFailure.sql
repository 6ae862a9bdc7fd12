UPDATE fis_accountingpoint.sync_state s SET sync_started_at = NULL,
  claim_token = NULL, attempts = s.attempts + 1, last_error = u.e,
  last_error_at = :now, priority = 3, next_due_at = u.d::timestamptz
FROM unnest(:g::text[], :e::text[], :d::text[]) AS u(g, e, d)
WHERE s.gsrn = u.g AND s.claim_token = :token
