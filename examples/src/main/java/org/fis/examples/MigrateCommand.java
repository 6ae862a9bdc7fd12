package org.fis.examples;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fis migrate}: applies every module's migrations to a database. It needs {@code
 * --jdbc-url}; migrating a throw-away embedded database takes an explicit {@code --embedded}, so a
 * forgotten URL is a usage error rather than a run that reports success and changes nothing.
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = {
      "Apply every module's migrations to the database given with --jdbc-url.",
      "With --embedded instead, to a throw-away embedded PostgreSQL (a dry run that shows the"
          + " scripts; the database is deleted afterwards)."
    })
public final class MigrateCommand implements Callable<Integer> {
  @Option(
      names = "--jdbc-url",
      description = "The PostgreSQL to migrate, e.g. jdbc:postgresql://localhost:5432/fis?user=fis")
  String jdbcUrl;

  @Option(
      names = "--embedded",
      description = "Migrate a throw-away embedded PostgreSQL instead (deleted when done).")
  boolean embedded;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli does this. */
  public MigrateCommand() {}

  @Override
  public Integer call() {
    if (jdbcUrl == null && !embedded) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Missing --jdbc-url: fis migrate applies the migrations to your database"
              + " (--jdbc-url jdbc:postgresql://host:5432/db?user=...); to try them on a"
              + " throw-away embedded PostgreSQL, say --embedded");
    }
    if (jdbcUrl != null && embedded) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--jdbc-url and --embedded exclude each other: give one");
    }
    try (HostDatabase database = HostDatabase.open(jdbcUrl, System.out)) {
      System.out.println("Migrating " + database.description());
      int applied = ModuleMigrations.migrateAll(database.dataSource(), System.out);
      System.out.println("Done: " + applied + " migration(s) applied.");
      if (embedded) {
        System.out.println("(embedded database: deleted now, nothing you keep was migrated)");
      }
    }
    return 0;
  }
}
