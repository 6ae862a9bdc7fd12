package org.fis.examples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.fis.billing.document.Party;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.output.InvoiceDocumentHtml;
import org.fis.billing.output.InvoiceJson;
import org.fis.billing.output.InvoicePdf;
import org.fis.billing.output.InvoiceReviewHtml;
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

  @Option(names = "--html", description = "Also write the invoice (customer's copy) as HTML here.")
  Path html;

  @Option(names = "--pdf", description = "Also write the invoice (customer's copy) as PDF here.")
  Path pdf;

  @Option(
      names = "--review",
      description = "Also write the clerk's review page (warnings) as HTML here.")
  Path review;

  @Option(names = "--name", description = "The network user's name, if not registered yet.")
  String name;

  @Option(names = "--street", description = "The network user's street, if not registered yet.")
  String street;

  @Option(names = "--postal-code", description = "The network user's postal code.")
  String postalCode;

  @Option(names = "--city", description = "The network user's city.")
  String city;

  /** Creates the command; picocli does this. */
  public BillCommand() {}

  @Override
  public Integer call() throws Exception {
    try (HostDatabase database = HostDatabase.open(jdbcUrl, System.out)) {
      Party party = name == null ? null : new Party(name, street, postalCode, city, "", "");
      HostBilling.Billed billed =
          HostBilling.billMonth(
              database.jdbi(), zone, month, networkUser, party, meters, Clock.systemUTC());
      IssuedInvoice issued = billed.issued();
      System.out.println(InvoiceJson.write(issued));
      if (html != null) {
        Files.writeString(
            html, InvoiceDocumentHtml.render(billed.document()), StandardCharsets.UTF_8);
        System.err.println("Invoice written to " + html.toAbsolutePath());
      }
      if (pdf != null) {
        Files.write(pdf, InvoicePdf.render(billed.document()));
        System.err.println("PDF written to " + pdf.toAbsolutePath());
      }
      if (review != null) {
        Files.writeString(
            review,
            InvoiceReviewHtml.render(billed.document(), HostBilling.blockingWarnings()),
            StandardCharsets.UTF_8);
        System.err.println("Review page written to " + review.toAbsolutePath());
      }
    }
    return 0;
  }
}
