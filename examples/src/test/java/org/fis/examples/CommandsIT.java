package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fis.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's subcommands against one external database (given with --jdbc-url). */
class CommandsIT {
  private static TestDatabase database;

  @BeforeAll
  static void createDatabase() {
    database = TestDatabase.create();
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @Test
  void a_demo_on_an_external_database_leaves_books_that_ledger_balance_reads(@TempDir Path report) {
    String url = database.jdbcUrl();
    assertThat(
            FisCli.execute(
                "demo",
                "--jdbc-url",
                url,
                "--accounting-points",
                "2",
                "--meters",
                "2",
                "--report",
                report.toString()))
        .isZero();
    assertThat(
            FisCli.execute(
                "ledger", "balance", "--jdbc-url", url, "revenue-network", "receivables"))
        .isZero();
    assertThat(FisCli.execute("ledger", "balance", "--jdbc-url", url, "no-such-account"))
        .isEqualTo(1);
    // fis bill reads the meter data the demo stored; a second run returns the first invoice.
    String[] bill = {
      "bill",
      "--jdbc-url",
      url,
      "--month",
      "2026-10",
      "--meter",
      "meter-0001",
      "--network-user",
      "walk-in",
      "--html",
      report.resolve("walk-in.html").toString()
    };
    assertThat(FisCli.execute(bill)).isZero();
    assertThat(FisCli.execute(bill)).isZero();
    assertThat(report.resolve("walk-in.html")).exists();
    Integer walkIn =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.select(
                            "SELECT count(*) FROM fis_billing.invoice"
                                + " WHERE network_user_id = 'walk-in'")
                        .mapTo(Integer.class)
                        .one());
    assertThat(walkIn).isEqualTo(1);
    // Migrating a database that is already current changes nothing and succeeds.
    assertThat(FisCli.execute("migrate", "--jdbc-url", url)).isZero();
  }

  @Test
  void sync_brings_accounting_points_in_from_the_simulated_adapter() {
    assertThat(FisCli.execute("sync", "--jdbc-url", database.jdbcUrl())).isZero();
    Integer points =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.select("SELECT count(*) FROM fis_accountingpoint.accounting_point")
                        .mapTo(Integer.class)
                        .one());
    assertThat(points).isGreaterThanOrEqualTo(3);
  }

  @Test
  void sync_rejects_a_malformed_gsrn_as_a_usage_error() {
    assertThat(FisCli.execute("sync", "--jdbc-url", database.jdbcUrl(), "12345")).isEqualTo(2);
  }

  @Test
  void serve_starts_the_endpoints_and_stops_after_the_given_time() {
    assertThat(FisCli.execute("serve", "--jdbc-url", database.jdbcUrl(), "--seconds", "1"))
        .isZero();
  }

  @Test
  void migrate_with_embedded_migrates_a_throw_away_database_and_succeeds() {
    assertThat(FisCli.execute("migrate", "--embedded")).isZero();
  }

  @Test
  void ledger_balance_requires_a_database() {
    assertThat(FisCli.execute("ledger", "balance", "revenue")).isEqualTo(2);
  }
}
