-- Devices, their keys and their configuration history.
CREATE TABLE device (
  device_id        text        PRIMARY KEY,
  created_at       timestamptz NOT NULL,
  inactivity_seconds bigint    NOT NULL CHECK (inactivity_seconds > 0),
  last_seen_at     timestamptz
);
COMMENT ON TABLE device IS 'A gateway device that pushes measurements and polls its configuration; last_seen_at is the only mutable column';

-- Secrets are stored only as salted PBKDF2 hashes. At most two keys are valid at a time (rotation).
CREATE TABLE device_key (
  device_id    text        NOT NULL REFERENCES device (device_id),
  key_id       text        NOT NULL,
  salt         bytea       NOT NULL,
  hash         bytea       NOT NULL,
  iterations   integer     NOT NULL CHECK (iterations > 0),
  valid_from   timestamptz NOT NULL,
  revoked_at   timestamptz,
  PRIMARY KEY (device_id, key_id)
);

-- Every configuration a device ever had, insert-only; the current one has the highest version.
CREATE TABLE device_config (
  device_id    text        NOT NULL REFERENCES device (device_id),
  version      integer     NOT NULL CHECK (version > 0),
  config       jsonb       NOT NULL,
  valid_from   timestamptz NOT NULL,
  PRIMARY KEY (device_id, version)
);

-- The meters of the current configurations: which device may push a meter, its model and limits.
CREATE TABLE meter (
  meter_id     text        PRIMARY KEY,
  device_id    text        NOT NULL REFERENCES device (device_id),
  model        text        NOT NULL,
  limits       jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX meter_device ON meter (device_id);

-- A register layout: the names and kinds of the values a row's arrays hold, so rows stay
-- self-describing when meter models change.
CREATE TABLE register_layout (
  layout_id    integer     GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  registers    text[]      NOT NULL,
  kinds        text[]      NOT NULL,
  UNIQUE (registers, kinds)
);

-- Raw measurements: insert-only, exact (values in milli-units as bigint, NULL = not sent),
-- partitioned by UTC month (partitions created on demand by ensure_raw_partition).
CREATE TABLE raw_measurement (
  meter_id      text        NOT NULL,
  reading_time  timestamptz NOT NULL,
  layout_id     integer     NOT NULL,
  values_milli  bigint[]    NOT NULL,
  device_id     text        NOT NULL,
  received_at   timestamptz NOT NULL,
  PRIMARY KEY (meter_id, reading_time)
) PARTITION BY RANGE (reading_time);

CREATE FUNCTION reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fis_iot.%: rows are insert-only (% rejected)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER raw_measurement_insert_only BEFORE UPDATE OR DELETE ON raw_measurement
  FOR EACH ROW EXECUTE FUNCTION reject_change();
CREATE TRIGGER device_config_insert_only BEFORE UPDATE OR DELETE ON device_config
  FOR EACH ROW EXECUTE FUNCTION reject_change();

-- Creates the month partition of raw_measurement that holds the given instant, if missing.
-- Safe under concurrency: a concurrent creation of the same partition is ignored.
CREATE FUNCTION ensure_raw_partition(at_time timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  month_start timestamptz := date_trunc('month', at_time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  name text := 'raw_measurement_' || to_char(at_time AT TIME ZONE 'UTC', 'YYYY"m"MM');
BEGIN
  IF to_regclass('fis_iot.' || name) IS NOT NULL THEN
    RETURN;
  END IF;
  BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS fis_iot.%I PARTITION OF fis_iot.raw_measurement'
                   ' FOR VALUES FROM (%L) TO (%L)',
                   name, month_start, month_start + interval '1 month');
  EXCEPTION WHEN duplicate_table OR unique_violation THEN
    NULL;
  END;
END $$;

-- Aggregates per meter, resolution (0 quarter hour, 1 day, 2 month) and period start. The
-- arrays are aligned with the layout's registers. For an instantaneous register lo/hi are the
-- minimum and maximum (with their times) and sum_milli the sum; for a cumulative register lo/hi
-- are the first and last reading (with their times, as UTC epoch microseconds: the arrays are
-- the merge function's encoding, read through AggregateQueries). Written only through the merge function
-- of AggregateState (see README "Aggregation").
CREATE TABLE aggregate (
  meter_id      text          NOT NULL,
  resolution    smallint      NOT NULL CHECK (resolution IN (0, 1, 2)),
  period_start  timestamptz   NOT NULL,
  layout_id     integer       NOT NULL REFERENCES register_layout (layout_id),
  count         bigint        NOT NULL CHECK (count >= 0),
  n             bigint[]      NOT NULL,
  sum_milli     bigint[]      NOT NULL,
  lo_milli      bigint[]      NOT NULL,
  lo_at_micros  bigint[]      NOT NULL,
  hi_milli      bigint[]      NOT NULL,
  hi_at_micros  bigint[]      NOT NULL,
  PRIMARY KEY (meter_id, resolution, period_start, layout_id)
) WITH (fillfactor = 70, toast_tuple_target = 8160);
-- Rows are ~2 kB of arrays rewritten on every merge: keeping them in line (no TOAST compression
-- attempt at the default 2 kB threshold) and leaving page space for HOT updates of the day and
-- month rows makes the upsert cheaper.
