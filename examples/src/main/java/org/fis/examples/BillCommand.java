package org.fis.examples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.output.InvoiceHtml;
import org.fis.billing.output.InvoiceJson;
import org.fis.examples.demo.HostBilling;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fis bill}: issues a network user's invoice for a month from the meter data in a database
 * and posts it to the ledger in the same transaction (idempotent: a second run returns the first
 * invoice).
 */
@Command(
    name = "bill",
    mixinStandardHelpOptions = true,
    description = {
      "Bill a network user's meters for a month and post the invoice to the ledger.",
      "Reads the IoT data in a database (e.g. one that 'fis demo --jdbc-url …' filled); the"
          + " invoice and its posting commit in one transaction."
    })
public final class BillCommand implements Callable<Integer> {
  @Option(names = "--jdbc-url", required = true, description = "The database.")
  String jdbcUrl;

  @Option(names = "--month", required = true, description = "The month billed (yyyy-MM).")
  YearMonth month;

  @Option(
      names = "--meter",
      required = true,
      description = "A meter of the network user (repeatable), e.g. meter-0001.")
  List<String> meters;

  @Option(names = "--network-user", required = true, description = "The network user billed.")
  String networkUser;

  @Option(
      names = "--zone",
      defaultValue = "Europe/Zagreb",
      description = "Default: ${DEFAULT-VALUE}.")
  ZoneId zone;

  @Option(names = "--html", description = "Also write the printable invoice to this file.")
  Path html;

  /** Creates the command; picocli does this. */
  public BillCommand() {}

  @Override
  public Integer call() throws Exception {
    try (HostDatabase database = HostDatabase.open(jdbcUrl, System.out)) {
      IssuedInvoice issued =
          HostBilling.billMonth(
              database.jdbi(), zone, month, networkUser, meters, Clock.systemUTC());
      System.out.println(InvoiceJson.write(issued));
      if (html != null) {
        Files.writeString(html, InvoiceHtml.render(issued, zone), StandardCharsets.UTF_8);
        System.err.println("Invoice written to " + html.toAbsolutePath());
      }
    }
    return 0;
  }
}
