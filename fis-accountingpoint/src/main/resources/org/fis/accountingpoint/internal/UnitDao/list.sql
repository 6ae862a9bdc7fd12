SELECT controllable_unit_id FROM fis_accountingpoint.controllable_unit
WHERE gsrn = :gsrn ORDER BY controllable_unit_id LIMIT :limit
