package org.fis.examples;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fis.accountingpoint.AccountingPoints;
import org.fis.accountingpoint.AdapterConfig;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.InMemorySyncMetrics;
import org.fis.accountingpoint.SyncConfig;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.examples.iot.IotJettyServer;
import org.fis.examples.schedules.SuiteSchedules;
import org.fis.iot.AggregateFolder;
import org.fis.iot.DeviceConfig;
import org.fis.iot.DeviceRegistry;
import org.fis.iot.IngestMetrics;
import org.fis.iot.IotConfig;
import org.fis.iot.MeterModels;
import org.fis.iot.PollHandler;
import org.fis.iot.PushHandler;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.jobs.JobProcessor;
import org.fis.jobs.JobProcessorConfig;
import org.fis.jobs.JobQueue;
import org.fis.jobs.JobScheduler;
import org.fis.jobs.JobSchedulerConfig;
import org.fis.ledger.AsyncBalanceJobs;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fis serve}: the IoT push/poll endpoints and a simulated datahub adapter on loopback, for
 * trying the protocols with curl. Runs until interrupted (or for {@code --seconds}).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the IoT endpoints and a simulated datahub adapter on loopback.",
      "The push/poll endpoints have one registered gateway device; curl examples are printed."
          + " Stops on Ctrl-C or after --seconds."
    })
public final class ServeCommand implements Callable<Integer> {
  static final String DEVICE_ID = "gateway-curl";
  static final String DEVICE_SECRET = "try-me-with-curl-0123456789";

  @Option(names = "--jdbc-url", description = "Use this PostgreSQL instead of an embedded one.")
  String jdbcUrl;

  @Option(
      names = "--accounting-points",
      defaultValue = "10",
      description = "Accounting points the simulated adapter serves. Default: ${DEFAULT-VALUE}.")
  int accountingPoints;

  @Option(
      names = "--seconds",
      defaultValue = "0",
      description = "Stop after this many seconds (0 = run until interrupted).")
  long seconds;

  /** Creates the command; picocli does this. */
  public ServeCommand() {}

  @Override
  public Integer call() throws Exception {
    if (accountingPoints < 1 || accountingPoints > 100_000) {
      throw new IllegalArgumentException(
          "--accounting-points: must be between 1 and 100000, got " + accountingPoints);
    }
    if (seconds < 0) {
      throw new IllegalArgumentException("--seconds: must not be negative, got " + seconds);
    }
    Clock clock = Clock.systemUTC();
    try (HostDatabase database = HostDatabase.open(jdbcUrl, System.out)) {
      ModuleMigrations.migrateAll(database.dataSource(), System.out);
      IotConfig iot = IotConfig.defaults();
      MeterModels models = MeterModels.builtIn();
      DeviceRegistry registry = new DeviceRegistry(clock, iot, models, new SecureRandom());
      List<DeviceConfig.MeterAssignment> meters = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        meters.add(new DeviceConfig.MeterAssignment("meter-" + i, MeterModels.ABB_B2X, Map.of()));
      }
      database
          .jdbi()
          .useTransaction(
              h -> {
                registry.register(h, DEVICE_ID, Duration.ofHours(1));
                registry.addKey(h, DEVICE_ID, "k1", DEVICE_SECRET);
                registry.configure(
                    h, DEVICE_ID, new DeviceConfig(Duration.ofMinutes(15), meters, List.of()));
              });
      try (AdapterSimulator adapter = AdapterSimulator.start(DemoKeys.ADAPTER_KEY);
          IotJettyServer server =
              IotJettyServer.start(
                  new PushHandler(database.jdbi(), clock, iot, models),
                  new PollHandler(database.jdbi(), clock, iot, registry),
                  iot.bodyBytesMax())) {
        List<Gsrn> gsrns =
            adapter.generate(accountingPoints, Instant.parse("2026-01-01T00:00:00Z"));
        try (JobProcessor processor =
                JobProcessor.create(
                    database.jdbi(), JobProcessorConfig.defaults().withListenToEnqueues(true));
            JobScheduler scheduler =
                JobScheduler.create(database.jdbi(), JobSchedulerConfig.defaults(), clock)) {
          registerSuiteSchedules(database, adapter, clock, processor, scheduler);
          processor.start();
          scheduler.start();
          printUsage(database, server, adapter, gsrns);
          awaitStop();
        }
      }
    }
    return 0;
  }

  /** The suite's own periodic work on fis-jobs, one line each (see SuiteSchedules). */
  private static void registerSuiteSchedules(
      HostDatabase database,
      AdapterSimulator adapter,
      Clock clock,
      JobProcessor processor,
      JobScheduler scheduler) {
    Ledger ledger =
        Ledger.create(LedgerConfig.defaults(), clock, AsyncBalanceJobs.queue(JobQueue.create()));
    AsyncBalanceJobs.register(processor, ledger);
    AccountingPoints points =
        AccountingPoints.create(
            SyncConfig.defaults(),
            database.jdbi(),
            clock,
            new InMemorySyncMetrics(),
            AdapterConfig.defaults(adapter.baseUri(), DemoKeys.ADAPTER_KEY));
    SuiteSchedules.ledgerHoldExpiry(ledger, "main").registerOn(scheduler, processor);
    SuiteSchedules.iotRawPartitionAhead().registerOn(scheduler, processor);
    SuiteSchedules.iotAggregateFold(
            AggregateFolder.create(clock, IngestMetrics.NONE), database.jdbi())
        .registerOn(scheduler, processor);
    SuiteSchedules.personalDataPurge(points.retention()).registerOn(scheduler, processor);
    SuiteSchedules.accountingPointBackgroundRound(points.engine()).registerOn(scheduler, processor);
  }

  private void printUsage(
      HostDatabase database, IotJettyServer server, AdapterSimulator adapter, List<Gsrn> gsrns) {
    System.out.printf("%nDatabase:           %s%n", database.description());
    System.out.printf("IoT push endpoint:  %s%s%n", server.baseUri(), IotHttpServer.PUSH_PATH);
    System.out.printf("IoT poll endpoint:  %s%s%n", server.baseUri(), IotHttpServer.POLL_PATH);
    System.out.printf(
        "Device:             %s, secret %s, meters meter-1..meter-4 (abb-B2x)%n",
        DEVICE_ID, DEVICE_SECRET);
    System.out.printf(
        "Datahub adapter:    %s (Bearer %s)%n", adapter.baseUri(), DemoKeys.ADAPTER_KEY);
    System.out.printf(
        "Accounting points:  %s … %s%n", gsrns.get(0).value(), gsrns.get(gsrns.size() - 1).value());
    System.out.println();
    System.out.println("Try (see fis-iot-protocol/README.md for the headers and body):");
    System.out.printf(
        "  curl -s -H 'Authorization: Bearer %s' '%s/accountingpoints/%s'%n",
        DemoKeys.ADAPTER_KEY, adapter.baseUri(), gsrns.get(0).value());
    System.out.printf(
        "  curl -s -X POST --data-binary @push.json -H 'Content-Type: application/json' \\%n"
            + "       -H 'X-Fis-Device-Id: %s' -H 'Authorization: Bearer %s' %s%s%n",
        DEVICE_ID, DEVICE_SECRET, server.baseUri(), IotHttpServer.PUSH_PATH);
    System.out.println(
        "Job processor:      fis-jobs, with the suite's schedules (hold expiry, IoT partitions"
            + " ahead, personal-data purge, accounting point background round)");
    System.out.println(seconds > 0 ? "Serving for " + seconds + " s." : "Serving; Ctrl-C stops.");
  }

  private void awaitStop() throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "fis-serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (seconds > 0) {
        stop.await(seconds, TimeUnit.SECONDS);
      } else {
        stop.await();
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already shutting down (Ctrl-C): the resources close on the way out.
      }
    }
  }
}
