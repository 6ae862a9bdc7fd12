package org.fis.examples.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.fis.billing.BillingMigrations;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.Catalogue;
import org.fis.billing.calculator.CatalogueTimeline;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.ItemGroup;
import org.fis.billing.calculator.ItemKind;
import org.fis.billing.calculator.Price;
import org.fis.billing.issuing.InvoiceIssuer;
import org.fis.billing.issuing.IssueRequest;
import org.fis.billing.issuing.IssuerConfig;
import org.fis.examples.bench.billing.BillingRun;
import org.fis.examples.bench.billing.QuarterHourTable;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.fis.testing.TestDatabase;
import org.jdbi.v3.core.Handle;

/**
 * {@code fis bench billing}: a monthly billing run (January 2026, Europe/Zagreb, a price change on
 * the 16th) for {@value #METERS} meters of the dual-tariff-with-power model, about 3 million
 * quarter-hour rows, streamed from PostgreSQL into the calculator meter by meter, against streaming
 * the same rows with the same SELECT and doing nothing with them, in the same run on the same
 * PostgreSQL. The value is the billing run's time (lower is better); the goal is at most 2× the
 * bare read. A further run also issues and stores every invoice (reported in the details).
 */
public final class BillingBenchmark implements Benchmark {
  /** Meters in the full run (one network user each). */
  public static final int METERS = 1_000;

  /** Meters in the quick run. */
  public static final int METERS_QUICK = 150;

  /** Measured repetitions of each scenario; the best is reported. */
  public static final int REPEATS = 3;

  /** Invoices issued per transaction in the issuing run. */
  public static final int ISSUE_BATCH = 100;

  private static final ZoneId ZONE = ZoneId.of("Europe/Zagreb");

  /** Creates the benchmark. */
  public BillingBenchmark() {}

  @Override
  public String area() {
    return "billing";
  }

  @Override
  public BenchResult run(BenchContext context) throws Exception {
    int meters = context.quick() ? METERS_QUICK : METERS;
    int repeats = context.quick() ? 2 : REPEATS;
    Interval period = BillingCalendar.defaults().withZone(ZONE).month(YearMonth.of(2026, 1));
    Instant priceChange =
        BillingCalendar.defaults().withZone(ZONE).startOf(java.time.LocalDate.of(2026, 1, 16));
    CatalogueTimeline usage = usageCatalogues(priceChange);
    CatalogueTimeline supply =
        CatalogueTimeline.of(
            catalogue("supply-2026", ItemGroup.SUPPLY, Instant.EPOCH, null, "0.105", "13"));
    InvoiceCalculator calculator =
        InvoiceCalculator.create(
            CalculatorConfig.defaults()
                .withCalendar(CalculatorConfig.defaults().calendar().withZone(ZONE)));

    try (TestDatabase database = context.freshDatabase(BillingMigrations::migrate);
        Connection connection = database.dataSource().getConnection()) {
      long start = System.nanoTime();
      long rows = QuarterHourTable.createAndFill(connection, meters, period);
      double fillSeconds = seconds(start);
      context
          .out()
          .printf(
              "generated %,d quarter-hour rows for %,d meters in %.1f s%n",
              rows, meters, fillSeconds);

      // Warm-up: one pass of each, so that both are measured with a warm JIT and buffer cache.
      bare(connection, period);
      billing(connection, period, calculator, usage, supply, request -> {});

      double bareBest = Double.MAX_VALUE;
      double billingBest = Double.MAX_VALUE;
      BillingRun checked = null;
      for (int i = 0; i < repeats; i++) {
        start = System.nanoTime();
        long read = bare(connection, period);
        bareBest = Math.min(bareBest, seconds(start));
        start = System.nanoTime();
        BillingRun run = billing(connection, period, calculator, usage, supply, request -> {});
        billingBest = Math.min(billingBest, seconds(start));
        if (read != rows || run.invoices() != meters) {
          throw new IllegalStateException(
              "benchmark read " + read + " rows and billed " + run.invoices() + " meters");
        }
        checked = run;
      }
      checkFirstMeter(connection, period, checked);

      // Warm-up of the issuing path (a separate issuer id, so numbering starts afresh below).
      issuingRun(database, period, calculator, usage, supply, meters, "bench-warm-up");
      IssuingRun issuing = null;
      for (int i = 0; i < repeats; i++) {
        IssuingRun pass =
            issuingRun(database, period, calculator, usage, supply, meters, "bench-dso-" + i);
        issuing = issuing == null || pass.seconds() < issuing.seconds() ? pass : issuing;
      }
      double issueSeconds = issuing.seconds();
      if (issuing.grossTotal().compareTo(checked.grossTotal()) != 0) {
        throw new IllegalStateException(
            "issued gross " + issuing.grossTotal() + ", calculated " + checked.grossTotal());
      }
      return report(context, meters, rows, fillSeconds, bareBest, billingBest, issuing, checked);
    }
  }

  private static long bare(Connection connection, Interval period) throws Exception {
    long[] checksum = new long[1];
    long rows =
        QuarterHourTable.stream(
            connection,
            period,
            (meter, startSeconds, active, reactiveImport, reactiveExport) ->
                checksum[0] += meter + startSeconds + active + reactiveImport + reactiveExport);
    if (checksum[0] == 42) {
      throw new IllegalStateException(
          "unlikely checksum; keeps the read from being optimised away");
    }
    return rows;
  }

  private static BillingRun billing(
      Connection connection,
      Interval period,
      InvoiceCalculator calculator,
      CatalogueTimeline usage,
      CatalogueTimeline supply,
      java.util.function.Consumer<org.fis.billing.calculator.InvoiceRequest> issue)
      throws Exception {
    BillingRun run = new BillingRun(calculator, period, usage, supply, issue);
    QuarterHourTable.stream(connection, period, run);
    run.finish();
    return run;
  }

  /**
   * Streams, bills and issues (stores) every invoice with {@link InvoiceIssuer#issueAll}, {@link
   * #ISSUE_BATCH} per call and per transaction. The issuer calculates each invoice (once) as it
   * issues it.
   */
  private static IssuingRun issuingRun(
      TestDatabase database,
      Interval period,
      InvoiceCalculator calculator,
      CatalogueTimeline usage,
      CatalogueTimeline supply,
      int meters,
      String issuerId)
      throws Exception {
    AtomicLong ids = new AtomicLong();
    InvoiceIssuer issuer =
        InvoiceIssuer.create(
            calculator,
            IssuerConfig.defaults().withNumberingZone(ZONE),
            Clock.systemUTC(),
            () -> new UUID(0xb111L, ids.incrementAndGet()));
    // Counts every statement (a batch counts once) the issuer sends, on a Jdbi of its own.
    AtomicLong statements = new AtomicLong();
    org.jdbi.v3.core.Jdbi counted = org.jdbi.v3.core.Jdbi.create(database.dataSource());
    counted.setSqlLogger(
        new org.jdbi.v3.core.statement.SqlLogger() {
          @Override
          public void logAfterExecution(org.jdbi.v3.core.statement.StatementContext context) {
            statements.incrementAndGet();
          }
        });
    long start = System.nanoTime();
    try (Connection connection = database.dataSource().getConnection();
        Handle handle = counted.open()) {
      IssuingSink sink = new IssuingSink(handle, issuer, issuerId);
      BillingRun run = billing(connection, period, null, usage, supply, sink);
      sink.flush();
      if (run.invoices() != meters || sink.issued != meters) {
        throw new IllegalStateException(
            "issued " + sink.issued + " of " + meters + " (" + run.invoices() + " requests)");
      }
      return new IssuingRun(seconds(start), statements.get(), sink.batches, sink.gross);
    }
  }

  /** What the issuing run measured. */
  private record IssuingRun(double seconds, long statements, long batches, BigDecimal grossTotal) {}

  /** Collects requests and issues them {@link #ISSUE_BATCH} at a time, one transaction each. */
  private static final class IssuingSink
      implements java.util.function.Consumer<org.fis.billing.calculator.InvoiceRequest> {
    private final Handle handle;
    private final InvoiceIssuer issuer;
    private final String issuerId;
    private final List<IssueRequest> batch = new java.util.ArrayList<>(ISSUE_BATCH);
    private long issued;
    private long batches;
    private BigDecimal gross = BigDecimal.ZERO;

    IssuingSink(Handle handle, InvoiceIssuer issuer, String issuerId) {
      this.handle = handle;
      this.issuer = issuer;
      this.issuerId = issuerId;
    }

    @Override
    public void accept(org.fis.billing.calculator.InvoiceRequest request) {
      batch.add(new IssueRequest(issuerId, request, List.of()));
      if (batch.size() == ISSUE_BATCH) {
        flush();
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      List<org.fis.billing.issuing.IssueResult> results =
          handle.inTransaction(h -> issuer.issueAll(h, batch));
      for (org.fis.billing.issuing.IssueResult result : results) {
        if (!(result instanceof org.fis.billing.issuing.IssueResult.Issued fresh)) {
          throw new IllegalStateException("not issued: " + result);
        }
        issued++;
        gross = gross.add(fresh.invoice().invoice().grossTotal());
      }
      batches++;
      batch.clear();
    }
  }

  private static void checkFirstMeter(Connection connection, Interval period, BillingRun run)
      throws Exception {
    BigDecimal sqlKwh =
        BigDecimal.valueOf(QuarterHourTable.activeImportWh(connection, 1, period), 3);
    // High and low are rounded to whole kWh each: at most 1 kWh apart from the exact sum.
    if (sqlKwh.subtract(run.firstMeterKwh()).abs().compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalStateException(
          "meter 1 billed " + run.firstMeterKwh() + " kWh, SQL sums " + sqlKwh);
    }
  }

  private static BenchResult report(
      BenchContext context,
      int meters,
      long rows,
      double fillSeconds,
      double bareSeconds,
      double billingSeconds,
      IssuingRun issuing,
      BillingRun run) {
    double issueSeconds = issuing.seconds();
    context.out().printf("%-52s %10s %14s%n", "scenario", "seconds", "rows/s");
    context
        .out()
        .printf(
            "%-52s %10.2f %,14.0f%n",
            "bare SELECT, streamed (baseline)", bareSeconds, rows / bareSeconds);
    context
        .out()
        .printf(
            "%-52s %10.2f %,14.0f%n",
            "billing run: stream + calculate " + meters + " invoices",
            billingSeconds,
            rows / billingSeconds);
    context
        .out()
        .printf(
            "%-52s %10.2f %,14.0f%n",
            "billing run + issue and store (issueAll, " + ISSUE_BATCH + " per transaction)",
            issueSeconds,
            rows / issueSeconds);
    context
        .out()
        .printf(
            "%-52s %10.2f%n",
            "ratio billing / bare read (goal <= 2)", billingSeconds / bareSeconds);
    context
        .out()
        .printf(
            "%-52s %10.2f%n",
            "ratio issuing run / bare read (goal <= 2)", issueSeconds / bareSeconds);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("meters", meters);
    details.put("quarter-hour rows", rows);
    details.put("generate rows (s)", round(fillSeconds));
    details.put("bare read (rows/s)", Math.round(rows / bareSeconds));
    details.put("billing run (rows/s)", Math.round(rows / billingSeconds));
    details.put("billing run with issuing and storing (s)", round(issueSeconds));
    details.put("invoices per issuing transaction", ISSUE_BATCH);
    details.put("issuing statements (batches count once)", issuing.statements());
    details.put("issuing transactions", issuing.batches());
    details.put("issuing statements per invoice", round(issuing.statements() / (double) meters));
    details.put("ratio issuing run / bare read", round(issueSeconds / bareSeconds));
    details.put("invoices", run.invoices());
    details.put("warnings", run.warnings());
    details.put("gross total of all invoices (EUR)", run.grossTotal().toPlainString());
    details.put("fetch size", QuarterHourTable.FETCH_SIZE);
    details.put(
        "tariff model",
        "LV_DUAL_POWER (calendar split, peak, reactive, meter fee, price change on the 16th)");
    details.put("best of", context.quick() ? 2 : REPEATS);
    details.put("available processors", Runtime.getRuntime().availableProcessors());
    return new BenchResult(
        "billing",
        "s (billing run)",
        billingSeconds,
        "the same SELECT streamed with nothing done",
        bareSeconds,
        "lower",
        context.quick(),
        details);
  }

  private static CatalogueTimeline usageCatalogues(Instant priceChange) {
    return new CatalogueTimeline(
        List.of(
            catalogue("usage-2025", ItemGroup.USAGE, Instant.EPOCH, priceChange, "0.041", "25"),
            catalogue("usage-2026", ItemGroup.USAGE, priceChange, null, "0.045", "25")));
  }

  private static Catalogue catalogue(
      String id, ItemGroup group, Instant from, Instant until, String energyPrice, String vat) {
    Map<ItemKind, Price> prices = new EnumMap<>(ItemKind.class);
    for (ItemKind kind : ItemKind.values()) {
      if (kind.group() != group) {
        continue;
      }
      String price =
          switch (kind) {
            case USAGE_PEAK_POWER_HIGH -> "4.35";
            case USAGE_METER_FEE -> "2.65";
            case USAGE_EXCESS_REACTIVE_ENERGY -> "0.016";
            case SUPPLY_RENEWABLE_ENERGY_FEE -> "0.013936";
            case SUPPLY_BUSINESS_USAGE_FEE -> "0.0005";
            default -> energyPrice;
          };
      prices.put(kind, Price.of(price, vat));
    }
    return new Catalogue(id, "EUR", from, until, prices);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
