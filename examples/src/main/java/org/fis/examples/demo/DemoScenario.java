package org.fis.examples.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fis.accountingpoint.AccountingPointAdapter;
import org.fis.accountingpoint.AccountingPoints;
import org.fis.accountingpoint.FetchResult;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.SyncConfig;
import org.fis.accountingpoint.SyncMetrics;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.CatalogueTimeline;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.MeterBilling;
import org.fis.billing.calculator.TariffCalendar;
import org.fis.billing.calculator.TariffModel;
import org.fis.billing.issuing.InvoiceIssuer;
import org.fis.billing.issuing.IssueResult;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.issuing.IssuerConfig;
import org.fis.billingiot.IotBillingConfig;
import org.fis.billingiot.IotBillingInput;
import org.fis.billingiot.MeterUsage;
import org.fis.examples.schedules.ReadySchedule;
import org.fis.examples.schedules.SuiteSchedules;
import org.fis.iot.AggregateFolder;
import org.fis.iot.AggregateQueries;
import org.fis.iot.DeviceRegistry;
import org.fis.iot.IngestMetrics;
import org.fis.iot.IotConfig;
import org.fis.iot.MeterModels;
import org.fis.iot.PollHandler;
import org.fis.iot.PushHandler;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.iot.simulator.SimulatedGateway;
import org.fis.jobs.JobProcessor;
import org.fis.jobs.JobProcessorConfig;
import org.fis.jobs.JobQueue;
import org.fis.jobs.JobScheduler;
import org.fis.jobs.JobSchedulerConfig;
import org.fis.jobs.JobState;
import org.fis.jobs.Schedule;
import org.fis.ledger.AsyncBalanceJobs;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import org.fis.ledger.TrialBalance;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.jdbi.v3.core.Jdbi;

/**
 * The whole suite in one host: sync accounting points from a simulated datahub, ingest a month of
 * meter readings pushed over HTTP, bill every network user, post each invoice to the journal in the
 * same transaction as issuing it, let the job processor bring the asynchronous balances up to date,
 * check that everything adds up, and write an HTML report.
 *
 * <p>This class is the composition a host writes; each step is a few calls into one module.
 */
public final class DemoScenario {
  /** How long the job processor may take to apply the asynchronous balances. */
  static final Duration JOBS_WAIT_MAX = Duration.ofMinutes(2);

  private final Jdbi jdbi;
  private final DemoOptions options;
  private final Clock clock;
  private final PrintStream out;
  private final BillingCalendar calendar;

  /**
   * Prepares a run.
   *
   * @param jdbi the host database, migrated
   * @param options size and shape
   * @param clock the host's clock
   * @param out where progress and the summary go
   */
  public DemoScenario(Jdbi jdbi, DemoOptions options, Clock clock, PrintStream out) {
    this.jdbi = jdbi;
    this.options = options;
    this.clock = clock;
    this.out = out;
    this.calendar = BillingCalendar.defaults().withZone(options.zone());
  }

  /**
   * Runs every step.
   *
   * @return the summary, with the consistency checks
   * @throws Exception when a step fails outright
   */
  public DemoSummary run() throws Exception {
    Interval whole = new Interval(month(0).start(), month(options.months() - 1).end());
    out.printf(
        "%n[1/5] Datahub: %d accounting points from a simulated adapter over HTTP%n",
        options.accountingPoints());
    Map<Gsrn, String> users;
    try (AdapterSimulator simulator = AdapterSimulator.start(Datahub.ADAPTER_KEY)) {
      users =
          Datahub.syncAll(jdbi, simulator, options.accountingPoints(), whole.start(), clock, out);
    }

    out.printf(
        "%n[2/5] Metering: %d meters push quarter-hour readings, %s to %s (%s)%n",
        options.meters(), whole.start(), whole.end(), options.zone());
    IotConfig iot = IotConfig.defaults().withZone(options.zone());
    MeterModels models = MeterModels.builtIn();
    DeviceRegistry registry = new DeviceRegistry(clock, iot, models, new SecureRandom());
    List<String> meters = Metering.meterIds(options.meters());
    long stored;
    try (IotHttpServer server =
        IotHttpServer.start(
            new PushHandler(jdbi, clock, iot, models),
            new PollHandler(jdbi, clock, iot, registry),
            iot.bodyBytesMax())) {
      List<SimulatedGateway> gateways =
          Metering.registerGateways(jdbi, registry, iot, meters, server.baseUri());
      TariffRegisters tariffs =
          new TariffRegisters(
              TariffCalendar.defaults().withZone(options.zone()), options.firstMonth());
      stored = Metering.pushAll(gateways, tariffs, whole.start(), whole.end(), clock, out);
    }
    out.printf("  %d measurements stored and aggregated (quarter hour, day, month)%n", stored);

    out.printf("%n[3/5] Billing and journal: one invoice per network user and month%n");
    AggregateQueries queries = new AggregateQueries(iot, models);
    Ledger ledger =
        Ledger.create(LedgerConfig.defaults(), clock, AsyncBalanceJobs.queue(JobQueue.create()));
    InvoiceIssuer issuer =
        InvoiceIssuer.create(
            InvoiceCalculator.create(
                CalculatorConfig.defaults()
                    .withCalendar(TariffCalendar.defaults().withZone(options.zone()))),
            IssuerConfig.defaults().withBlockingWarnings(Accounting.BLOCKING),
            clock,
            UUID::randomUUID);
    List<IssueResult.Held> held = new ArrayList<>();
    List<IssuedInvoice> invoices = billAll(users, meters, queries, ledger, issuer, whole, held);

    out.printf("%n[4/5] Job processor: asynchronous balances of the revenue accounts%n");
    applyAsyncBalances(ledger, invoices);

    out.printf("%n[5/5] Checks and report%n");
    TrialBalance trialBalance =
        jdbi.withHandle(
            h -> ledger.trialBalance(h, Accounting.LEDGER, null, clock.instant().plusSeconds(1)));
    List<DemoSummary.Check> checks =
        DemoChecks.run(
            jdbi,
            ledger,
            queries,
            users,
            meters,
            options.accountingPoints(),
            invoices,
            trialBalance,
            whole,
            stored);
    java.nio.file.Path report =
        ReportWriter.write(
            options.reportDirectory(),
            Accounting.issuerProfile(options.zone()),
            invoices,
            held,
            i -> jdbi.withHandle(h -> issuer.snapshots(h, Accounting.ISSUER, i.invoiceId())),
            trialBalance,
            checks);
    return new DemoSummary(users.size(), stored, invoices, trialBalance, checks, report);
  }

  private Interval month(int index) {
    YearMonth month = options.firstMonth().plusMonths(index);
    return calendar.month(month);
  }

  private List<IssuedInvoice> billAll(
      Map<Gsrn, String> users,
      List<String> meters,
      AggregateQueries queries,
      Ledger ledger,
      InvoiceIssuer issuer,
      Interval whole,
      List<IssueResult.Held> held) {
    Map<String, List<Integer>> pointsByUser = new LinkedHashMap<>();
    List<Gsrn> gsrns = new ArrayList<>(users.keySet());
    for (int i = 0; i < gsrns.size(); i++) {
      pointsByUser.computeIfAbsent(users.get(gsrns.get(i)), k -> new ArrayList<>()).add(i);
    }
    // The host's register: name, address and a pseudonymous account key per network user.
    SecureRandom random = new SecureRandom();
    Map<String, String> accountKeys = new LinkedHashMap<>();
    jdbi.useTransaction(
        h -> {
          List<String> endUsers = new ArrayList<>(pointsByUser.keySet());
          for (int i = 0; i < endUsers.size(); i++) {
            String user = endUsers.get(i);
            accountKeys.put(
                user, NetworkUsers.register(h, user, NetworkUsers.demoParty(i, user), random));
          }
          Accounting.openBooks(h, ledger, new ArrayList<>(accountKeys.values()));
        });
    IotBillingInput bridge = IotBillingInput.create(queries, IotBillingConfig.defaults());
    CatalogueTimeline usage = Accounting.usageCatalogues(whole.start());
    CatalogueTimeline supply = Accounting.supplyCatalogues(whole.start());
    List<IssuedInvoice> invoices = new ArrayList<>();
    long total = (long) pointsByUser.size() * options.months();
    try (Progress progress = Progress.start(out, "Issuing and posting", total)) {
      for (int m = 0; m < options.months(); m++) {
        Interval period = month(m);
        for (Map.Entry<String, List<Integer>> user : pointsByUser.entrySet()) {
          List<Integer> points = user.getValue();
          IssueResult result =
              jdbi.inTransaction(
                  h -> {
                    List<MeterBilling> billed = new ArrayList<>();
                    for (int point : points) {
                      for (int k = point; k < meters.size(); k += gsrns.size()) {
                        MeterUsage read = bridge.usage(h, meters.get(k), period);
                        billed.add(
                            new MeterBilling(
                                gsrns.get(point).value(),
                                read.meterId(),
                                point % 2 == 0
                                    ? TariffModel.DUAL_TARIFF_LV
                                    : TariffModel.DUAL_TARIFF_POWER_LV,
                                whole.start(),
                                null,
                                usage,
                                supply,
                                read.readings(),
                                read.quarterHours()));
                      }
                    }
                    if (billed.isEmpty()) {
                      return null; // a network user without a meter has nothing to bill
                    }
                    return Accounting.issueAndPost(
                        h,
                        issuer,
                        ledger,
                        new InvoiceRequest(user.getKey(), period, billed),
                        accountKeys.get(user.getKey()),
                        NetworkUsers.party(h, user.getKey()).orElseThrow());
                  });
          if (result instanceof IssueResult.Held hold) {
            held.add(hold);
          } else if (result != null) {
            invoices.add(result.invoice());
          }
          progress.advance(1);
        }
      }
    }
    BigDecimal gross =
        invoices.stream()
            .map(i -> i.invoice().grossTotal())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    long warned = invoices.stream().filter(i -> !i.invoice().warnings().isEmpty()).count();
    out.printf(
        "  %d invoices issued and posted, gross total %s %s; %d with warnings for review,"
            + " %d held back%n",
        invoices.size(), gross, Accounting.CURRENCY, warned, held.size());
    return invoices;
  }

  private void applyAsyncBalances(Ledger ledger, List<IssuedInvoice> invoices)
      throws InterruptedException {
    BigDecimal network =
        invoices.stream()
            .map(i -> i.invoice().usageTotal())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal supply =
        invoices.stream()
            .map(i -> i.invoice().supplyTotal())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    long deadline = System.nanoTime() + JOBS_WAIT_MAX.toNanos();
    JobScheduler scheduler = JobScheduler.create(jdbi, JobSchedulerConfig.defaults(), clock);
    try (JobProcessor processor = JobProcessor.create(jdbi, JobProcessorConfig.defaults())) {
      AsyncBalanceJobs.register(processor, ledger);
      // The suite's own periodic work, one line each (see SuiteSchedules).
      List<ReadySchedule> ready =
          List.of(
              SuiteSchedules.ledgerHoldExpiry(ledger, Accounting.LEDGER)
                  .registerOn(scheduler, processor),
              SuiteSchedules.iotRawPartitionAhead().registerOn(scheduler, processor),
              SuiteSchedules.iotAggregateFold(
                      AggregateFolder.create(clock, IngestMetrics.NONE), jdbi)
                  .registerOn(scheduler, processor),
              SuiteSchedules.personalDataPurge(retentionOnly().retention())
                  .registerOn(scheduler, processor));
      processor.start();
      runReadySchedulesOnce(scheduler, ready);
      while (!caughtUp(ledger, Accounting.REVENUE_NETWORK, network)
          || !caughtUp(ledger, Accounting.REVENUE_SUPPLY, supply)) {
        if (System.nanoTime() > deadline) {
          out.println("  the job processor did not catch up within " + JOBS_WAIT_MAX);
          break;
        }
        Thread.sleep(100);
      }
      out.printf(
          "  jobs claimed %d, succeeded %d, retried %d, dead %d%n",
          processor.metrics().claimed(),
          processor.metrics().succeeded(),
          processor.metrics().retried(),
          processor.metrics().dead());
    }
  }

  /**
   * Stores the ready schedules and runs each once now (the demo does not wait for their next
   * instants; {@code fis serve} ticks them on their recurrences).
   */
  /**
   * The accounting point module for its personal-data purge alone, which reads and deletes local
   * rows and never calls the adapter (the demo's simulated adapter is closed by now).
   */
  private AccountingPoints retentionOnly() {
    AccountingPointAdapter noAdapter =
        (gsrn, validFrom) ->
            new FetchResult.Failed(
                gsrn, FetchResult.Kind.UNAVAILABLE, "the demo's purge calls no adapter", 0);
    return AccountingPoints.create(
        SyncConfig.defaults().withRetention(Duration.ofDays(30)),
        jdbi,
        clock,
        SyncMetrics.NONE,
        noAdapter);
  }

  private void runReadySchedulesOnce(JobScheduler scheduler, List<ReadySchedule> ready)
      throws InterruptedException {
    scheduler.storeDefinitions();
    List<Long> ids =
        jdbi.inTransaction(
            h -> {
              List<Long> jobs = new java.util.ArrayList<>();
              for (ReadySchedule schedule : ready) {
                jobs.add(scheduler.runNow(h, schedule.schedule().name()).orElseThrow());
              }
              return jobs;
            });
    JobQueue queue = JobQueue.create();
    long deadline = System.nanoTime() + JOBS_WAIT_MAX.toNanos();
    for (int i = 0; i < ids.size(); i++) {
      long id = ids.get(i);
      while (jdbi.withHandle(h -> queue.find(h, id)).orElseThrow().state() != JobState.SUCCEEDED
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      out.printf(
          "  ready schedule %-40s %-12s -> %s%n",
          ready.get(i).schedule().name(),
          ready.get(i).schedule().recurrence() instanceof Schedule.Cron c
              ? c.expression().toString()
              : "fixed delay",
          jdbi.withHandle(h -> queue.find(h, id)).orElseThrow().state());
    }
  }

  private boolean caughtUp(Ledger ledger, String account, BigDecimal expectedCredits) {
    BigDecimal credits = jdbi.withHandle(h -> ledger.balance(h, account).credits());
    return credits.compareTo(expectedCredits) == 0;
  }
}
