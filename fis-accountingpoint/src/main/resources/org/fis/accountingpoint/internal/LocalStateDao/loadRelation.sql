-- One relation's part of the load; <rel>, <value> and <table> are fixed per relation when the DAO
-- loads, and the parts are joined with UNION ALL once.
SELECT <rel> AS rel, gsrn, id, <value> AS v, lower(valid_range) AS f, upper(valid_range) AS t
FROM fis_accountingpoint.<table> WHERE gsrn = ANY(:gsrns)
