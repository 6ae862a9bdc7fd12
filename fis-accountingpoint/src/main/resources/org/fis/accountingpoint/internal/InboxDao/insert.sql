INSERT INTO fis_accountingpoint.event_inbox (gsrn, event_id, occurred_at, received_at)
SELECT u.g, u.id, u.t::timestamptz, :now
FROM unnest(:g::text[], :id::text[], :t::text[]) AS u(g, id, t)
ON CONFLICT DO NOTHING RETURNING gsrn || '/' || event_id
