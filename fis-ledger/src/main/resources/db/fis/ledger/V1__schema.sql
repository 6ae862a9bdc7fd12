-- The module's schema is created by Flyway (LedgerMigrations.SCHEMA); this script documents it.
COMMENT ON SCHEMA fis_ledger IS 'FIS fis-ledger: owned by LedgerMigrations, migrated by Flyway with its own history table';
