package org.fis.examples.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fis.accountingpoint.Gsrn;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.examples.demo.DemoSummary.Check;
import org.fis.iot.AggregatePage;
import org.fis.iot.AggregateQueries;
import org.fis.iot.MeterAggregate;
import org.fis.iot.Reading;
import org.fis.iot.RegisterAggregate;
import org.fis.iot.Resolution;
import org.fis.ledger.Balance;
import org.fis.ledger.Ledger;
import org.fis.ledger.TrialBalance;
import org.fis.measure.Quantity;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The demo's consistency checks: the modules are independent, so the host checks that what it
 * composed adds up. Each check compares figures computed two different ways.
 */
final class DemoChecks {
  /** Bound on pages of raw readings per meter and period. */
  private static final int PAGES_MAX = 1_000;

  private DemoChecks() {}

  static List<Check> run(
      Jdbi jdbi,
      Ledger ledger,
      AggregateQueries queries,
      Map<Gsrn, String> users,
      List<String> meters,
      int accountingPointsExpected,
      List<IssuedInvoice> invoices,
      TrialBalance trialBalance,
      Interval whole,
      long measurementsStored) {
    List<Check> checks = new ArrayList<>();
    checks.add(
        new Check(
            "every accounting point is synced",
            users.size() == accountingPointsExpected,
            users.size() + " of " + accountingPointsExpected + " stored locally"));
    long quarterHours =
        java.time.Duration.between(whole.start(), whole.end()).dividedBy(QuarterHours.LENGTH);
    long expected = (quarterHours + 1) * meters.size();
    checks.add(
        new Check(
            "every pushed measurement is stored",
            measurementsStored == expected,
            measurementsStored + " stored, " + expected + " pushed"));
    checks.add(jdbi.withHandle(h -> aggregatesMatchRaw(h, queries, meters, whole)));
    checks.add(
        new Check(
            "the trial balance is zero",
            trialBalance.balanced(),
            trialBalance.rows().size() + " accounts, debits equal credits per currency"));
    checks.add(jdbi.withHandle(h -> receivablesMatchInvoices(h, ledger, invoices)));
    checks.add(jdbi.withHandle(h -> asyncBalancesCaughtUp(h, ledger, invoices)));
    boolean intact = jdbi.withHandle(h -> ledger.verify(h, Accounting.LEDGER).intact());
    checks.add(new Check("the journal's hash chains verify", intact, intact ? "intact" : "BROKEN"));
    return checks;
  }

  private static Check aggregatesMatchRaw(
      Handle h, AggregateQueries queries, List<String> meters, Interval whole) {
    int compared = 0;
    for (String meter : meters) {
      List<MeterAggregate> months = monthAggregates(h, queries, meter, whole.start(), whole.end());
      for (MeterAggregate month : months) {
        List<Reading> raw = readings(h, queries, meter, month.periodStart(), month.periodEnd());
        String mismatch = compare(month, raw);
        if (mismatch != null) {
          return new Check("aggregates match the raw readings", false, meter + ": " + mismatch);
        }
        compared++;
      }
    }
    return new Check(
        "aggregates match the raw readings",
        compared > 0,
        compared + " meter-months: count, first and last of " + ACTIVE_IMPORT);
  }

  private static String compare(MeterAggregate month, List<Reading> raw) {
    if (month.count() != raw.size()) {
      return "month aggregate counts " + month.count() + ", raw rows " + raw.size();
    }
    if (!(month.registers().get(ACTIVE_IMPORT)
        instanceof RegisterAggregate.Cumulative cumulative)) {
      return "no cumulative aggregate of " + ACTIVE_IMPORT;
    }
    Quantity first = raw.get(0).values().get(ACTIVE_IMPORT);
    Quantity last = raw.get(raw.size() - 1).values().get(ACTIVE_IMPORT);
    if (!Objects.equals(cumulative.first(), first) || !Objects.equals(cumulative.last(), last)) {
      return "first/last "
          + cumulative.first()
          + "/"
          + cumulative.last()
          + " vs raw "
          + first
          + "/"
          + last;
    }
    return null;
  }

  private static final String ACTIVE_IMPORT =
      org.fis.billingiot.IotBillingConfig.ACTIVE_IMPORT_DEFAULT;
  private static final int PAGE_SIZE = org.fis.billingiot.IotBillingConfig.PAGE_SIZE_DEFAULT;

  private static List<MeterAggregate> monthAggregates(
      Handle h, AggregateQueries queries, String meter, Instant from, Instant to) {
    List<MeterAggregate> all = new ArrayList<>();
    Instant after = null;
    for (int page = 0; page < PAGES_MAX; page++) {
      AggregatePage<MeterAggregate> result =
          queries.aggregates(h, meter, Resolution.MONTH, from, to, after, PAGE_SIZE);
      all.addAll(result.items());
      if (result.nextAfter().isEmpty()) {
        return all;
      }
      after = result.nextAfter().get();
    }
    throw new IllegalStateException("more than " + PAGES_MAX + " pages of month aggregates");
  }

  private static List<Reading> readings(
      Handle h, AggregateQueries queries, String meter, Instant from, Instant to) {
    List<Reading> all = new ArrayList<>();
    Instant after = null;
    for (int page = 0; page < PAGES_MAX; page++) {
      AggregatePage<Reading> result = queries.readings(h, meter, from, to, after, PAGE_SIZE);
      all.addAll(result.items());
      if (result.nextAfter().isEmpty()) {
        return all;
      }
      after = result.nextAfter().get();
    }
    throw new IllegalStateException("more than " + PAGES_MAX + " pages of readings");
  }

  private static Check receivablesMatchInvoices(
      Handle h, Ledger ledger, List<IssuedInvoice> invoices) {
    BigDecimal invoiced = sum(invoices, i -> i.invoice().grossTotal());
    Balance receivables = ledger.rollupBalance(h, Accounting.RECEIVABLES);
    BigDecimal booked = receivables.debits().subtract(receivables.credits());
    return new Check(
        "invoice totals equal the ledger's receivables",
        invoiced.compareTo(booked) == 0,
        "invoiced "
            + ReportWriter.money(invoiced)
            + ", receivables "
            + ReportWriter.money(booked)
            + " "
            + Accounting.CURRENCY);
  }

  private static Check asyncBalancesCaughtUp(
      Handle h, Ledger ledger, List<IssuedInvoice> invoices) {
    BigDecimal network = sum(invoices, i -> i.invoice().usageTotal());
    BigDecimal supply = sum(invoices, i -> i.invoice().supplyTotal());
    BigDecimal networkBooked = ledger.balance(h, Accounting.REVENUE_NETWORK).credits();
    BigDecimal supplyBooked = ledger.balance(h, Accounting.REVENUE_SUPPLY).credits();
    return new Check(
        "asynchronous revenue balances are up to date",
        network.compareTo(networkBooked) == 0 && supply.compareTo(supplyBooked) == 0,
        "network "
            + ReportWriter.money(networkBooked)
            + " of "
            + ReportWriter.money(network)
            + ", supply "
            + ReportWriter.money(supplyBooked)
            + " of "
            + ReportWriter.money(supply)
            + " "
            + Accounting.CURRENCY);
  }

  private static BigDecimal sum(
      List<IssuedInvoice> invoices, java.util.function.Function<IssuedInvoice, BigDecimal> field) {
    return invoices.stream().map(field).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
