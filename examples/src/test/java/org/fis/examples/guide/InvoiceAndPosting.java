package org.fis.examples.guide;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.Catalogue;
import org.fis.billing.calculator.CatalogueTimeline;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.ItemKind;
import org.fis.billing.calculator.MeterBilling;
import org.fis.billing.calculator.Price;
import org.fis.billing.calculator.RegisterReading;
import org.fis.billing.calculator.TariffCalendar;
import org.fis.billing.calculator.TariffModel;
import org.fis.billing.issuing.InvoiceIssuer;
import org.fis.billing.issuing.IssueRequest;
import org.fis.billing.issuing.IssueResult;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.issuing.IssuerConfig;
import org.fis.jobs.JobQueue;
import org.fis.ledger.AccountDefinition;
import org.fis.ledger.AccountType;
import org.fis.ledger.AsyncBalanceJobs;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import org.fis.ledger.LedgerDefinition;
import org.fis.ledger.Line;
import org.fis.ledger.PostingRequest;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.jdbi.v3.core.Handle;

/**
 * The integration guide's example unit of work: issue an invoice (fis-billing) and post it to the
 * journal (fis-ledger) with the same {@link Handle}, so both commit or roll back together in the
 * host's transaction. Used by the plain-JDBC and the Spring examples.
 */
final class InvoiceAndPosting {
  static final ZoneId ZONE = ZoneId.of("Europe/Zagreb");
  static final Interval JANUARY =
      BillingCalendar.defaults().withZone(ZONE).month(YearMonth.of(2026, 1));

  final Ledger ledger =
      Ledger.create(
          LedgerConfig.defaults(), Clock.systemUTC(), AsyncBalanceJobs.queue(JobQueue.create()));
  final InvoiceIssuer issuer =
      InvoiceIssuer.create(
          InvoiceCalculator.create(
              CalculatorConfig.defaults().withCalendar(TariffCalendar.defaults().withZone(ZONE))),
          IssuerConfig.defaults(),
          Clock.systemUTC(),
          UUID::randomUUID);

  /** The chart of accounts, once. */
  void openBooks(Handle handle) {
    ledger.createLedger(handle, new LedgerDefinition("books", "Books"));
    ledger.openAccount(
        handle,
        AccountDefinition.of("receivable", "books", "Receivable", AccountType.ASSET, "EUR"));
    ledger.openAccount(
        handle, AccountDefinition.of("revenue", "books", "Revenue", AccountType.INCOME, "EUR"));
    ledger.openAccount(
        handle, AccountDefinition.of("vat", "books", "VAT", AccountType.LIABILITY, "EUR"));
  }

  // --- guide: unit of work ---
  /** Issues the January invoice of a network user and posts it, in the caller's transaction. */
  IssuedInvoice issueAndPost(Handle handle, String networkUser) {
    IssueResult result =
        issuer.issue(
            handle,
            new IssueRequest(
                "dso-1", new InvoiceRequest(networkUser, JANUARY, List.of(meter())), List.of()));
    IssuedInvoice issued =
        result instanceof IssueResult.Issued fresh
            ? fresh.invoice()
            : ((IssueResult.AlreadyIssued) result).invoice();
    var invoice = issued.invoice();
    ledger.post(
        handle,
        PostingRequest.of(
            "books",
            "invoice:" + issued.number(),
            issued.issuedAt(),
            List.of(
                Line.debit("receivable", invoice.grossTotal(), "EUR"),
                Line.credit("revenue", invoice.netTotal(), "EUR"),
                Line.credit("vat", invoice.vatTotal(), "EUR"))));
    return issued;
  }

  // --- end guide ---

  private static MeterBilling meter() {
    Instant since = Instant.parse("2025-01-01T00:00:00Z");
    Map<ItemKind, Price> usage = new EnumMap<>(ItemKind.class);
    usage.put(ItemKind.USAGE_ACTIVE_ENERGY_HIGH, Price.of("0.041", "25"));
    usage.put(ItemKind.USAGE_ACTIVE_ENERGY_LOW, Price.of("0.020", "25"));
    usage.put(ItemKind.USAGE_EXCESS_REACTIVE_ENERGY, Price.of("0.016", "25"));
    usage.put(ItemKind.USAGE_METER_FEE, Price.of("2.65", "25"));
    Map<ItemKind, Price> supply = new EnumMap<>(ItemKind.class);
    supply.put(ItemKind.SUPPLY_ACTIVE_ENERGY_HIGH, Price.of("0.105", "13"));
    supply.put(ItemKind.SUPPLY_ACTIVE_ENERGY_LOW, Price.of("0.052", "13"));
    supply.put(ItemKind.SUPPLY_RENEWABLE_ENERGY_FEE, Price.of("0.013936", "13"));
    supply.put(ItemKind.SUPPLY_BUSINESS_USAGE_FEE, Price.of("0.0005", "13"));
    return new MeterBilling(
        "location-1",
        "meter-1",
        TariffModel.DUAL_TARIFF_LV,
        since,
        null,
        CatalogueTimeline.of(new Catalogue("usage", "EUR", since, null, usage)),
        CatalogueTimeline.of(new Catalogue("supply", "EUR", since, null, supply)),
        List.of(
            RegisterReading.dual(JANUARY.start(), 1_000_000, 400_000, 50_000, 0),
            RegisterReading.dual(JANUARY.end(), 1_900_000, 700_000, 450_000, 0)),
        List.of());
  }

  /** Posted receivables, for the assertions. */
  BigDecimal receivable(Handle handle) {
    return ledger.balance(handle, "receivable").debits();
  }
}
