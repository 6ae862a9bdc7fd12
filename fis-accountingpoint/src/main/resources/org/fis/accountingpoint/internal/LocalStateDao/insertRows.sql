INSERT INTO fis_accountingpoint.<table> (gsrn, <columns>, valid_range)
SELECT u.g, <values>, tstzrange(u.f::timestamptz, u.t::timestamptz, '[)')
FROM unnest(:g::text[], :v::text[], :f::text[], :t::text[]) AS u(g, v, f, t)
