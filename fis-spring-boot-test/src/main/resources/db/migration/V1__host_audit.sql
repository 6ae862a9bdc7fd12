-- The host's own schema, migrated by Spring Boot's Flyway from classpath:db/migration (its default).
-- The suite's modules migrate their own schemas from classpath:db/fis/<module>, which Boot never scans.
CREATE TABLE host_audit (
    reference  text        PRIMARY KEY,
    kind       text        NOT NULL,
    detail     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
