package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.fis.accountingpoint.AccountingPointMigrations;
import org.fis.billing.BillingMigrations;
import org.fis.iot.IotMigrations;
import org.fis.jobs.JobQueue;
import org.fis.jobs.JobsMigrations;
import org.fis.ledger.AccountDefinition;
import org.fis.ledger.AccountType;
import org.fis.ledger.AsyncBalanceJobs;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import org.fis.ledger.LedgerDefinition;
import org.fis.ledger.LedgerMigrations;
import org.fis.ledger.Line;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.PostingResult;
import org.fis.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database migrated when the scripts lived under {@code db/migration/<module>} (the layout up to
 * 2026-12) keeps working after the move to {@code db/fis/<module>}: its history validates, no
 * script runs again, and the data in it is untouched.
 *
 * <p>The old layout is rebuilt exactly: the same scripts, copied into a directory under their old
 * classpath location and loaded through a class loader of their own, migrated with the old location
 * string and each module's schema, as the old {@code XxxMigrations.migrate} did.
 */
class MigrationLocationUpgradeIT {
  private record Module(String name, String schema, Function<DataSource, MigrateResult> migrate) {}

  private static final List<Module> MODULES =
      List.of(
          new Module("iot", IotMigrations.SCHEMA, IotMigrations::migrate),
          new Module("billing", BillingMigrations.SCHEMA, BillingMigrations::migrate),
          new Module("jobs", JobsMigrations.SCHEMA, JobsMigrations::migrate),
          new Module("ledger", LedgerMigrations.SCHEMA, LedgerMigrations::migrate),
          new Module(
              "accountingpoint",
              AccountingPointMigrations.SCHEMA,
              AccountingPointMigrations::migrate));

  @Test
  void a_database_migrated_from_the_old_location_upgrades_with_its_data_and_history(
      @TempDir Path oldLayout) throws IOException {
    try (TestDatabase db = TestDatabase.create()) {
      try (URLClassLoader oldClasspath = oldLayoutClassLoader(oldLayout)) {
        for (Module module : MODULES) {
          MigrateResult old = migrateFromOldLocation(db.dataSource(), oldClasspath, module);
          assertThat(old.migrationsExecuted).as(module.name()).isPositive();
        }
      }
      Map<String, List<String>> historyBefore = history(db.jdbi());
      Ledger ledger = postOneDeposit(db.jdbi());

      for (Module module : MODULES) {
        MigrateResult upgrade = module.migrate().apply(db.dataSource());
        assertThat(upgrade.migrationsExecuted).as(module.name()).isZero();
        assertThat(
                Flyway.configure(getClass().getClassLoader())
                    .dataSource(db.dataSource())
                    .schemas(module.schema())
                    .locations("classpath:db/fis/" + module.name())
                    .load()
                    .validateWithResult()
                    .validationSuccessful)
            .as(module.name() + " validates against the new location")
            .isTrue();
      }

      assertThat(history(db.jdbi())).isEqualTo(historyBefore);
      assertThat(db.jdbi().withHandle(h -> ledger.balance(h, "alice")).posted())
          .isEqualByComparingTo("100");
    }
  }

  @Test
  void no_script_of_the_suite_is_left_where_spring_boot_scans() {
    ClassLoader loader = getClass().getClassLoader();
    for (Module module : MODULES) {
      assertThat(loader.getResource("db/migration/" + module.name())).as(module.name()).isNull();
      assertThat(loader.getResource("db/fis/" + module.name() + "/V1__schema.sql"))
          .as(module.name())
          .isNotNull();
    }
  }

  private static MigrateResult migrateFromOldLocation(
      DataSource dataSource, ClassLoader oldClasspath, Module module) {
    return Flyway.configure(oldClasspath)
        .dataSource(dataSource)
        .schemas(module.schema())
        .createSchemas(true)
        .locations("classpath:db/migration/" + module.name())
        .placeholderReplacement(false)
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  /** Copies every module's current scripts into {@code root/db/migration/<module>/}. */
  private static URLClassLoader oldLayoutClassLoader(Path root) throws IOException {
    ClassLoader current = MigrationLocationUpgradeIT.class.getClassLoader();
    for (Module module : MODULES) {
      Path target = Files.createDirectories(root.resolve("db/migration/" + module.name()));
      for (String script : scriptNames(current, module)) {
        try (InputStream in =
            current.getResourceAsStream("db/fis/" + module.name() + "/" + script)) {
          Files.copy(in, target.resolve(script));
        }
      }
    }
    // Parent: the platform loader, so the new location is not visible through it.
    return new URLClassLoader(
        new URL[] {root.toUri().toURL()}, new FilteringLoader(current, "db/fis/"));
  }

  /** The module's script names, from a directory (reactor) or a jar (failsafe, installed). */
  private static List<String> scriptNames(ClassLoader loader, Module module) throws IOException {
    String prefix = "db/fis/" + module.name() + "/";
    URL directory = loader.getResource(prefix);
    assertThat(directory).as(module.name()).isNotNull();
    List<String> names = new ArrayList<>();
    if (directory.getProtocol().equals("jar")) {
      JarURLConnection connection = (JarURLConnection) directory.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        jar.stream()
            .map(JarEntry::getName)
            .filter(n -> n.startsWith(prefix) && n.endsWith(".sql"))
            .map(n -> n.substring(prefix.length()))
            .forEach(names::add);
      }
    } else {
      try (Stream<Path> files = Files.list(Path.of(URI.create(directory.toString())))) {
        files
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".sql"))
            .forEach(names::add);
      }
    }
    assertThat(names).as(module.name()).contains("V1__schema.sql");
    return names;
  }

  private static Map<String, List<String>> history(Jdbi jdbi) {
    Map<String, List<String>> history = new java.util.TreeMap<>();
    for (Module module : MODULES) {
      history.put(
          module.schema(),
          jdbi.withHandle(
              h ->
                  h.createQuery(
                          "SELECT version || ' ' || script || ' ' || checksum || ' ' || success"
                              + " FROM "
                              + module.schema()
                              + ".flyway_schema_history ORDER BY installed_rank")
                      .mapTo(String.class)
                      .list()));
    }
    return history;
  }

  private static Ledger postOneDeposit(Jdbi jdbi) {
    Ledger ledger =
        Ledger.create(
            LedgerConfig.defaults(), Clock.systemUTC(), AsyncBalanceJobs.queue(JobQueue.create()));
    jdbi.useTransaction(
        h -> {
          ledger.createLedger(h, new LedgerDefinition("main", "Main ledger"));
          ledger.openAccount(
              h, AccountDefinition.of("bank", "main", "Bank", AccountType.ASSET, "EUR"));
          ledger.openAccount(
              h, AccountDefinition.of("alice", "main", "Alice", AccountType.LIABILITY, "EUR"));
        });
    PostingResult posted =
        jdbi.inTransaction(
            h ->
                ledger.post(
                    h,
                    PostingRequest.of(
                        "main",
                        "deposit-before-upgrade",
                        Instant.parse("2026-03-01T10:00:00Z"),
                        List.of(
                            Line.debit("bank", new BigDecimal("100.00"), "EUR"),
                            Line.credit("alice", new BigDecimal("100.00"), "EUR")))));
    assertThat(posted).isInstanceOf(PostingResult.Posted.class);
    return ledger;
  }

  /** Hides resources under one prefix, so the old layout's loader sees only the old scripts. */
  private static final class FilteringLoader extends ClassLoader {
    private final String hiddenPrefix;

    FilteringLoader(ClassLoader parent, String hiddenPrefix) {
      super(parent);
      this.hiddenPrefix = hiddenPrefix;
    }

    @Override
    public URL getResource(String name) {
      return name.startsWith(hiddenPrefix) ? null : super.getResource(name);
    }

    @Override
    public java.util.Enumeration<URL> getResources(String name) throws IOException {
      return name.startsWith(hiddenPrefix)
          ? java.util.Collections.emptyEnumeration()
          : super.getResources(name);
    }
  }
}
