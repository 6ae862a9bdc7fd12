INSERT INTO fis_accountingpoint.accounting_point (gsrn, latitude, longitude, created_at)
SELECT u.g, u.lat::numeric, u.lon::numeric, :now
FROM unnest(:g::text[], :lat::text[], :lon::text[]) AS u(g, lat, lon)
