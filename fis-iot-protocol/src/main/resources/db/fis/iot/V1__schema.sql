-- The module's schema is created by Flyway (IotMigrations.SCHEMA); this script documents it.
COMMENT ON SCHEMA fis_iot IS 'FIS fis-iot-protocol: owned by IotMigrations, migrated by Flyway with its own history table';
