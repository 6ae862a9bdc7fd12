-- The write path's common case in one round trip: new postings (kind POSTING, version 1) of one
-- ledger, whose operations are not recorded yet. Locks, checks and writes in one call, in the lock
-- order of prepare_submit (V3), so that both paths exclude each other and never deadlock:
--   1. advisory locks on the operations (keys sorted by the caller);
--   2. the ledger's shared advisory lock (class 19524): a period close waits for us;
--   3. the running-balance rows of the synchronous accounts, sorted by account id.
-- It writes nothing and returns NULL ids when the batch needs the general path: an operation is
-- already recorded (duplicate or conflict), an account is missing, of another ledger or currency,
-- a posting time is in a closed period, or a balance constraint would be broken. The caller then
-- runs the general path in the same transaction (the locks taken here are held and re-entrant).
--
-- The caller computes what does not depend on the locked state: the request hashes and the
-- canonical record texts without their leading posting id (record hash = SHA-256 of the posting
-- id's decimal text followed by that text, as Canonical.recordHash). Here: posting ids, record
-- hashes, constraint checks, chain links (SHA-256 of previous link, account id, int8 sequence
-- number and record hash, as Hashes.chain), running balances and balance tasks.
--
-- Arguments: postings by position 1..n; accounts sorted, without duplicates, by position 1..m;
-- entries (e_*) refer to a posting and an account by position; links (l_*: one per posting and
-- distinct account of its entries, in the order of first appearance) carry the posting's net
-- effect on the account.
--
-- Static SQL only, with generic plans: planned once per session, not per call.
CREATE FUNCTION fis_ledger.post_new(
  p_keys bigint[], p_ledger text, p_ops text[], p_op_times bigint[], p_post_times bigint[],
  p_recorded bigint, p_metadata text[], p_request_hashes bytea[], p_record_texts text[],
  p_accounts text[],
  e_post int[], e_acc int[], e_line int[], e_currency text[], e_debit numeric[], e_credit numeric[],
  l_post int[], l_acc int[], l_debit numeric[], l_credit numeric[],
  OUT posting_ids bigint[], OUT async_accounts text[])
LANGUAGE plpgsql
-- Generic plans, made once per session, must not depend on the statistics or the table sizes of
-- that moment (a plan made while the journal was small would scan it on every later call): every
-- lookup here is an index probe, so sequential and bitmap scans are off.
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
SET enable_bitmapscan = off
AS $$
DECLARE
  n int := cardinality(p_ops);
  m int := cardinality(p_accounts);
  found_n int;
  a_ledger text[];
  a_currency text[];
  a_mode text[];
  a_constraint text[];
  b_d numeric[];
  b_c numeric[];
  b_pd numeric[];
  b_pc numeric[];
  b_len bigint[];
  b_hash bytea[];
  b_changed boolean[];
  closed timestamptz;
  rh bytea[];
  i int;
  k int;
  before_x numeric;
  after_x numeric;
  c_acc text[] := '{}';
  c_seq bigint[] := '{}';
  c_post bigint[] := '{}';
  c_hash bytea[] := '{}';
  t_acc text[] := '{}';
  t_post bigint[] := '{}';
  t_d numeric[] := '{}';
  t_c numeric[] := '{}';
BEGIN
  PERFORM pg_advisory_xact_lock(x.k) FROM unnest(p_keys) WITH ORDINALITY AS x(k, o) ORDER BY x.o;

  IF EXISTS (SELECT 1 FROM unnest(p_ops) AS o(id)
               JOIN LATERAL (SELECT 1 FROM fis_ledger.posting x
                              WHERE x.ledger_id = p_ledger AND x.operation_id = o.id
                              LIMIT 1) e ON true) THEN
    RETURN;
  END IF;

  PERFORM pg_advisory_xact_lock_shared(19524, hashtext(p_ledger));

  SELECT count(a.account_id), array_agg(a.ledger_id ORDER BY u.o),
         array_agg(a.currency ORDER BY u.o), array_agg(a.balance_mode ORDER BY u.o),
         array_agg(a.balance_constraint ORDER BY u.o)
    INTO found_n, a_ledger, a_currency, a_mode, a_constraint
    FROM unnest(p_accounts) WITH ORDINALITY AS u(id, o)
    LEFT JOIN LATERAL (SELECT y.account_id, y.ledger_id, y.currency, y.balance_mode,
                              y.balance_constraint
                         FROM fis_ledger.account y WHERE y.account_id = u.id OFFSET 0) a ON true;
  IF found_n <> m THEN
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(e_acc, e_currency) AS e(a, c)
              WHERE a_ledger[e.a] <> p_ledger OR a_currency[e.a] <> e.c) THEN
    RETURN;
  END IF;

  SELECT max(pc.period_end) INTO closed FROM fis_ledger.period_close pc
   WHERE pc.ledger_id = p_ledger;
  IF closed IS NOT NULL AND EXISTS (
       SELECT 1 FROM unnest(p_post_times) AS t(us)
        WHERE timestamptz 'epoch' + t.us * interval '1 microsecond' < closed) THEN
    RETURN;
  END IF;

  -- Sorted by the database's order of account ids, as prepare_submit sorts them (the caller's
  -- order of p_accounts may differ); a probe per account, each locking its row as it goes.
  PERFORM 1 FROM (SELECT u.id FROM unnest(p_accounts) WITH ORDINALITY AS u(id, o)
                   WHERE a_mode[u.o] = 'SYNCHRONOUS' ORDER BY u.id) s
    JOIN LATERAL (SELECT 1 FROM fis_ledger.account_balance z
                   WHERE z.account_id = s.id FOR UPDATE OFFSET 0) b ON true;

  -- A fresh snapshot: the rows as their last writers committed them.
  SELECT array_agg(b.debits ORDER BY u.o), array_agg(b.credits ORDER BY u.o),
         array_agg(b.pending_debits ORDER BY u.o), array_agg(b.pending_credits ORDER BY u.o),
         array_agg(b.chain_length ORDER BY u.o), array_agg(b.chain_hash ORDER BY u.o),
         array_agg(false ORDER BY u.o)
    INTO b_d, b_c, b_pd, b_pc, b_len, b_hash, b_changed
    FROM unnest(p_accounts) WITH ORDINALITY AS u(id, o)
    LEFT JOIN LATERAL (SELECT z.debits, z.credits, z.pending_debits, z.pending_credits,
                         z.chain_length, z.chain_hash
                    FROM fis_ledger.account_balance z WHERE z.account_id = u.id OFFSET 0) b
      ON true;

  posting_ids := ARRAY(SELECT nextval('fis_ledger.posting_id_seq') FROM generate_series(1, n));
  rh := ARRAY(SELECT sha256(convert_to(x.id::text || x.t, 'UTF8'))
                FROM unnest(posting_ids, p_record_texts) WITH ORDINALITY AS x(id, t, o)
               ORDER BY x.o);

  FOR l IN 1 .. cardinality(l_post) LOOP
    i := l_acc[l];
    k := l_post[l];
    IF a_mode[i] = 'SYNCHRONOUS' THEN
      IF a_constraint[i] = 'DEBITS_MUST_NOT_EXCEED_CREDITS' THEN
        before_x := b_d[i] + b_pd[i] - b_c[i];
        after_x := before_x + l_debit[l] - l_credit[l];
      ELSIF a_constraint[i] = 'CREDITS_MUST_NOT_EXCEED_DEBITS' THEN
        before_x := b_c[i] + b_pc[i] - b_d[i];
        after_x := before_x + l_credit[l] - l_debit[l];
      ELSE
        before_x := 0;
        after_x := 0;
      END IF;
      IF after_x > 0 AND after_x > before_x THEN
        -- Insufficient funds: the general path says which posting and rejects only that one.
        posting_ids := NULL;
        RETURN;
      END IF;
      b_d[i] := b_d[i] + l_debit[l];
      b_c[i] := b_c[i] + l_credit[l];
      b_len[i] := b_len[i] + 1;
      b_hash[i] := sha256(coalesce(b_hash[i], '\x'::bytea) || convert_to(p_accounts[i], 'UTF8')
                          || int8send(b_len[i]) || rh[k]);
      b_changed[i] := true;
      c_acc := c_acc || p_accounts[i];
      c_seq := c_seq || b_len[i];
      c_post := c_post || posting_ids[k];
      c_hash := c_hash || b_hash[i];
    ELSE
      t_acc := t_acc || p_accounts[i];
      t_post := t_post || posting_ids[k];
      t_d := t_d || l_debit[l];
      t_c := t_c || l_credit[l];
    END IF;
  END LOOP;

  INSERT INTO fis_ledger.posting (ledger_id, posting_id, operation_id, version, kind,
                                  reference_operation_id, operation_time, posting_time,
                                  recorded_at, expires_at, metadata, request_hash, record_hash)
  SELECT p_ledger, x.id, x.op, 1, 'POSTING', NULL,
         timestamptz 'epoch' + x.ot * interval '1 microsecond',
         timestamptz 'epoch' + x.pt * interval '1 microsecond',
         timestamptz 'epoch' + p_recorded * interval '1 microsecond',
         NULL, x.md::jsonb, x.rq, x.rc
    FROM unnest(posting_ids, p_ops, p_op_times, p_post_times, p_metadata, p_request_hashes, rh)
      AS x(id, op, ot, pt, md, rq, rc);

  INSERT INTO fis_ledger.entry (account_id, posting_id, line_no, effect, currency, debit, credit,
                                posting_time, recorded_at)
  SELECT p_accounts[e.a], posting_ids[e.p], e.n, 'L', e.c, e.d, e.k,
         timestamptz 'epoch' + p_post_times[e.p] * interval '1 microsecond',
         timestamptz 'epoch' + p_recorded * interval '1 microsecond'
    FROM unnest(e_post, e_acc, e_line, e_currency, e_debit, e_credit) AS e(p, a, n, c, d, k);

  IF cardinality(c_acc) > 0 THEN
    INSERT INTO fis_ledger.account_chain (account_id, chain_seq, posting_id, chain_hash)
    SELECT x.a, x.s, x.p, x.h FROM unnest(c_acc, c_seq, c_post, c_hash) AS x(a, s, p, h);

    UPDATE fis_ledger.account_balance z
       SET debits = b_d[u.o], credits = b_c[u.o], chain_length = b_len[u.o],
           chain_hash = b_hash[u.o]
      FROM unnest(p_accounts) WITH ORDINALITY AS u(id, o)
     WHERE z.account_id = u.id AND b_changed[u.o];
  END IF;

  IF cardinality(t_acc) > 0 THEN
    INSERT INTO fis_ledger.balance_task (account_id, posting_id, debits, credits,
                                         pending_debits, pending_credits)
    SELECT x.a, x.p, x.d, x.c, 0, 0 FROM unnest(t_acc, t_post, t_d, t_c) AS x(a, p, d, c);
    async_accounts := ARRAY(SELECT DISTINCT x FROM unnest(t_acc) AS x ORDER BY x);
  END IF;
END
$$;
