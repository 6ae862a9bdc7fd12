package org.fis.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fis demo}: the whole suite in one command. For now it starts the database and applies
 * every module's migrations; the end-to-end scenario grows with the modules (issue #9).
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the suite end to end on an embedded PostgreSQL (or --jdbc-url).")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--jdbc-url", description = "Use this PostgreSQL instead of an embedded one.")
  String jdbcUrl;

  /** Creates the command; picocli does this. */
  public DemoCommand() {}

  @Override
  public Integer call() {
    try (HostDatabase database = HostDatabase.open(jdbcUrl, System.out)) {
      System.out.println("Database: " + database.description());
      System.out.println("Applying module migrations:");
      int applied = ModuleMigrations.migrateAll(database.dataSource(), System.out);
      System.out.println("Demo finished: " + applied + " migration(s) applied.");
    }
    return 0;
  }
}
