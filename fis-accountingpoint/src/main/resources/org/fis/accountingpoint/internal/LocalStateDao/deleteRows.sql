DELETE FROM fis_accountingpoint.<table> r
USING unnest(:g::text[], :id::bigint[]) AS u(g, id)
WHERE r.gsrn = u.g AND r.id = u.id
