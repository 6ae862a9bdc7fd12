package org.fis.examples.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fis.examples.bench.ledger.LedgerProfile;
import org.fis.examples.bench.ledger.LedgerWorkload;
import org.fis.examples.bench.ledger.PlainInserts;
import org.fis.examples.bench.ledger.ReferenceLedger;
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
 * transaction, and bulk submits of {@value #BATCH_SIZE} postings per transaction) among {@value
 * #WIDE_ACCOUNTS} accounts and among {@value #HOT_ACCOUNTS} hot accounts, against two baselines in
 * the same run on the same PostgreSQL: plain INSERTs of the same rows, and a reference ledger in
 * the design of pgledger ({@link ReferenceLedger}: one PL/pgSQL call per transfer, mutable
 * balances, one autocommit round trip). Scenarios alternate in rounds; each figure is the median of
 * the rounds. Then the asynchronous balance drain (tasks applied per second on one thread, with the
 * statistics empty, stale and fresh) and a serial profile of each write path (wall, JVM CPU and
 * server CPU per transfer).
 */
public final class LedgerBenchmark implements Benchmark {
  /** Transfers per bulk submit (and per plain or reference bulk call). */
  public static final int BATCH_SIZE = 100;

  /** Accounts in the wide scenarios. */
  public static final int WIDE_ACCOUNTS = 50;

  /** Accounts in the hot scenarios. */
  public static final int HOT_ACCOUNTS = 10;

  /** Concurrent transactions in the single-posting scenarios. */
  public static final int SINGLE_THREADS = 8;

  /** Concurrent transactions in the bulk scenarios. */
  public static final int BULK_THREADS = 4;

  /** Transfers posted for each drain measurement. */
  public static final int DRAIN_TRANSFERS = 20_000;

  /** Transfers of history posted (and applied as a backlog) before the later drains. */
  public static final int DRAIN_HISTORY = 250_000;

  /** Transfers posted between two drains of every account. */
  public static final int DRAIN_STEP = 1_000;

  private static final String LEDGER = "bench";

  private static final String REF_SINGLE = "reference, single, 50 accounts";
  private static final String REF_HOT = "reference, single, 10 hot accounts";
  private static final String REF_BULK = "reference, bulk, 50 accounts";
  private static final String PLAIN_SINGLE = "plain INSERT, single, 50 accounts";
  private static final String PLAIN_BULK = "plain INSERT, bulk, 50 accounts";
  private static final String API_SINGLE = "API post, single, 50 accounts";
  private static final String API_HOT = "API post, single, 10 hot accounts";
  private static final String API_HOT_ASYNC = "API post, single, 10 hot async accounts";
  private static final String API_BULK = "API submit, bulk, 50 accounts";
  private static final String API_BULK_ASYNC = "API submit, bulk, 10 hot async accounts";

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
    Duration duration = context.quick() ? Duration.ofSeconds(3) : Duration.ofSeconds(10);
    Duration warmup = context.quick() ? Duration.ofSeconds(1) : Duration.ofSeconds(5);
    int rounds = context.quick() ? 1 : 3;
    int drainTransfers = context.quick() ? DRAIN_TRANSFERS / 4 : DRAIN_TRANSFERS;
    int drainHistory = context.quick() ? DRAIN_HISTORY / 5 : DRAIN_HISTORY;
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
      List<String> drain = openAccounts(jdbi, ledger, "d", HOT_ACCOUNTS, BalanceMode.ASYNCHRONOUS);
      jdbi.useHandle(PlainInserts::createTables);
      List<String> referenceAccounts = new ArrayList<>(wide);
      referenceAccounts.addAll(hot);
      jdbi.useHandle(h -> ReferenceLedger.create(h, referenceAccounts));
      // The drain's statistics states are set by the benchmark, not by autovacuum's timing.
      jdbi.useHandle(
          h -> {
            for (String table : List.of("balance_task", "balance_task_applied", "posting")) {
              h.execute("ALTER TABLE fis_ledger." + table + " SET (autovacuum_enabled = false)");
            }
            h.execute(
                "ANALYZE fis_ledger.balance_task, fis_ledger.balance_task_applied,"
                    + " fis_ledger.posting");
          });
      Map<String, Object> drainRates = new LinkedHashMap<>();
      drainRates.put(
          "empty statistics (tasks/s)",
          Math.round(drainMeasured(jdbi, ledger, drain, drainTransfers, "de")));

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
      Step referenceSingle =
          w -> {
            PostingRequest request = w.next();
            jdbi.useHandle(h -> ReferenceLedger.transfer(h.getConnection(), request));
            return 1;
          };
      Step referenceBulk =
          w -> {
            List<PostingRequest> batch = w.next(BATCH_SIZE);
            jdbi.useHandle(h -> ReferenceLedger.transfers(h.getConnection(), batch));
            return BATCH_SIZE;
          };
      List<Scenario> scenarios =
          List.of(
              new Scenario(REF_SINGLE, SINGLE_THREADS, wide, referenceSingle),
              new Scenario(API_SINGLE, SINGLE_THREADS, wide, apiSingle),
              new Scenario(REF_HOT, SINGLE_THREADS, hot, referenceSingle),
              new Scenario(API_HOT, SINGLE_THREADS, hot, apiSingle),
              new Scenario(API_HOT_ASYNC, SINGLE_THREADS, hotAsync, apiSingle),
              new Scenario(PLAIN_SINGLE, SINGLE_THREADS, wide, plainSingle),
              new Scenario(REF_BULK, BULK_THREADS, wide, referenceBulk),
              new Scenario(API_BULK, BULK_THREADS, wide, apiBulk),
              new Scenario(API_BULK_ASYNC, BULK_THREADS, hotAsync, apiBulk),
              new Scenario(PLAIN_BULK, BULK_THREADS, wide, plainBulk));

      measure(new Scenario("warm-up", SINGLE_THREADS, wide, apiSingle), warmup, "warm");
      measure(new Scenario("warm-up", SINGLE_THREADS, wide, referenceSingle), warmup, "warm-r");
      measure(new Scenario("warm-up", SINGLE_THREADS, wide, plainSingle), warmup, "warm-plain");
      Map<String, double[]> samples = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        int index = 0;
        for (Scenario scenario : scenarios) {
          double rate = measure(scenario, duration, "r" + round + "s" + index++);
          samples.computeIfAbsent(scenario.name(), k -> new double[rounds])[round] = rate;
        }
      }
      Map<String, Double> rates = new LinkedHashMap<>();
      samples.forEach((name, values) -> rates.put(name, median(values)));

      // A long history: its tasks posted in bulk and applied as one backlog.
      LedgerWorkload history = new LedgerWorkload(LEDGER, drain, "dh", 13);
      for (int done = 0; done < drainHistory; done += BATCH_SIZE) {
        posted(jdbi.inTransaction(h -> ledger.submit(h, history.next(BATCH_SIZE))));
      }
      drainRates.put(
          "backlog of " + 2 * drainHistory + " tasks (tasks/s)",
          Math.round(drainBacklog(jdbi, ledger, drain)));
      // Stale: the statistics still say what they said before the scenarios wrote their history.
      drainRates.put(
          "stale statistics (tasks/s)",
          Math.round(drainMeasured(jdbi, ledger, drain, drainTransfers, "ds")));
      jdbi.useHandle(
          h ->
              h.execute(
                  "ANALYZE fis_ledger.balance_task, fis_ledger.balance_task_applied,"
                      + " fis_ledger.posting"));
      drainRates.put(
          "fresh statistics (tasks/s)",
          Math.round(drainMeasured(jdbi, ledger, drain, drainTransfers, "df")));
      if (!jdbi.withHandle(ReferenceLedger::consistent)) {
        throw new IllegalStateException("the reference ledger's balances do not add up");
      }

      Map<String, Object> profile = profile(jdbi, ledger, wide, context.quick() ? 2_000 : 5_000);
      return report(context, duration, rounds, rates, drainRates, profile);
    }
  }

  /**
   * Posts {@code transfers} among the async accounts in steps of {@value #DRAIN_STEP}, draining
   * every account on one thread after each step (as the balance jobs do while postings arrive), and
   * returns the tasks applied per second of draining.
   */
  private static double drainMeasured(
      Jdbi jdbi, Ledger ledger, List<String> accounts, int transfers, String prefix)
      throws Exception {
    LedgerWorkload workload = new LedgerWorkload(LEDGER, accounts, prefix, 11);
    long nanos = 0;
    long applied = 0;
    for (int done = 0; done < transfers; done += DRAIN_STEP) {
      for (int i = 0; i < DRAIN_STEP; i += BATCH_SIZE) {
        posted(jdbi.inTransaction(h -> ledger.submit(h, workload.next(BATCH_SIZE))));
      }
      long start = System.nanoTime();
      applied += drainAll(jdbi, ledger, accounts);
      nanos += System.nanoTime() - start;
    }
    if (applied != 2L * transfers) {
      throw new IllegalStateException("drained " + applied + " tasks, expected " + 2L * transfers);
    }
    return applied / (nanos / 1e9);
  }

  /** Applies every pending task of the accounts on one thread; returns tasks per second. */
  private static double drainBacklog(Jdbi jdbi, Ledger ledger, List<String> accounts) {
    long start = System.nanoTime();
    long applied = drainAll(jdbi, ledger, accounts);
    return applied / ((System.nanoTime() - start) / 1e9);
  }

  private static long drainAll(Jdbi jdbi, Ledger ledger, List<String> accounts) {
    long applied = 0;
    int last;
    do {
      last = 0;
      for (String account : accounts) {
        last += jdbi.inTransaction(h -> ledger.applyPendingBalanceTasks(h, account));
      }
      applied += last;
    } while (last > 0);
    return applied;
  }

  private static Map<String, Object> profile(
      Jdbi jdbi, Ledger ledger, List<String> accounts, int transfers) throws Exception {
    Map<String, Object> profile = new LinkedHashMap<>();
    LedgerWorkload fis = new LedgerWorkload(LEDGER, accounts, "pf", 3);
    profile.put(
        "API post, serial (inTransaction)",
        LedgerProfile.measure(
                jdbi,
                transfers,
                new String[] {
                  "fis_ledger.prepare_submit", "fis_ledger.post_new", "fis_ledger.post_batch"
                },
                h -> {
                  PostingRequest request = fis.next();
                  posted(h.inTransaction(t -> List.of(ledger.post(t, request))));
                  return 1;
                })
            .asMap());
    LedgerWorkload ref = new LedgerWorkload(LEDGER, accounts, "pr", 5);
    profile.put(
        "reference, serial (autocommit)",
        LedgerProfile.measure(
                jdbi,
                transfers,
                new String[] {"ref_ledger.create_transfer"},
                h -> {
                  ReferenceLedger.transfer(h.getConnection(), ref.next());
                  return 1;
                })
            .asMap());
    LedgerWorkload bulk = new LedgerWorkload(LEDGER, accounts, "pb", 9);
    profile.put(
        "API submit of 100, serial",
        LedgerProfile.measure(
                jdbi,
                transfers * 4L,
                new String[0],
                h -> posted(h.inTransaction(t -> ledger.submit(t, bulk.next(BATCH_SIZE)))))
            .asMap());
    return profile;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
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
      BenchContext context,
      Duration duration,
      int rounds,
      Map<String, Double> rates,
      Map<String, Object> drainRates,
      Map<String, Object> profile) {
    double apiBulk = rates.get(API_BULK);
    double plainBulk = rates.get(PLAIN_BULK);
    double apiSingle = rates.get(API_SINGLE);
    double plainSingle = rates.get(PLAIN_SINGLE);
    double refSingle = rates.get(REF_SINGLE);
    double refHot = rates.get(REF_HOT);
    double apiHot = Math.max(rates.get(API_HOT), rates.get(API_HOT_ASYNC));
    String hotMode =
        rates.get(API_HOT) >= rates.get(API_HOT_ASYNC) ? "SYNCHRONOUS" : "ASYNCHRONOUS";
    double drainMin =
        drainRates.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(0);
    context.out().printf("%-44s %14s%n", "scenario (median of " + rounds + ")", "transfers/s");
    rates.forEach((name, rate) -> context.out().printf("%-44s %,14.0f%n", name, rate));
    context.out().printf("%-44s %14.2f%n", "ratio API/reference, single", apiSingle / refSingle);
    context
        .out()
        .printf("%-44s %14.2f%n", "ratio API/reference, hot (" + hotMode + ")", apiHot / refHot);
    context.out().printf("%-44s %14.2f%n", "ratio API bulk/reference single", apiBulk / refSingle);
    context.out().printf("%-44s %14.2f%n", "ratio API/plain, single", apiSingle / plainSingle);
    context.out().printf("%-44s %14.2f%n", "ratio API/plain, bulk", apiBulk / plainBulk);
    drainRates.forEach(
        (name, rate) -> context.out().printf("%-44s %,14d%n", "drain, " + name, (Long) rate));
    profile.forEach((name, costs) -> context.out().printf("profile %s: %s%n", name, costs));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("referenceSinglePerSecond", Math.round(refSingle));
    details.put("ratioSingleToReference", round(apiSingle / refSingle));
    details.put("ratioHotToReference", round(apiHot / refHot));
    details.put("ratioBulkToReferenceSingle", round(apiBulk / refSingle));
    details.put("hot account mode", hotMode);
    rates.forEach((name, rate) -> details.put(name + " (transfers/s)", Math.round(rate)));
    details.put("ratio API/plain single", round(apiSingle / plainSingle));
    details.put("ratio API/plain bulk", round(apiBulk / plainBulk));
    details.put("drain, one thread", drainRates);
    details.put("drain minimum (tasks/s)", Math.round(drainMin));
    details.put("profile", profile);
    details.put(
        "rows per transfer",
        "1 posting + 2 entries (plain); the reference also updates 2 account rows and inserts"
            + " 2 entry rows with balances; the API also writes 2 balance updates and 2 chain"
            + " links, or 2 balance tasks and jobs");
    details.put("batch size", BATCH_SIZE);
    details.put("single threads", SINGLE_THREADS);
    details.put("bulk threads", BULK_THREADS);
    details.put("rounds", rounds);
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
