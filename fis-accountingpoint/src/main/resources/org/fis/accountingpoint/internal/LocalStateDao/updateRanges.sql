UPDATE fis_accountingpoint.<table> r
SET valid_range = tstzrange(u.f::timestamptz, u.t::timestamptz, '[)')
FROM unnest(:g::text[], :id::bigint[], :f::text[], :t::text[]) AS u(g, id, f, t)
WHERE r.gsrn = u.g AND r.id = u.id
