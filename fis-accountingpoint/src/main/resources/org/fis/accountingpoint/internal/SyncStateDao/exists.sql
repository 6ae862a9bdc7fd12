SELECT count(*) FROM fis_accountingpoint.sync_state WHERE gsrn = :gsrn
