package org.fis.examples;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import org.fis.accountingpoint.AccountingPointMigrations;
import org.fis.billing.BillingMigrations;
import org.fis.iot.IotMigrations;
import org.fis.jobs.JobsMigrations;
import org.fis.ledger.LedgerMigrations;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies every module's migrations side by side into one host database. */
public final class ModuleMigrations {
  private static final Map<String, Function<DataSource, MigrateResult>> MODULES =
      new LinkedHashMap<>();

  static {
    MODULES.put(IotMigrations.SCHEMA, IotMigrations::migrate);
    MODULES.put(BillingMigrations.SCHEMA, BillingMigrations::migrate);
    MODULES.put(JobsMigrations.SCHEMA, JobsMigrations::migrate);
    MODULES.put(LedgerMigrations.SCHEMA, LedgerMigrations::migrate);
    MODULES.put(AccountingPointMigrations.SCHEMA, AccountingPointMigrations::migrate);
  }

  private ModuleMigrations() {}

  /**
   * Migrates every module and prints one line per module.
   *
   * @param dataSource the host database
   * @param out where the report goes
   * @return the number of migrations applied in total
   */
  public static int migrateAll(DataSource dataSource, PrintStream out) {
    int applied = 0;
    for (Map.Entry<String, Function<DataSource, MigrateResult>> module : MODULES.entrySet()) {
      MigrateResult result = module.getValue().apply(dataSource);
      applied += result.migrationsExecuted;
      out.printf(
          "  %-22s %2d migration(s) applied, schema version %s%n",
          module.getKey(),
          result.migrationsExecuted,
          result.targetSchemaVersion == null ? "(unchanged)" : result.targetSchemaVersion);
    }
    return applied;
  }
}
