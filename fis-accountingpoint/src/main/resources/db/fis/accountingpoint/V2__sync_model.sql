-- fis-accountingpoint: the local model of accounting points, their history, sync bookkeeping,
-- controllable unit registrations (data minimisation) and the event inbox.
--
-- Time-dependent relations are half-open tstzranges [valid_from, valid_to) with no-overlap
-- exclusion constraints per accounting point. Those need btree_gist for the "gsrn WITH =" part.
-- btree_gist is a trusted contrib extension since PostgreSQL 13, so any role with CREATE on the
-- database can create it; the embedded PostgreSQL 17 binaries used by the tests ship it.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- One row per accounting point that is (or recently was) relevant: it has controllable units,
-- or it was looked up and its data is kept until the retention ends.
CREATE TABLE accounting_point (
  gsrn       text PRIMARY KEY CHECK (gsrn ~ '^[1-9][0-9]{17}$'),
  latitude   numeric CHECK (latitude BETWEEN -90 AND 90),
  longitude  numeric CHECK (longitude BETWEEN -180 AND 180),
  created_at timestamptz NOT NULL,
  CONSTRAINT accounting_point_location_complete CHECK ((latitude IS NULL) = (longitude IS NULL))
);
COMMENT ON TABLE accounting_point IS 'Accounting points (GSRN) with their location; relations hang off it';

-- A valid half-open range with a finite start.
CREATE FUNCTION valid_half_open(r tstzrange) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT NOT isempty(r) AND NOT lower_inf(r) AND lower_inc(r) AND NOT upper_inc(r) $$;

CREATE TABLE end_user (
  id          bigint GENERATED ALWAYS AS IDENTITY,
  gsrn        text NOT NULL REFERENCES accounting_point (gsrn) ON DELETE CASCADE,
  business_id text NOT NULL,
  entity_type text NOT NULL CHECK (entity_type IN ('person', 'organisation')),
  valid_range tstzrange NOT NULL CHECK (valid_half_open(valid_range)),
  PRIMARY KEY (gsrn, id),
  CONSTRAINT end_user_id_shape CHECK (
    (entity_type = 'person' AND business_id ~ '^[0-9]{11}$')
    OR (entity_type = 'organisation' AND business_id ~ '^[1-9][0-9]{8}$')),
  CONSTRAINT end_user_no_overlap EXCLUDE USING gist (gsrn WITH =, valid_range WITH &&)
);

CREATE TABLE energy_supplier (
  id          bigint GENERATED ALWAYS AS IDENTITY,
  gsrn        text NOT NULL REFERENCES accounting_point (gsrn) ON DELETE CASCADE,
  gln         text NOT NULL CHECK (gln ~ '^[1-9][0-9]{12}$'),
  valid_range tstzrange NOT NULL CHECK (valid_half_open(valid_range)),
  PRIMARY KEY (gsrn, id),
  CONSTRAINT energy_supplier_no_overlap EXCLUDE USING gist (gsrn WITH =, valid_range WITH &&)
);

CREATE TABLE metering_grid_area (
  id          bigint GENERATED ALWAYS AS IDENTITY,
  gsrn        text NOT NULL REFERENCES accounting_point (gsrn) ON DELETE CASCADE,
  eic         text NOT NULL CHECK (eic ~ '^[0-9]{2}Y[0-9A-Z-]{12}[0-9A-Z]$'),
  valid_range tstzrange NOT NULL CHECK (valid_half_open(valid_range)),
  PRIMARY KEY (gsrn, id),
  CONSTRAINT metering_grid_area_no_overlap EXCLUDE USING gist (gsrn WITH =, valid_range WITH &&)
);

CREATE TABLE energy_direction (
  id          bigint GENERATED ALWAYS AS IDENTITY,
  gsrn        text NOT NULL REFERENCES accounting_point (gsrn) ON DELETE CASCADE,
  direction   text NOT NULL CHECK (direction IN ('consumption', 'production', 'consumption+production')),
  valid_range tstzrange NOT NULL CHECK (valid_half_open(valid_range)),
  PRIMARY KEY (gsrn, id),
  CONSTRAINT energy_direction_no_overlap EXCLUDE USING gist (gsrn WITH =, valid_range WITH &&)
);

-- History: every replaced (updated or deleted) version of a row, written by triggers. Inserts
-- are not copied: the current row is the record. A no-op update writes nothing.
CREATE TABLE accounting_point_history (LIKE accounting_point);
CREATE TABLE end_user_history (LIKE end_user);
CREATE TABLE energy_supplier_history (LIKE energy_supplier);
CREATE TABLE metering_grid_area_history (LIKE metering_grid_area);
CREATE TABLE energy_direction_history (LIKE energy_direction);

ALTER TABLE accounting_point_history
  ADD COLUMN operation text NOT NULL CHECK (operation IN ('UPDATE', 'DELETE')),
  ADD COLUMN replaced_at timestamptz NOT NULL,
  ADD COLUMN history_id bigint GENERATED ALWAYS AS IDENTITY,
  ADD PRIMARY KEY (gsrn, history_id);
ALTER TABLE end_user_history
  ADD COLUMN operation text NOT NULL CHECK (operation IN ('UPDATE', 'DELETE')),
  ADD COLUMN replaced_at timestamptz NOT NULL,
  ADD COLUMN history_id bigint GENERATED ALWAYS AS IDENTITY,
  ADD PRIMARY KEY (gsrn, history_id);
ALTER TABLE energy_supplier_history
  ADD COLUMN operation text NOT NULL CHECK (operation IN ('UPDATE', 'DELETE')),
  ADD COLUMN replaced_at timestamptz NOT NULL,
  ADD COLUMN history_id bigint GENERATED ALWAYS AS IDENTITY,
  ADD PRIMARY KEY (gsrn, history_id);
ALTER TABLE metering_grid_area_history
  ADD COLUMN operation text NOT NULL CHECK (operation IN ('UPDATE', 'DELETE')),
  ADD COLUMN replaced_at timestamptz NOT NULL,
  ADD COLUMN history_id bigint GENERATED ALWAYS AS IDENTITY,
  ADD PRIMARY KEY (gsrn, history_id);
ALTER TABLE energy_direction_history
  ADD COLUMN operation text NOT NULL CHECK (operation IN ('UPDATE', 'DELETE')),
  ADD COLUMN replaced_at timestamptz NOT NULL,
  ADD COLUMN history_id bigint GENERATED ALWAYS AS IDENTITY,
  ADD PRIMARY KEY (gsrn, history_id);

-- The purge of personal data (DataRetention) sets fis_accountingpoint.purge = 'on' for its own
-- statements: then no history is written and history rows may be deleted. Otherwise history is
-- insert-only.
CREATE FUNCTION purging() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('fis_accountingpoint.purge', true), '') = 'on' $$;

CREATE FUNCTION record_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF fis_accountingpoint.purging() THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW THEN
    RETURN NULL;
  END IF;
  EXECUTE format('INSERT INTO %I.%I SELECT ($1).*, $2, transaction_timestamp()',
                 TG_TABLE_SCHEMA, TG_TABLE_NAME || '_history')
    USING OLD, TG_OP;
  RETURN NULL;
END $$;

CREATE FUNCTION history_is_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND fis_accountingpoint.purging() THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '%.% is insert-only: % rejected', TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END $$;

CREATE TRIGGER accounting_point_history AFTER UPDATE OR DELETE ON accounting_point
  FOR EACH ROW EXECUTE FUNCTION record_history();
CREATE TRIGGER end_user_history AFTER UPDATE OR DELETE ON end_user
  FOR EACH ROW EXECUTE FUNCTION record_history();
CREATE TRIGGER energy_supplier_history AFTER UPDATE OR DELETE ON energy_supplier
  FOR EACH ROW EXECUTE FUNCTION record_history();
CREATE TRIGGER metering_grid_area_history AFTER UPDATE OR DELETE ON metering_grid_area
  FOR EACH ROW EXECUTE FUNCTION record_history();
CREATE TRIGGER energy_direction_history AFTER UPDATE OR DELETE ON energy_direction
  FOR EACH ROW EXECUTE FUNCTION record_history();

CREATE TRIGGER insert_only BEFORE UPDATE OR DELETE ON accounting_point_history
  FOR EACH ROW EXECUTE FUNCTION history_is_insert_only();
CREATE TRIGGER insert_only BEFORE UPDATE OR DELETE ON end_user_history
  FOR EACH ROW EXECUTE FUNCTION history_is_insert_only();
CREATE TRIGGER insert_only BEFORE UPDATE OR DELETE ON energy_supplier_history
  FOR EACH ROW EXECUTE FUNCTION history_is_insert_only();
CREATE TRIGGER insert_only BEFORE UPDATE OR DELETE ON metering_grid_area_history
  FOR EACH ROW EXECUTE FUNCTION history_is_insert_only();
CREATE TRIGGER insert_only BEFORE UPDATE OR DELETE ON energy_direction_history
  FOR EACH ROW EXECUTE FUNCTION history_is_insert_only();

-- Sync bookkeeping, outside history. priority: 0 event pending, 1 never synced, 2 refresh,
-- 3 retry after failure (so failing rows never crowd out healthy ones).
CREATE TABLE sync_state (
  gsrn                text PRIMARY KEY CHECK (gsrn ~ '^[1-9][0-9]{17}$'),
  priority            smallint NOT NULL CHECK (priority BETWEEN 0 AND 3),
  next_due_at         timestamptz NOT NULL,
  sync_started_at     timestamptz,
  claim_token         bigint,
  claimed_generation  bigint,
  event_generation    bigint NOT NULL DEFAULT 0,
  last_synced_at      timestamptz,
  attempts            integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  last_error          text,
  last_error_at       timestamptz,
  released_at         timestamptz,
  created_at          timestamptz NOT NULL,
  CONSTRAINT sync_state_claim_complete CHECK ((sync_started_at IS NULL) = (claim_token IS NULL))
);
CREATE INDEX sync_state_due ON sync_state (priority, next_due_at) WHERE released_at IS NULL;
CREATE INDEX sync_state_released ON sync_state (released_at) WHERE released_at IS NOT NULL;
CREATE INDEX sync_state_failing ON sync_state (last_error_at) WHERE attempts > 0;
CREATE SEQUENCE sync_claim_token;
COMMENT ON TABLE sync_state IS 'Sync bookkeeping per accounting point; never copied to history';

-- The host's controllable units, registered through ControllableUnits: only accounting points
-- with at least one are synced.
CREATE TABLE controllable_unit (
  gsrn                 text NOT NULL CHECK (gsrn ~ '^[1-9][0-9]{17}$'),
  controllable_unit_id text NOT NULL CHECK (length(controllable_unit_id) BETWEEN 1 AND 200),
  sync_from            timestamptz NOT NULL,
  registered_at        timestamptz NOT NULL,
  PRIMARY KEY (gsrn, controllable_unit_id)
);

-- Thin events (event id, GSRN, time), accepted idempotently.
CREATE TABLE event_inbox (
  gsrn        text NOT NULL CHECK (gsrn ~ '^[1-9][0-9]{17}$'),
  event_id    text NOT NULL CHECK (length(event_id) BETWEEN 1 AND 200),
  occurred_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (gsrn, event_id)
);
CREATE INDEX event_inbox_received ON event_inbox (received_at);
