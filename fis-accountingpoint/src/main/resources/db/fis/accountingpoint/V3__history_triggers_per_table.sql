-- Citus readiness of the history triggers: record_history() derived its target from TG_TABLE_NAME,
-- which on a Citus worker is the shard's name (end_user_102008), so the history insert would miss
-- the colocated history shard. Each relation now has its own trigger function naming its history
-- table statically (no dynamic SQL at all). Behaviour is unchanged: nothing is recorded while the
-- purge runs, a no-op UPDATE records nothing, every other UPDATE or DELETE records the old row.

CREATE FUNCTION record_accounting_point_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF fis_accountingpoint.purging() OR (TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW) THEN
    RETURN NULL;
  END IF;
  INSERT INTO fis_accountingpoint.accounting_point_history SELECT (OLD).*, TG_OP, transaction_timestamp();
  RETURN NULL;
END $$;
DROP TRIGGER accounting_point_history ON accounting_point;
CREATE TRIGGER accounting_point_history AFTER UPDATE OR DELETE ON accounting_point
  FOR EACH ROW EXECUTE FUNCTION record_accounting_point_history();

CREATE FUNCTION record_end_user_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF fis_accountingpoint.purging() OR (TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW) THEN
    RETURN NULL;
  END IF;
  INSERT INTO fis_accountingpoint.end_user_history SELECT (OLD).*, TG_OP, transaction_timestamp();
  RETURN NULL;
END $$;
DROP TRIGGER end_user_history ON end_user;
CREATE TRIGGER end_user_history AFTER UPDATE OR DELETE ON end_user
  FOR EACH ROW EXECUTE FUNCTION record_end_user_history();

CREATE FUNCTION record_energy_supplier_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF fis_accountingpoint.purging() OR (TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW) THEN
    RETURN NULL;
  END IF;
  INSERT INTO fis_accountingpoint.energy_supplier_history SELECT (OLD).*, TG_OP, transaction_timestamp();
  RETURN NULL;
END $$;
DROP TRIGGER energy_supplier_history ON energy_supplier;
CREATE TRIGGER energy_supplier_history AFTER UPDATE OR DELETE ON energy_supplier
  FOR EACH ROW EXECUTE FUNCTION record_energy_supplier_history();

CREATE FUNCTION record_metering_grid_area_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF fis_accountingpoint.purging() OR (TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW) THEN
    RETURN NULL;
  END IF;
  INSERT INTO fis_accountingpoint.metering_grid_area_history SELECT (OLD).*, TG_OP, transaction_timestamp();
  RETURN NULL;
END $$;
DROP TRIGGER metering_grid_area_history ON metering_grid_area;
CREATE TRIGGER metering_grid_area_history AFTER UPDATE OR DELETE ON metering_grid_area
  FOR EACH ROW EXECUTE FUNCTION record_metering_grid_area_history();

CREATE FUNCTION record_energy_direction_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF fis_accountingpoint.purging() OR (TG_OP = 'UPDATE' AND OLD IS NOT DISTINCT FROM NEW) THEN
    RETURN NULL;
  END IF;
  INSERT INTO fis_accountingpoint.energy_direction_history SELECT (OLD).*, TG_OP, transaction_timestamp();
  RETURN NULL;
END $$;
DROP TRIGGER energy_direction_history ON energy_direction;
CREATE TRIGGER energy_direction_history AFTER UPDATE OR DELETE ON energy_direction
  FOR EACH ROW EXECUTE FUNCTION record_energy_direction_history();

DROP FUNCTION record_history();
