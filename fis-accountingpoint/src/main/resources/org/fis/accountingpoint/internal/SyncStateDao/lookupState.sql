SELECT s.last_synced_at,
  (SELECT min(c.sync_from) FROM fis_accountingpoint.controllable_unit c
   WHERE c.gsrn = s.gsrn) AS window_from
FROM fis_accountingpoint.sync_state s WHERE s.gsrn = :gsrn
