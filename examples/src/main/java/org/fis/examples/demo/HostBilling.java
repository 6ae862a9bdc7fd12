package org.fis.examples.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.CatalogueTimeline;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.MeterBilling;
import org.fis.billing.calculator.TariffCalendar;
import org.fis.billing.calculator.TariffModel;
import org.fis.billing.document.InvoiceDocument;
import org.fis.billing.document.Party;
import org.fis.billing.issuing.InvoiceIssuer;
import org.fis.billing.issuing.IssueResult;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.issuing.IssuerConfig;
import org.fis.billing.issuing.Snapshot;
import org.fis.billingiot.IotBillingConfig;
import org.fis.billingiot.IotBillingInput;
import org.fis.billingiot.MeterUsage;
import org.fis.iot.AggregateQueries;
import org.fis.iot.IotConfig;
import org.fis.iot.MeterModels;
import org.fis.jobs.JobQueue;
import org.fis.ledger.AsyncBalanceJobs;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.jdbi.v3.core.Jdbi;

/**
 * Bills one network user's meters for a month from the IoT data in a database and posts the invoice
 * to the journal, in one transaction: the {@code fis bill} command. Uses the demo's catalogues and
 * chart of accounts.
 */
public final class HostBilling {
  private HostBilling() {}

  /** What {@code fis bill} produced: the invoice and the document to print. */
  public record Billed(IssuedInvoice issued, InvoiceDocument document) {}

  /**
   * Issues (or returns the earlier) invoice and posts it. A network user the host's register does
   * not know yet is registered with {@code party} (or, without one, as a walk-in customer whose
   * address is not on file) and a fresh pseudonymous account key.
   *
   * @param jdbi the database
   * @param zone the zone of the month and the tariff windows
   * @param month the month billed
   * @param networkUser the network user (end user id)
   * @param party the network user's name and address for the register, or null
   * @param meterIds the user's meters (ABB B2x-class readings in fis_iot)
   * @param clock the clock
   * @return the invoice and its document
   * @throws IllegalStateException when the billing policy holds the invoice back
   */
  public static Billed billMonth(
      Jdbi jdbi,
      ZoneId zone,
      YearMonth month,
      String networkUser,
      Party party,
      List<String> meterIds,
      Clock clock) {
    Interval period = BillingCalendar.defaults().withZone(zone).month(month);
    IotConfig iot = IotConfig.defaults().withZone(zone);
    IotBillingInput bridge =
        IotBillingInput.create(
            new AggregateQueries(iot, MeterModels.builtIn()), IotBillingConfig.defaults());
    Ledger ledger =
        Ledger.create(LedgerConfig.defaults(), clock, AsyncBalanceJobs.queue(JobQueue.create()));
    InvoiceIssuer issuer =
        InvoiceIssuer.create(
            InvoiceCalculator.create(
                CalculatorConfig.defaults().withCalendar(TariffCalendar.defaults().withZone(zone))),
            IssuerConfig.defaults().withBlockingWarnings(Accounting.BLOCKING),
            clock,
            UUID::randomUUID);
    CatalogueTimeline usage = Accounting.usageCatalogues(period.start());
    CatalogueTimeline supply = Accounting.supplyCatalogues(period.start());
    IssueResult result =
        jdbi.inTransaction(
            h -> {
              String accountKey =
                  NetworkUsers.register(
                      h,
                      networkUser,
                      party != null ? party : walkIn(networkUser),
                      new SecureRandom());
              Accounting.openBooks(h, ledger, List.of(accountKey));
              List<MeterBilling> meters = new ArrayList<>();
              for (String meter : meterIds) {
                MeterUsage read = bridge.usage(h, meter, period);
                meters.add(
                    new MeterBilling(
                        meter,
                        meter,
                        TariffModel.DUAL_TARIFF_POWER_LV,
                        period.start(),
                        null,
                        usage,
                        supply,
                        read.readings(),
                        read.quarterHours()));
              }
              return Accounting.issueAndPost(
                  h,
                  issuer,
                  ledger,
                  new InvoiceRequest(networkUser, period, meters),
                  accountKey,
                  NetworkUsers.party(h, networkUser).orElseThrow());
            });
    if (result instanceof IssueResult.Held held) {
      throw new IllegalStateException(
          "the invoice of "
              + networkUser
              + " is held back for review: "
              + held.blocking().get(0).code()
              + " ("
              + held.blocking().get(0).detail()
              + ")");
    }
    IssuedInvoice issued = result.invoice();
    List<Snapshot> snapshots =
        jdbi.withHandle(h -> issuer.snapshots(h, Accounting.ISSUER, issued.invoiceId()));
    return new Billed(
        issued, InvoiceDocument.of(issued, snapshots, Accounting.issuerProfile(zone)));
  }

  /** The warnings the demo's billing policy holds invoices back for. */
  public static java.util.Set<org.fis.billing.calculator.WarningCode> blockingWarnings() {
    return Accounting.BLOCKING;
  }

  private static Party walkIn(String networkUser) {
    return new Party("Walk-in customer " + networkUser, "(address not on file)", "-", "-", "", "");
  }
}
