-- The pending asynchronous balance tasks, so that applying them costs what is pending, not what
-- was ever applied. The lookup it replaces (balance_task rows of the account without a
-- balance_task_applied row) read every task the account ever had: the drain fell from about
-- 40,000 to about 240 tasks/s as an account's history grew.
--
-- Derived and mutable, like account_balance: a row per task that has no applied row yet, written
-- by a statement trigger on balance_task (so every writer of tasks fills it, in the inserting
-- transaction) and deleted by the application of the task, in the same statement that inserts the
-- task's balance_task_applied row, under the account's running-balance row lock. It can be rebuilt
-- from balance_task and balance_task_applied (as below).
--
-- A watermark on account_balance ("every task up to id n is applied") would not do: task ids come
-- from a sequence before the writer commits, so a smaller id can commit after a larger one was
-- applied.
CREATE TABLE fis_ledger.balance_task_pending (
  account_id  text   NOT NULL,
  task_id     bigint NOT NULL,
  PRIMARY KEY (account_id, task_id)
-- Rows are inserted and deleted, never updated: the default fill is right.
);

INSERT INTO fis_ledger.balance_task_pending (account_id, task_id)
  SELECT t.account_id, t.task_id FROM fis_ledger.balance_task t
   WHERE NOT EXISTS (SELECT 1 FROM fis_ledger.balance_task_applied a
                      WHERE a.account_id = t.account_id AND a.task_id = t.task_id);

CREATE FUNCTION fis_ledger.balance_task_pending_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO fis_ledger.balance_task_pending (account_id, task_id)
    SELECT n.account_id, n.task_id FROM new_tasks n;
  RETURN NULL;
END
$$;

CREATE TRIGGER balance_task_pending_insert AFTER INSERT ON fis_ledger.balance_task
  REFERENCING NEW TABLE AS new_tasks
  FOR EACH STATEMENT EXECUTE FUNCTION fis_ledger.balance_task_pending_insert();

-- The drain's two statements. Rows are deleted from balance_task_pending as fast as they arrive,
-- so its statistics are always wrong (empty, or a burst ago) and its heap holds dead rows until
-- vacuum: a sequential scan of it reads every task applied since. Both functions therefore plan
-- without sequential and bitmap scans (a bitmap scan never marks dead index entries, so it would
-- visit them again on every call); their plans are cached per session.

-- The first pending tasks of an account, each with its amounts and its posting's record hash.
CREATE FUNCTION fis_ledger.pending_tasks(p_account text, p_limit int)
RETURNS TABLE (task_id bigint, posting_id bigint, record_hash bytea, debits numeric,
               credits numeric, pending_debits numeric, pending_credits numeric)
LANGUAGE plpgsql STABLE
SET enable_seqscan = off
SET enable_bitmapscan = off
AS $$
BEGIN
  RETURN QUERY
    SELECT q.task_id, t.posting_id, p.record_hash, t.debits, t.credits, t.pending_debits,
           t.pending_credits
      FROM (SELECT w.task_id FROM fis_ledger.balance_task_pending w
             WHERE w.account_id = p_account ORDER BY w.task_id LIMIT p_limit) q
      JOIN LATERAL (SELECT x.posting_id, x.debits, x.credits, x.pending_debits,
                           x.pending_credits FROM fis_ledger.balance_task x
                     WHERE x.account_id = p_account AND x.task_id = q.task_id OFFSET 0) t ON true
      JOIN LATERAL (SELECT y.record_hash FROM fis_ledger.posting y
                     WHERE y.posting_id = t.posting_id OFFSET 0) p ON true
     ORDER BY q.task_id;
END
$$;

-- Applies a round of an account's tasks (under its running-balance row lock, taken by the
-- caller): they leave the pending set and are recorded as applied, the account's chain grows by
-- their links and its running balance becomes the given one. Returns how many were pending.
CREATE FUNCTION fis_ledger.apply_tasks(
  p_account text, p_tasks bigint[], p_seqs bigint[], p_postings bigint[], p_hashes bytea[],
  p_debits numeric, p_credits numeric, p_pending_debits numeric, p_pending_credits numeric,
  p_chain_length bigint, p_chain_hash bytea)
RETURNS int
LANGUAGE plpgsql
SET enable_seqscan = off
SET enable_bitmapscan = off
AS $$
DECLARE
  done int;
BEGIN
  WITH gone AS (
    DELETE FROM fis_ledger.balance_task_pending w
     WHERE w.account_id = p_account AND w.task_id = ANY(p_tasks)
    RETURNING w.task_id)
  INSERT INTO fis_ledger.balance_task_applied (account_id, task_id)
    SELECT p_account, g.task_id FROM gone g;
  GET DIAGNOSTICS done = ROW_COUNT;
  INSERT INTO fis_ledger.account_chain (account_id, chain_seq, posting_id, chain_hash)
    SELECT p_account, x.s, x.p, x.h FROM unnest(p_seqs, p_postings, p_hashes) AS x(s, p, h);
  UPDATE fis_ledger.account_balance
     SET debits = p_debits, credits = p_credits, pending_debits = p_pending_debits,
         pending_credits = p_pending_credits, chain_length = p_chain_length,
         chain_hash = p_chain_hash
   WHERE account_id = p_account;
  RETURN done;
END
$$;

ANALYZE fis_ledger.balance_task_pending;
