UPDATE fis_accountingpoint.accounting_point a
SET latitude = u.lat::numeric, longitude = u.lon::numeric
FROM unnest(:g::text[], :lat::text[], :lon::text[]) AS u(g, lat, lon)
WHERE a.gsrn = u.g
