INSERT INTO fis_accountingpoint.controllable_unit
  (gsrn, controllable_unit_id, sync_from, registered_at)
VALUES (:gsrn, :id, :syncFrom, :now) ON CONFLICT DO NOTHING
