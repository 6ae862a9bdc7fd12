-- The module's schema is created by Flyway (AccountingPointMigrations.SCHEMA); this script documents it.
COMMENT ON SCHEMA fis_accountingpoint IS 'FIS fis-accountingpoint: owned by AccountingPointMigrations, migrated by Flyway with its own history table';
