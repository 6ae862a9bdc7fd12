package org.fis.examples.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fis.examples.bench.ledger.LedgerWorkload;
import org.fis.examples.bench.ledger.PlainInserts;
import org.fis.jobs.JobQueue;
import org.fis.jobs.JobsMigrations;
import org.fis.ledger.AccountDefinition;
import org.fis.ledger.AccountType;
import org.fis.ledger.AsyncBalanceJobs;
import org.fis.ledger.BalanceMode;
import org.fis.ledger.Ledger;
import org.fis.ledger.LedgerConfig;
import org.fis.ledger.LedgerDefinition;
import org.fis.ledger.LedgerMigrations;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.PostingResult;
import org.fis.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code fis bench ledger}: two-line transfers per second through the ledger API (one posting per
 * transaction, and bulk submits of {@value #BATCH_SIZE} postings per transaction) among 1,000
 * accounts and among 10 hot accounts, against plain INSERTs of the same rows (one posting row and
 * two entry rows per transfer) in the same run on the same PostgreSQL.
 */
public final class LedgerBenchmark implements Benchmark {
  /** Transfers per bulk submit (and per plain bulk insert). */
  public static final int BATCH_SIZE = 100;

  /** Accounts in the wide scenarios. */
  public static final int WIDE_ACCOUNTS = 1_000;

  /** Accounts in the hot scenarios. */
  public static final int HOT_ACCOUNTS = 10;

  /** Concurrent transactions in the single-posting scenarios. */
  public static final int SINGLE_THREADS = 8;

  /** Concurrent transactions in the bulk scenarios. */
  public static final int BULK_THREADS = 4;

  private static final String LEDGER = "bench";

  /** Creates the benchmark. */
  public LedgerBenchmark() {}

  @Override
  public String area() {
    return "ledger";
  }

  private interface Step {
    /** Runs one unit of work and returns how many transfers it completed. */
    int run(LedgerWorkload workload) throws Exception;
  }

  private record Scenario(String name, int threads, List<String> accounts, Step step) {}

  @Override
  public BenchResult run(BenchContext context) throws Exception {
    Duration duration = context.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(15);
    Duration warmup = context.quick() ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
    try (TestDatabase database =
        context.freshDatabase(JobsMigrations::migrate, LedgerMigrations::migrate)) {
      Jdbi jdbi = database.jdbi();
      Ledger ledger =
          Ledger.create(
              LedgerConfig.defaults(),
              Clock.systemUTC(),
              AsyncBalanceJobs.queue(JobQueue.create()));
      List<String> wide = openAccounts(jdbi, ledger, "w", WIDE_ACCOUNTS, BalanceMode.SYNCHRONOUS);
      List<String> hot = openAccounts(jdbi, ledger, "h", HOT_ACCOUNTS, BalanceMode.SYNCHRONOUS);
      List<String> hotAsync =
          openAccounts(jdbi, ledger, "x", HOT_ACCOUNTS, BalanceMode.ASYNCHRONOUS);
      jdbi.useHandle(PlainInserts::createTables);

      Step apiSingle = w -> posted(jdbi.inTransaction(h -> List.of(ledger.post(h, w.next()))));
      Step apiBulk = w -> posted(jdbi.inTransaction(h -> ledger.submit(h, w.next(BATCH_SIZE))));
      Step plainSingle =
          w -> {
            PostingRequest request = w.next();
            jdbi.useTransaction(h -> PlainInserts.insertOne(h, request));
            return 1;
          };
      Step plainBulk =
          w -> {
            List<PostingRequest> batch = w.next(BATCH_SIZE);
            jdbi.useTransaction(h -> PlainInserts.insertMany(h, batch));
            return BATCH_SIZE;
          };
      List<Scenario> scenarios =
          List.of(
              new Scenario(
                  "plain INSERT, single, 1,000 accounts", SINGLE_THREADS, wide, plainSingle),
              new Scenario("API post, single, 1,000 accounts", SINGLE_THREADS, wide, apiSingle),
              new Scenario("API post, single, 10 hot accounts", SINGLE_THREADS, hot, apiSingle),
              new Scenario(
                  "API post, single, 10 hot async accounts", SINGLE_THREADS, hotAsync, apiSingle),
              new Scenario("plain INSERT, bulk, 1,000 accounts", BULK_THREADS, wide, plainBulk),
              new Scenario("API submit, bulk, 1,000 accounts", BULK_THREADS, wide, apiBulk),
              new Scenario("API submit, bulk, 10 hot accounts", BULK_THREADS, hot, apiBulk),
              new Scenario(
                  "API submit, bulk, 10 hot async accounts", BULK_THREADS, hotAsync, apiBulk));

      measure(new Scenario("warm-up", SINGLE_THREADS, wide, apiSingle), warmup, "warm");
      measure(new Scenario("warm-up", SINGLE_THREADS, wide, plainSingle), warmup, "warm-plain");
      Map<String, Double> rates = new LinkedHashMap<>();
      int index = 0;
      for (Scenario scenario : scenarios) {
        double rate = measure(scenario, duration, "s" + index++);
        rates.put(scenario.name(), rate);
      }
      return report(context, duration, rates);
    }
  }

  private static int posted(List<PostingResult> results) {
    for (PostingResult result : results) {
      if (!(result instanceof PostingResult.Posted)) {
        throw new IllegalStateException("benchmark transfer was not posted: " + result);
      }
    }
    return results.size();
  }

  private static List<String> openAccounts(
      Jdbi jdbi, Ledger ledger, String prefix, int count, BalanceMode mode) {
    List<String> ids = new ArrayList<>();
    jdbi.useTransaction(
        h -> {
          ledger.createLedger(h, new LedgerDefinition(LEDGER, "Benchmark"));
          for (int i = 0; i < count; i++) {
            String id = String.format("%s%04d", prefix, i);
            ledger.openAccount(
                h,
                AccountDefinition.of(id, LEDGER, id, AccountType.ASSET, "EUR")
                    .withBalanceMode(mode));
            ids.add(id);
          }
        });
    return ids;
  }

  /** Runs the scenario's threads until the deadline and returns transfers per second. */
  private static double measure(Scenario scenario, Duration duration, String prefix)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(scenario.threads());
    AtomicLong transfers = new AtomicLong();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < scenario.threads(); t++) {
      LedgerWorkload workload =
          new LedgerWorkload(LEDGER, scenario.accounts(), prefix + "-" + t, 31L * t + 7);
      futures.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < deadline) {
                  transfers.addAndGet(scenario.step().run(workload));
                }
                return null;
              }));
    }
    pool.shutdown();
    if (!pool.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS)) {
      pool.shutdownNow();
      throw new IllegalStateException("scenario did not finish: " + scenario.name());
    }
    for (Future<?> future : futures) {
      future.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return transfers.get() / seconds;
  }

  private static BenchResult report(
      BenchContext context, Duration duration, Map<String, Double> rates) {
    double apiBulk = rates.get("API submit, bulk, 1,000 accounts");
    double plainBulk = rates.get("plain INSERT, bulk, 1,000 accounts");
    double apiSingle = rates.get("API post, single, 1,000 accounts");
    double plainSingle = rates.get("plain INSERT, single, 1,000 accounts");
    context.out().printf("%-44s %14s%n", "scenario", "transfers/s");
    rates.forEach((name, rate) -> context.out().printf("%-44s %,14.0f%n", name, rate));
    context.out().printf("%-44s %14.2f%n", "ratio API/plain, single", apiSingle / plainSingle);
    context.out().printf("%-44s %14.2f%n", "ratio API/plain, bulk", apiBulk / plainBulk);
    Map<String, Object> details = new LinkedHashMap<>();
    rates.forEach((name, rate) -> details.put(name + " (transfers/s)", Math.round(rate)));
    details.put("ratio API/plain single", round(apiSingle / plainSingle));
    details.put("ratio API/plain bulk", round(apiBulk / plainBulk));
    details.put(
        "rows per transfer",
        "1 posting + 2 entries (plain); the API also writes"
            + " 2 balance updates, 2 chain links or 1-2 balance tasks and jobs");
    details.put("batch size", BATCH_SIZE);
    details.put("single threads", SINGLE_THREADS);
    details.put("bulk threads", BULK_THREADS);
    details.put("seconds per scenario", duration.toSeconds());
    details.put("available processors", Runtime.getRuntime().availableProcessors());
    return new BenchResult(
        "ledger",
        "transfers/s",
        apiBulk,
        "plain INSERTs of the same rows (1 posting + 2 entries per transfer), bulk, same threads",
        plainBulk,
        "higher",
        context.quick(),
        details);
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
