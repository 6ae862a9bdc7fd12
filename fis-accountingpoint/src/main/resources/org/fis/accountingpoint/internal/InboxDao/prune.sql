DELETE FROM fis_accountingpoint.event_inbox WHERE (gsrn, event_id) IN (
  SELECT gsrn, event_id FROM fis_accountingpoint.event_inbox
  WHERE received_at < :before ORDER BY received_at LIMIT :limit)
