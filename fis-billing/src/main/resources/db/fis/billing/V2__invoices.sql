-- Issued invoices and credit notes, their calculations, items, VAT lines and archived input
-- snapshots: insert-only, enforced by triggers. Every key starts with issuer_id, the column a
-- distributed PostgreSQL (Citus) would shard these tables on; all tables are colocated by it.
-- Money is numeric(20,4): the issuer rejects amounts with more than 4 decimals.

CREATE TABLE invoice_counter (
  issuer_id     text   NOT NULL,
  year          int    NOT NULL,
  last_sequence bigint NOT NULL CHECK (last_sequence >= 0),
  PRIMARY KEY (issuer_id, year)
);
COMMENT ON TABLE invoice_counter IS
  'Gapless invoice numbers: the row is locked FOR UPDATE and advanced inside the issuing transaction, so a number exists only if its invoice committed';

CREATE TABLE invoice (
  issuer_id           text          NOT NULL,
  invoice_id          uuid          NOT NULL,
  year                int           NOT NULL,
  sequence            bigint        NOT NULL CHECK (sequence > 0),
  number              text          NOT NULL,
  kind                text          NOT NULL CHECK (kind IN ('INVOICE', 'CREDIT_NOTE')),
  network_user_id     text          NOT NULL,
  period_start        timestamptz   NOT NULL,
  period_end          timestamptz   NOT NULL,
  revision            int           NOT NULL CHECK (revision >= 0),
  credited_invoice_id uuid,
  credit_reason       text,
  issued_at           timestamptz   NOT NULL,
  currency            char(3)       NOT NULL,
  usage_total         numeric(20,4) NOT NULL,
  supply_total        numeric(20,4) NOT NULL,
  net_total           numeric(20,4) NOT NULL,
  vat_total           numeric(20,4) NOT NULL,
  gross_total         numeric(20,4) NOT NULL,
  warning_count       int           NOT NULL CHECK (warning_count >= 0),
  document            jsonb         NOT NULL,
  PRIMARY KEY (issuer_id, invoice_id),
  UNIQUE (issuer_id, year, sequence),
  UNIQUE (issuer_id, number),
  CHECK (period_end > period_start),
  CHECK ((kind = 'CREDIT_NOTE') = (credited_invoice_id IS NOT NULL)),
  CHECK ((kind = 'CREDIT_NOTE') = (credit_reason IS NOT NULL)),
  FOREIGN KEY (issuer_id, credited_invoice_id) REFERENCES invoice (issuer_id, invoice_id)
);
-- One invoice per network user, period and revision; a revision after each credit note.
CREATE UNIQUE INDEX invoice_once_per_period
  ON invoice (issuer_id, network_user_id, period_start, period_end, revision)
  WHERE kind = 'INVOICE';
-- An invoice is credited at most once.
CREATE UNIQUE INDEX invoice_credited_once
  ON invoice (issuer_id, credited_invoice_id)
  WHERE kind = 'CREDIT_NOTE';

CREATE TABLE calculation (
  issuer_id      text          NOT NULL,
  invoice_id     uuid          NOT NULL,
  calculation_no int           NOT NULL CHECK (calculation_no >= 0),
  location_id    text          NOT NULL,
  meter_id       text          NOT NULL,
  tariff_model   text          NOT NULL,
  billed_start   timestamptz   NOT NULL,
  billed_end     timestamptz   NOT NULL,
  usage_total    numeric(20,4) NOT NULL,
  supply_total   numeric(20,4) NOT NULL,
  total          numeric(20,4) NOT NULL,
  warnings       jsonb         NOT NULL,
  PRIMARY KEY (issuer_id, invoice_id, calculation_no),
  FOREIGN KEY (issuer_id, invoice_id) REFERENCES invoice (issuer_id, invoice_id)
);

CREATE TABLE calculation_item (
  issuer_id        text          NOT NULL,
  invoice_id       uuid          NOT NULL,
  calculation_no   int           NOT NULL,
  item_no          int           NOT NULL CHECK (item_no >= 0),
  kind             text          NOT NULL,
  part_start       timestamptz   NOT NULL,
  part_end         timestamptz   NOT NULL,
  quantity         numeric(30,12) NOT NULL,
  unit             text          NOT NULL,
  unit_price       numeric(30,12) NOT NULL,
  total            numeric(20,4) NOT NULL,
  vat_rate_percent numeric(7,4)  NOT NULL,
  catalogue_id     text          NOT NULL,
  basis            text          NOT NULL,
  PRIMARY KEY (issuer_id, invoice_id, calculation_no, item_no),
  FOREIGN KEY (issuer_id, invoice_id, calculation_no)
    REFERENCES calculation (issuer_id, invoice_id, calculation_no)
);

CREATE TABLE invoice_vat (
  issuer_id    text          NOT NULL,
  invoice_id   uuid          NOT NULL,
  rate_percent numeric(7,4)  NOT NULL,
  base         numeric(20,4) NOT NULL,
  vat          numeric(20,4) NOT NULL,
  PRIMARY KEY (issuer_id, invoice_id, rate_percent),
  FOREIGN KEY (issuer_id, invoice_id) REFERENCES invoice (issuer_id, invoice_id)
);

CREATE TABLE input_snapshot (
  issuer_id    text    NOT NULL,
  invoice_id   uuid    NOT NULL,
  snapshot_no  int     NOT NULL CHECK (snapshot_no >= 0),
  kind         text    NOT NULL,
  snapshot_key text    NOT NULL,
  content      jsonb   NOT NULL,
  PRIMARY KEY (issuer_id, invoice_id, snapshot_no),
  FOREIGN KEY (issuer_id, invoice_id) REFERENCES invoice (issuer_id, invoice_id)
);

CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fis_billing.%: issued documents are insert-only (% rejected); correct with a credit note',
    TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER invoice_insert_only BEFORE UPDATE OR DELETE ON invoice
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER invoice_no_truncate BEFORE TRUNCATE ON invoice
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER calculation_insert_only BEFORE UPDATE OR DELETE ON calculation
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER calculation_no_truncate BEFORE TRUNCATE ON calculation
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER calculation_item_insert_only BEFORE UPDATE OR DELETE ON calculation_item
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER calculation_item_no_truncate BEFORE TRUNCATE ON calculation_item
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER invoice_vat_insert_only BEFORE UPDATE OR DELETE ON invoice_vat
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER invoice_vat_no_truncate BEFORE TRUNCATE ON invoice_vat
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
CREATE TRIGGER input_snapshot_insert_only BEFORE UPDATE OR DELETE ON input_snapshot
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER input_snapshot_no_truncate BEFORE TRUNCATE ON input_snapshot
  FOR EACH STATEMENT EXECUTE FUNCTION reject_change();
