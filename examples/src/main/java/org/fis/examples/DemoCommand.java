package org.fis.examples;

import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.fis.examples.demo.DemoOptions;
import org.fis.examples.demo.DemoScenario;
import org.fis.examples.demo.DemoSummary;
import org.fis.ledger.TrialBalance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fis demo}: the whole suite in one command, on an embedded PostgreSQL (or {@code
 * --jdbc-url}), with a simulated datahub adapter and simulated meters over real HTTP on loopback.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole suite end to end and check its results.",
      "Syncs accounting points from a simulated datahub, ingests a month of meter readings pushed"
          + " over HTTP, bills every network user, posts the invoices to the ledger, applies"
          + " asynchronous balances, checks the results and writes an HTML report."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--jdbc-url", description = "Use this PostgreSQL instead of an embedded one.")
  String jdbcUrl;

  @Option(
      names = "--accounting-points",
      defaultValue = "12",
      description = "Accounting points (one network user each). Default: ${DEFAULT-VALUE}.")
  int accountingPoints;

  @Option(
      names = "--meters",
      defaultValue = "12",
      description = "Meters, assigned to accounting points round robin. Default: ${DEFAULT-VALUE}.")
  int meters;

  @Option(
      names = "--months",
      defaultValue = "1",
      description =
          "Months of quarter-hour readings to ingest and bill. Default: ${DEFAULT-VALUE}.")
  int months;

  @Option(
      names = "--month",
      defaultValue = "2026-10",
      description = "First month (yyyy-MM). Default: ${DEFAULT-VALUE}, which has a 25-hour day.")
  YearMonth firstMonth;

  @Option(
      names = "--zone",
      defaultValue = "Europe/Zagreb",
      description = "Zone of days, months and tariff windows. Default: ${DEFAULT-VALUE}.")
  ZoneId zone;

  @Option(
      names = "--report",
      defaultValue = "fis-report",
      description = "Directory of the HTML report. Default: ${DEFAULT-VALUE}.")
  Path report;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Creates the command; picocli does this. */
  public DemoCommand() {}

  @Override
  public Integer call() throws Exception {
    DemoOptions options;
    try {
      options = new DemoOptions(accountingPoints, meters, months, firstMonth, zone, report);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    long started = System.nanoTime();
    try (HostDatabase database = HostDatabase.open(jdbcUrl, System.out)) {
      System.out.println("Database: " + database.description());
      System.out.println("Applying module migrations:");
      ModuleMigrations.migrateAll(database.dataSource(), System.out);
      DemoSummary summary =
          new DemoScenario(database.jdbi(), options, Clock.systemUTC(), System.out).run();
      print(summary, (System.nanoTime() - started) / 1e9);
      return summary.allPassed() ? 0 : 1;
    }
  }

  private static void print(DemoSummary summary, double seconds) {
    System.out.printf("%nSummary%n");
    System.out.printf("  accounting points synced  %d%n", summary.accountingPointsSynced());
    System.out.printf("  measurements stored       %d%n", summary.measurementsStored());
    System.out.printf(
        "  invoices issued           %d, gross total %s EUR%n",
        summary.invoices().size(), summary.grossTotal().toPlainString());
    System.out.printf("%nTrial balance (ledger main)%n");
    System.out.printf("  %-34s %14s %14s%n", "account", "debits", "credits");
    for (TrialBalance.Row row : summary.trialBalance().rows()) {
      System.out.printf(
          "  %-34s %14s %14s%n",
          row.accountId(),
          row.periodDebits().setScale(2, RoundingMode.HALF_EVEN).toPlainString(),
          row.periodCredits().setScale(2, RoundingMode.HALF_EVEN).toPlainString());
    }
    System.out.printf("%nChecks%n");
    for (DemoSummary.Check check : summary.checks()) {
      System.out.printf(
          "  [%s] %s: %s%n", check.passed() ? "ok" : "FAILED", check.name(), check.detail());
    }
    System.out.printf("%nReport: %s%n", summary.report());
    System.out.printf(
        "Demo %s in %.1f s.%n", summary.allPassed() ? "finished" : "FAILED its checks", seconds);
  }
}
