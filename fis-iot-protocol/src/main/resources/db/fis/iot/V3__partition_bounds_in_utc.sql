-- Month partitions of raw_measurement must start and end at UTC month starts. V2 computed the end
-- as month_start + interval '1 month' on a timestamptz, which PostgreSQL evaluates in the
-- session's TimeZone: across a daylight-saving change the end moved by the change (for example
-- the March partition ended at 2024-03-31 23:00 UTC under Europe/Zagreb, leaving an hour that no
-- partition holds, and the October one overlapped November's so that November could not be
-- created). The bounds are now computed on UTC wall-clock timestamps, whatever the session zone.
CREATE OR REPLACE FUNCTION ensure_raw_partition(at_time timestamptz) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  month_utc timestamp := date_trunc('month', at_time AT TIME ZONE 'UTC');
  name text := 'raw_measurement_' || to_char(month_utc, 'YYYY"m"MM');
BEGIN
  IF to_regclass('fis_iot.' || name) IS NOT NULL THEN
    RETURN;
  END IF;
  BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS fis_iot.%I PARTITION OF fis_iot.raw_measurement'
                   ' FOR VALUES FROM (%L) TO (%L)',
                   name,
                   to_char(month_utc, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                   to_char(month_utc + interval '1 month', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
  EXCEPTION WHEN duplicate_table OR unique_violation THEN
    NULL;
  END;
END $$;
