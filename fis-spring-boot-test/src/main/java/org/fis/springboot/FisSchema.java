package org.fis.springboot;

import java.util.Objects;
import javax.sql.DataSource;
import org.fis.accountingpoint.AccountingPointMigrations;
import org.fis.billing.BillingMigrations;
import org.fis.iot.IotMigrations;
import org.fis.jobs.JobsMigrations;
import org.fis.ledger.LedgerMigrations;

/**
 * The suite's schemas, migrated once at start-up on Boot's {@code DataSource}. Each module runs its
 * own Flyway with its own history table in its own schema ({@code fis_iot.flyway_schema_history},
 * …), beside Boot's Flyway, which migrates the host's {@code classpath:db/migration} into {@code
 * public}. Beans that use the modules depend on this bean, so nothing runs before the schemas
 * exist.
 */
public final class FisSchema {
  private FisSchema() {}

  /**
   * Applies every module's migrations (each opens and commits its own connections).
   *
   * @param dataSource Boot's data source
   * @return the marker bean
   */
  static FisSchema migrate(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    IotMigrations.migrate(dataSource);
    BillingMigrations.migrate(dataSource);
    JobsMigrations.migrate(dataSource);
    LedgerMigrations.migrate(dataSource);
    AccountingPointMigrations.migrate(dataSource);
    return new FisSchema();
  }
}
