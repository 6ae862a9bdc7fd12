package org.fis.jobs;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies this module's database migrations: schema {@value #SCHEMA}, scripts under {@code
 * db/fis/jobs}, history in {@code fis_jobs.flyway_schema_history}, so that it never collides with
 * the host's own Flyway history or another module's.
 *
 * <p>For hosts that do not run Flyway themselves. Hosts that do may instead add the location
 * {@value #LOCATION} to a Flyway configured with schema {@value #SCHEMA}. Migrating twice is a
 * no-op. Opens its own connections from the data source and commits them: call it at startup, not
 * inside a business transaction.
 */
public final class JobsMigrations {
  /** The schema that holds every table of this module. */
  public static final String SCHEMA = "fis_jobs";

  /** The Flyway location of this module's scripts. */
  public static final String LOCATION = "classpath:db/fis/jobs";

  private JobsMigrations() {}

  /**
   * Migrates the database to this module's latest schema version.
   *
   * @param dataSource the host's database
   * @return Flyway's report (migrations applied, target version)
   */
  public static MigrateResult migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    return Flyway.configure(JobsMigrations.class.getClassLoader())
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .createSchemas(true)
        .locations(LOCATION)
        .placeholderReplacement(false)
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }
}
