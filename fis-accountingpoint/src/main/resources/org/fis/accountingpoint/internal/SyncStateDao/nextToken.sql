SELECT nextval('fis_accountingpoint.sync_claim_token')
