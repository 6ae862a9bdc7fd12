package org.fis.examples.demo;

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
import org.fis.billing.issuing.InvoiceIssuer;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.issuing.IssuerConfig;
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

  /**
   * Issues (or returns the earlier) invoice and posts it.
   *
   * @param jdbi the database
   * @param zone the zone of the month and the tariff windows
   * @param month the month billed
   * @param networkUser the network user
   * @param meterIds the user's meters (ABB B2x-class readings in fis_iot)
   * @param clock the clock
   * @return the invoice
   */
  public static IssuedInvoice billMonth(
      Jdbi jdbi,
      ZoneId zone,
      YearMonth month,
      String networkUser,
      List<String> meterIds,
      Clock clock) {
    Interval period = BillingCalendar.defaults().withZone(zone).month(month);
    IotConfig iot = IotConfig.defaults().withZone(zone);
    AggregateQueries queries = new AggregateQueries(iot, MeterModels.builtIn());
    Ledger ledger =
        Ledger.create(LedgerConfig.defaults(), clock, AsyncBalanceJobs.queue(JobQueue.create()));
    InvoiceIssuer issuer =
        InvoiceIssuer.create(
            InvoiceCalculator.create(
                CalculatorConfig.defaults().withCalendar(TariffCalendar.defaults().withZone(zone))),
            IssuerConfig.defaults(),
            clock,
            UUID::randomUUID);
    CatalogueTimeline usage = Accounting.usageCatalogues(period.start());
    CatalogueTimeline supply = Accounting.supplyCatalogues(period.start());
    return jdbi.inTransaction(
        h -> {
          Accounting.openBooks(h, ledger, List.of(networkUser));
          List<MeterBilling> meters = new ArrayList<>();
          for (String meter : meterIds) {
            meters.add(
                new MeterBilling(
                    meter,
                    meter,
                    TariffModel.DUAL_TARIFF_POWER_LV,
                    period.start(),
                    null,
                    usage,
                    supply,
                    UsageFromIot.boundaryReadings(h, queries, meter, period),
                    UsageFromIot.quarterHours(h, queries, meter, period)));
          }
          return Accounting.issueAndPost(
              h,
              issuer,
              ledger,
              new InvoiceRequest(networkUser, period, meters),
              "{\"networkUser\":\"" + ReportWriter.escape(networkUser) + "\"}");
        });
  }
}
