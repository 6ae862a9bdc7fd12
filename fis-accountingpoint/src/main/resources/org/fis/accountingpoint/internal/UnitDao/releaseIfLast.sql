UPDATE fis_accountingpoint.sync_state SET released_at = :now
WHERE gsrn = :gsrn
  AND NOT EXISTS (SELECT 1 FROM fis_accountingpoint.controllable_unit WHERE gsrn = :gsrn)
