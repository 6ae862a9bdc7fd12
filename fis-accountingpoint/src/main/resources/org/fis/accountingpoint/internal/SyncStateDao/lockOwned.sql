SELECT gsrn FROM fis_accountingpoint.sync_state
WHERE gsrn = ANY(:gsrns) AND claim_token = :token
ORDER BY gsrn FOR UPDATE
