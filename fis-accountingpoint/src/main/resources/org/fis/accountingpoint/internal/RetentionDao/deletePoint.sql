-- One accounting point's rows of one table; <table> is fixed per statement when the DAO loads.
DELETE FROM fis_accountingpoint.<table> WHERE gsrn = :gsrn
