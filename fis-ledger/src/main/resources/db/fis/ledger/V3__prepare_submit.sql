-- The read side of Ledger.submit in one round trip. In this order, so that concurrent calls
-- never deadlock:
--   1. advisory locks on the operations involved (keys sorted by the caller);
--   2. a shared advisory lock (class 19524, key hashtext(ledger_id)) on the ledgers of the accounts
--      involved: a period close takes it exclusively, so it waits for in-flight postings and holds
--      new ones back. An advisory lock lives in memory only; a key-share row lock on the ledger
--      row would write that one hot row (and WAL) for every posting;
--   3. the running-balance rows of the synchronous accounts involved, sorted by account id;
-- then, with fresh snapshots (each statement of a PL/pgSQL function takes one under READ
-- COMMITTED), it returns what the caller needs to plan the batch:
--   'N' rows: reserved posting ids;   'E' rows: ids of postings already recorded for the
--   operations;   'A' rows: the accounts (with their ledger's close and, for synchronous
--   accounts, the locked running balance).
-- The accounts include those of the entries of already recorded postings (for supersession,
-- reversal and holds).
CREATE FUNCTION fis_ledger.prepare_submit(
  lock_keys bigint[], id_count int, op_ledgers text[], op_ids text[], account_ids text[])
RETURNS TABLE (
  kind char(1), posting_id bigint, account_id text, ledger_id text, currency text,
  balance_mode text, balance_constraint text, closed timestamptz, debits numeric,
  credits numeric, pending_debits numeric, pending_credits numeric, chain_length bigint,
  chain_hash bytea)
LANGUAGE plpgsql AS $$
-- Performance: every lookup is an index probe per element of the arrays (a join with unnest, or a
-- LATERAL subquery fenced with OFFSET 0 so that stale statistics cannot turn it into a scan of the
-- whole journal); never "column = ANY(array)" over a table, which compares every row of the table
-- with every element of the array.
DECLARE
  existing bigint[];
  accounts text[] := account_ids;
BEGIN
  PERFORM pg_advisory_xact_lock(k) FROM unnest(lock_keys) WITH ORDINALITY AS t(k, n) ORDER BY n;

  existing := ARRAY(
    SELECT p.posting_id
      FROM unnest(op_ledgers, op_ids) AS o(l, i)
      JOIN LATERAL (SELECT x.posting_id FROM fis_ledger.posting x
                     WHERE x.ledger_id = o.l AND x.operation_id = o.i OFFSET 0) p ON true);

  IF cardinality(existing) > 0 THEN
    accounts := ARRAY(
      SELECT unnest(account_ids)
      UNION
      SELECT e.account_id
        FROM unnest(existing) AS x(id)
        JOIN LATERAL (SELECT y.account_id FROM fis_ledger.entry y
                       WHERE y.posting_id = x.id OFFSET 0) e ON true);
  END IF;

  PERFORM pg_advisory_xact_lock_shared(19524, hashtext(x.ledger_id))
    FROM (SELECT DISTINCT a.ledger_id
            FROM unnest(accounts) AS u(id)
            JOIN fis_ledger.account a ON a.account_id = u.id
           ORDER BY a.ledger_id) x;

  PERFORM 1 FROM fis_ledger.account_balance b
    WHERE b.account_id IN (SELECT a.account_id
                             FROM unnest(accounts) AS u(id)
                             JOIN fis_ledger.account a ON a.account_id = u.id
                            WHERE a.balance_mode = 'SYNCHRONOUS')
    ORDER BY b.account_id FOR UPDATE;

  RETURN QUERY
    SELECT 'N'::char(1), nextval('fis_ledger.posting_id_seq'), NULL::text, NULL::text,
           NULL::text, NULL::text, NULL::text, NULL::timestamptz, NULL::numeric,
           NULL::numeric, NULL::numeric, NULL::numeric, NULL::bigint, NULL::bytea
      FROM generate_series(1, id_count);

  RETURN QUERY
    SELECT 'E'::char(1), x, NULL::text, NULL::text, NULL::text, NULL::text, NULL::text,
           NULL::timestamptz, NULL::numeric, NULL::numeric, NULL::numeric, NULL::numeric,
           NULL::bigint, NULL::bytea
      FROM unnest(existing) AS x;

  RETURN QUERY
    SELECT 'A'::char(1), NULL::bigint, a.account_id, a.ledger_id, a.currency, a.balance_mode,
           a.balance_constraint,
           (SELECT max(pc.period_end) FROM fis_ledger.period_close pc
             WHERE pc.ledger_id = a.ledger_id),
           b.debits, b.credits, b.pending_debits, b.pending_credits, b.chain_length,
           b.chain_hash
      FROM unnest(accounts) AS u(id)
      JOIN fis_ledger.account a ON a.account_id = u.id
      JOIN fis_ledger.account_balance b ON b.account_id = a.account_id;
END
$$;
