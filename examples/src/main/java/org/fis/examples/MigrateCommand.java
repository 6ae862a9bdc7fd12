package org.fis.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fis migrate}: applies every module's migrations to a database. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply every module's migrations (to --jdbc-url, or an embedded PostgreSQL).")
public final class MigrateCommand implements Callable<Integer> {
  @Option(
      names = "--jdbc-url",
      description = "External PostgreSQL, e.g. jdbc:postgresql://localhost:5432/fis?user=fis")
  String jdbcUrl;

  /** Creates the command; picocli does this. */
  public MigrateCommand() {}

  @Override
  public Integer call() {
    try (HostDatabase database = HostDatabase.open(jdbcUrl, System.out)) {
      System.out.println("Migrating " + database.description());
      int applied = ModuleMigrations.migrateAll(database.dataSource(), System.out);
      System.out.println("Done: " + applied + " migration(s) applied.");
    }
    return 0;
  }
}
