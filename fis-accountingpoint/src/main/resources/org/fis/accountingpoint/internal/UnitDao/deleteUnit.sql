DELETE FROM fis_accountingpoint.controllable_unit
WHERE gsrn = :gsrn AND controllable_unit_id = :id
