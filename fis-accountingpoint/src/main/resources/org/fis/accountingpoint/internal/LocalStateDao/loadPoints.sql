SELECT gsrn, latitude, longitude FROM fis_accountingpoint.accounting_point
WHERE gsrn = ANY(:gsrns)
