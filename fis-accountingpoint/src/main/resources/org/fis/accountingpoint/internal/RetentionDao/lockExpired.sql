SELECT s.gsrn FROM fis_accountingpoint.sync_state s
WHERE s.gsrn = :gsrn AND s.released_at IS NOT NULL AND s.released_at <= :cutoff
  AND NOT EXISTS (SELECT 1 FROM fis_accountingpoint.controllable_unit c WHERE c.gsrn = s.gsrn)
FOR UPDATE SKIP LOCKED
