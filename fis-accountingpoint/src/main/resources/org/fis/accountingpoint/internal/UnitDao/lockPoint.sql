SELECT gsrn FROM fis_accountingpoint.sync_state WHERE gsrn = :gsrn FOR UPDATE
