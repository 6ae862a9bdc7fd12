-- The module's schema is created by Flyway (BillingMigrations.SCHEMA); this script documents it.
COMMENT ON SCHEMA fis_billing IS 'FIS fis-billing: owned by BillingMigrations, migrated by Flyway with its own history table';
