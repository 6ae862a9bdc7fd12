-- The double-entry journal: ledgers, chart of accounts, postings and their entries, holds,
-- period close, asynchronous balance tasks and per-account hash chains.
--
-- Insert-only tables reject UPDATE, DELETE and TRUNCATE with a trigger. The only mutable table is
-- account_balance: a derived cache of running totals (one row per account) that can be rebuilt
-- from the entries, and whose row lock is the double-spend guard.

CREATE FUNCTION reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fis_ledger.% is insert-only: % rejected', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'FL001';
END
$$;

CREATE TABLE ledger (
  ledger_id   text        NOT NULL PRIMARY KEY CHECK (length(ledger_id) BETWEEN 1 AND 64),
  name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL
);

CREATE TABLE account (
  account_id          text        NOT NULL PRIMARY KEY CHECK (length(account_id) BETWEEN 1 AND 64),
  ledger_id           text        NOT NULL REFERENCES ledger,
  parent_id           text        NULL REFERENCES account,
  depth               int         NOT NULL CHECK (depth BETWEEN 0 AND 15),
  name                text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  account_type        text        NOT NULL CHECK (account_type IN ('ASSET','LIABILITY','EQUITY','INCOME','EXPENSE')),
  currency            text        NOT NULL CHECK (currency ~ '^[A-Z0-9]{3,12}$'),
  balance_mode        text        NOT NULL CHECK (balance_mode IN ('SYNCHRONOUS','ASYNCHRONOUS')),
  balance_constraint  text        NOT NULL CHECK (balance_constraint IN
                        ('NONE','DEBITS_MUST_NOT_EXCEED_CREDITS','CREDITS_MUST_NOT_EXCEED_DEBITS')),
  created_at          timestamptz NOT NULL,
  CHECK (balance_constraint = 'NONE' OR balance_mode = 'SYNCHRONOUS')
);
CREATE INDEX account_ledger_idx ON account (ledger_id, account_id);
CREATE INDEX account_parent_idx ON account (parent_id) WHERE parent_id IS NOT NULL;

-- Foreign keys: the hot-path tables (posting, entry, account_chain, balance_task) carry none.
-- Their parents (ledger, account, posting) are insert-only, so a reference can never dangle by a
-- delete, and the ledger validates every reference before it writes; a foreign key would only add
-- a key-share row lock on the same few hot parent rows for every inserted row.

-- Derived, mutable: running totals and the head of the account's hash chain.
CREATE TABLE account_balance (
  account_id       text          NOT NULL PRIMARY KEY REFERENCES account,
  debits           numeric(38,9) NOT NULL DEFAULT 0,
  credits          numeric(38,9) NOT NULL DEFAULT 0,
  pending_debits   numeric(38,9) NOT NULL DEFAULT 0,
  pending_credits  numeric(38,9) NOT NULL DEFAULT 0,
  chain_length     bigint        NOT NULL DEFAULT 0,
  chain_hash       bytea         NULL
-- Every posting rewrites the rows it touches: free space on each page keeps those updates HOT
-- (no index insert, the old version pruned in place) instead of moving rows to new pages.
) WITH (fillfactor = 50);

CREATE SEQUENCE posting_id_seq CACHE 1;

CREATE TABLE posting (
  ledger_id               text        NOT NULL,
  posting_id              bigint      NOT NULL,
  operation_id            text        NOT NULL CHECK (length(operation_id) BETWEEN 1 AND 160),
  version                 int         NOT NULL CHECK (version >= 1),
  kind                    text        NOT NULL CHECK (kind IN
                            ('POSTING','REVERSAL','HOLD','CAPTURE','VOID','EXPIRY')),
  reference_operation_id  text        NULL,
  operation_time          timestamptz NOT NULL,
  posting_time            timestamptz NOT NULL,
  recorded_at             timestamptz NOT NULL,
  expires_at              timestamptz NULL,
  metadata                jsonb       NOT NULL,
  request_hash            bytea       NOT NULL,
  record_hash             bytea       NOT NULL,
  PRIMARY KEY (posting_id),
  UNIQUE (ledger_id, operation_id, version)
);
CREATE INDEX posting_reference_idx ON posting (ledger_id, reference_operation_id)
  WHERE reference_operation_id IS NOT NULL;
CREATE INDEX posting_open_hold_idx ON posting (ledger_id, expires_at) WHERE kind = 'HOLD';

-- effect: L = a line of the posting (posted layer), C = cancellation of a superseded version's
-- line (posted layer), H = a held line (pending layer), R = release of a held line (pending layer).
CREATE TABLE entry (
  account_id    text          NOT NULL,
  posting_id    bigint        NOT NULL,
  line_no       int           NOT NULL CHECK (line_no >= 1),
  effect        char(1)       NOT NULL CHECK (effect IN ('L','C','H','R')),
  currency      text          NOT NULL,
  debit         numeric(38,9) NOT NULL,
  credit        numeric(38,9) NOT NULL,
  posting_time  timestamptz   NOT NULL,
  recorded_at   timestamptz   NOT NULL,
  PRIMARY KEY (account_id, posting_id, line_no)
);
CREATE INDEX entry_posting_idx ON entry (posting_id);
CREATE INDEX entry_account_time_idx ON entry (account_id, posting_time);

-- At most one capture, void or expiry per hold.
CREATE TABLE hold_resolution (
  hold_posting_id       bigint NOT NULL PRIMARY KEY REFERENCES posting,
  resolving_posting_id  bigint NOT NULL REFERENCES posting
);

-- At most one reversal per operation.
CREATE TABLE reversal (
  ledger_id              text   NOT NULL,
  reversed_operation_id  text   NOT NULL,
  reversing_posting_id   bigint NOT NULL REFERENCES posting,
  PRIMARY KEY (ledger_id, reversed_operation_id)
);

CREATE TABLE period_close (
  ledger_id   text        NOT NULL REFERENCES ledger,
  period_end  timestamptz NOT NULL,
  closed_at   timestamptz NOT NULL,
  PRIMARY KEY (ledger_id, period_end)
);

CREATE TABLE closing_balance (
  ledger_id        text          NOT NULL,
  period_end       timestamptz   NOT NULL,
  account_id       text          NOT NULL REFERENCES account,
  debits           numeric(38,9) NOT NULL,
  credits          numeric(38,9) NOT NULL,
  pending_debits   numeric(38,9) NOT NULL,
  pending_credits  numeric(38,9) NOT NULL,
  PRIMARY KEY (ledger_id, period_end, account_id),
  FOREIGN KEY (ledger_id, period_end) REFERENCES period_close
);

-- Asynchronous balances: one task per (account, posting), applied later by the job handler or
-- by a consistent read; applying inserts a row into balance_task_applied.
CREATE SEQUENCE balance_task_id_seq CACHE 1;
CREATE TABLE balance_task (
  account_id       text          NOT NULL,
  task_id          bigint        NOT NULL DEFAULT nextval('balance_task_id_seq'),
  posting_id       bigint        NOT NULL,
  debits           numeric(38,9) NOT NULL,
  credits          numeric(38,9) NOT NULL,
  pending_debits   numeric(38,9) NOT NULL,
  pending_credits  numeric(38,9) NOT NULL,
  PRIMARY KEY (account_id, task_id)
);
CREATE TABLE balance_task_applied (
  account_id  text   NOT NULL,
  task_id     bigint NOT NULL,
  PRIMARY KEY (account_id, task_id),
  FOREIGN KEY (account_id, task_id) REFERENCES balance_task
);

-- Per-account hash chain: link n of an account hashes link n-1 with the posting's record hash.
CREATE TABLE account_chain (
  account_id   text   NOT NULL,
  chain_seq    bigint NOT NULL CHECK (chain_seq >= 1),
  posting_id   bigint NOT NULL,
  chain_hash   bytea  NOT NULL,
  PRIMARY KEY (account_id, chain_seq)
);

CREATE TRIGGER ledger_insert_only BEFORE UPDATE OR DELETE ON ledger
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER account_insert_only BEFORE UPDATE OR DELETE ON account
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER posting_insert_only BEFORE UPDATE OR DELETE ON posting
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER entry_insert_only BEFORE UPDATE OR DELETE ON entry
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER hold_resolution_insert_only BEFORE UPDATE OR DELETE ON hold_resolution
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER reversal_insert_only BEFORE UPDATE OR DELETE ON reversal
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER period_close_insert_only BEFORE UPDATE OR DELETE ON period_close
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER closing_balance_insert_only BEFORE UPDATE OR DELETE ON closing_balance
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER balance_task_insert_only BEFORE UPDATE OR DELETE ON balance_task
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER balance_task_applied_insert_only BEFORE UPDATE OR DELETE ON balance_task_applied
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER account_chain_insert_only BEFORE UPDATE OR DELETE ON account_chain
  FOR EACH ROW EXECUTE FUNCTION reject_change();

CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON ledger
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER account_no_truncate BEFORE TRUNCATE ON account
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER posting_no_truncate BEFORE TRUNCATE ON posting
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER entry_no_truncate BEFORE TRUNCATE ON entry
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER account_chain_no_truncate BEFORE TRUNCATE ON account_chain
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER period_close_no_truncate BEFORE TRUNCATE ON period_close
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
