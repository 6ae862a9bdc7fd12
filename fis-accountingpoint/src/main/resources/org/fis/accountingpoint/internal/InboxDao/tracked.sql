SELECT gsrn FROM fis_accountingpoint.sync_state
WHERE gsrn = ANY(:gsrns) AND released_at IS NULL
