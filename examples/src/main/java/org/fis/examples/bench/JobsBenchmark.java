package org.fis.examples.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fis.examples.bench.jobs.BareQueueSide;
import org.fis.examples.bench.jobs.DbSchedulerSide;
import org.fis.examples.bench.jobs.FisJobsSide;
import org.fis.examples.bench.jobs.RunResult;
import org.fis.jobs.JobProcessorConfig;
import org.fis.jobs.JobsMigrations;
import org.fis.testing.TestDatabase;

/**
 * {@code fis bench jobs}: jobs per second with a no-op handler, fis-jobs against db-scheduler
 * 16.7.0 (the baseline: {@code ratio}) and against a bare {@code DELETE … FOR UPDATE SKIP LOCKED}
 * queue (the limit: {@code details.ratioToBareQueue}), on the same PostgreSQL in the same run.
 *
 * <p>Each side drains a pre-filled queue of N due jobs with one processor (scheduler) of {@value
 * #THREADS} threads, timed from start until all its work is done: the last completion seen, and the
 * deferred work (fis: archival of what is left, then {@code VACUUM} of its four tables;
 * db-scheduler: {@code VACUUM} of its table). Autovacuum is off on those tables, so that no vacuum
 * lands in the other side's run. db-scheduler runs with three polling settings and the best one is
 * the baseline. Rounds alternate the order of the sides; the figure of each side is its mean over
 * the rounds. Enqueue time and a two-processor fis run are reported as details, not part of the
 * figure.
 *
 * <p>The figure's fis processor deletes finished jobs ({@code ArchiveMode.DELETE}: db-scheduler and
 * the bare queue keep no history either); the default mode, which moves them to the archive tables,
 * is a detail ({@code details.fisArchiveMoveJobsPerSecond}). Next to the plain run, in an order
 * that rotates with the round, the same drain with 30 % of the jobs at priorities 1 to 3 ({@code
 * details.priorityCostPercent}) and with a ticking scheduler ({@code
 * details.schedulerCostPercent}); the plain run itself has priorities enabled and unused.
 */
public final class JobsBenchmark implements Benchmark {
  /** Worker threads of both sides. */
  static final int THREADS = 8;

  private static final int WARMUP_JOBS = 50_000;

  /** Jobs per measured run, quick or full. */
  private static final int JOBS_PER_RUN = 150_000;

  /** Rows per bare-queue statement: the fis side's jobs per worker transaction. */
  private static final int BARE_BATCH_SIZE = JobProcessorConfig.BATCH_SIZE_MAX / THREADS;

  /** Creates the benchmark. */
  public JobsBenchmark() {}

  @Override
  public String area() {
    return "jobs";
  }

  @Override
  public BenchResult run(BenchContext context) throws Exception {
    // Long enough for steady state: the scheduled archival (every second) runs several times
    // within a full run, so a run does not depend on when it fires.
    // A quick run is one round of the same shape as a full run's (same N, same warm-up), so that
    // it reads the same ratio; the full run averages three.
    int jobs = JOBS_PER_RUN;
    int rounds = context.quick() ? 1 : 3;
    // Tuned for no-op handlers: the largest claims (one statement claims up to 1,000 jobs) split
    // evenly over the workers (125 jobs per worker transaction, one success statement each).
    // db-scheduler gets the same treatment with its large lock-and-fetch variant (see
    // DbSchedulerSide).
    JobProcessorConfig config =
        JobProcessorConfig.defaults()
            .withThreads(THREADS)
            .withPollInterval(Duration.ofMillis(100))
            .withClaimBatchSize(JobProcessorConfig.BATCH_SIZE_MAX)
            .withTransactionBatchSize(JobProcessorConfig.BATCH_SIZE_MAX / THREADS)
            .withArchiveMode(JobProcessorConfig.ArchiveMode.DELETE);
    // The same with finished jobs moved to the archive tables (the default mode): a detail.
    JobProcessorConfig moveConfig = config.withArchiveMode(JobProcessorConfig.ArchiveMode.MOVE);
    var out = context.out();
    out.printf(
        "fis bench jobs: %d no-op jobs per run, %d round(s), %d threads per side%n",
        jobs, rounds, THREADS);
    out.printf("fis-jobs config: %s%n", config);
    try (TestDatabase fisDb = context.freshDatabase(JobsMigrations::migrate);
        TestDatabase schedulerDb = context.freshDatabase();
        TestDatabase bareDb = context.freshDatabase()) {
      BareQueueSide bare = new BareQueueSide(bareDb.jdbi(), THREADS, BARE_BATCH_SIZE);
      bare.createTable();
      FisJobsSide fis = new FisJobsSide(fisDb.jdbi(), config);
      DbSchedulerSide scheduler =
          new DbSchedulerSide(schedulerDb.dataSource(), THREADS, Duration.ofMillis(100));
      scheduler.createTable();
      fis.disableAutovacuum();

      // Warm-up: JIT, connection pools, plan caches. Not measured.
      // fis warms up with a full run's worth: its first run of a JVM reads lower (JIT) and a quick
      // run has only one.
      fis.enqueue(jobs);
      fis.drain(jobs);
      bare.enqueue(WARMUP_JOBS);
      bare.drain(WARMUP_JOBS);
      for (DbSchedulerSide.Strategy strategy : DbSchedulerSide.Strategy.values()) {
        scheduler.enqueue(WARMUP_JOBS, "warmup-" + strategy);
        scheduler.drain(WARMUP_JOBS, strategy);
      }

      List<RunResult> fisRuns = new ArrayList<>();
      Map<DbSchedulerSide.Strategy, List<RunResult>> schedulerRuns =
          new java.util.EnumMap<>(DbSchedulerSide.Strategy.class);
      for (DbSchedulerSide.Strategy strategy : DbSchedulerSide.Strategy.values()) {
        schedulerRuns.put(strategy, new ArrayList<>());
      }
      List<RunResult> fisEnqueues = new ArrayList<>();
      List<RunResult> fisTwoRuns = new ArrayList<>();
      List<RunResult> fisSchedulerRuns = new ArrayList<>();
      List<RunResult> fisPriorityRuns = new ArrayList<>();
      List<RunResult> fisMoveRuns = new ArrayList<>();
      List<RunResult> bareRuns = new ArrayList<>();
      out.printf("%-6s %-34s %12s %12s%n", "round", "side", "jobs", "jobs/s");
      for (int round = 1; round <= rounds; round++) {
        boolean fisFirst = round % 2 == 0;
        if (fisFirst) {
          runFisVariants(
              fis, jobs, round, fisRuns, fisEnqueues, fisPriorityRuns, fisSchedulerRuns, out);
        }
        for (DbSchedulerSide.Strategy strategy : DbSchedulerSide.Strategy.values()) {
          scheduler.enqueue(jobs, "r" + round + "-" + strategy);
          RunResult run = scheduler.drain(jobs, strategy);
          schedulerRuns.get(strategy).add(run);
          out.printf(
              "%-6d %-34s %12d %12.0f%n",
              round, "db-scheduler " + strategy.name().toLowerCase(), jobs, run.jobsPerSecond());
        }
        if (!fisFirst) {
          runFisVariants(
              fis, jobs, round, fisRuns, fisEnqueues, fisPriorityRuns, fisSchedulerRuns, out);
        }
        bare.enqueue(jobs);
        RunResult bareRun = bare.drain(jobs);
        bareRuns.add(bareRun);
        out.printf(
            "%-6d %-34s %12d %12.0f%n",
            round, "bare SKIP LOCKED queue", jobs, bareRun.jobsPerSecond());
        fis.enqueue(jobs);
        RunResult moved = fis.drain(jobs, 1, moveConfig);
        fisMoveRuns.add(moved);
        out.printf(
            "%-6d %-34s %12d %12.0f%n",
            round, "fis-jobs, archive MOVE (detail)", jobs, moved.jobsPerSecond());
        runFisTwoProcessors(fis, config, jobs, round, fisTwoRuns, out);
      }
      double fisRate = mean(fisRuns);
      DbSchedulerSide.Strategy best = DbSchedulerSide.Strategy.FETCH;
      double bareRate = mean(bareRuns);
      double schedulerRate = mean(fisSchedulerRuns);
      double priorityRate = mean(fisPriorityRuns);
      double moveRate = mean(fisMoveRuns);
      out.printf("%nmean fis-jobs                        %12.0f jobs/s%n", fisRate);
      out.printf("mean fis-jobs, 2 processors          %12.0f jobs/s (detail)%n", mean(fisTwoRuns));
      out.printf("mean fis-jobs, scheduler ticking     %12.0f jobs/s%n", schedulerRate);
      out.printf("mean fis-jobs, priority mix          %12.0f jobs/s%n", priorityRate);
      out.printf("mean fis-jobs, archive MOVE          %12.0f jobs/s (detail)%n", moveRate);
      out.printf("mean bare SKIP LOCKED queue          %12.0f jobs/s%n", bareRate);
      for (DbSchedulerSide.Strategy strategy : DbSchedulerSide.Strategy.values()) {
        double rate = mean(schedulerRuns.get(strategy));
        out.printf("mean db-scheduler %-18s %12.0f jobs/s%n", strategy.name().toLowerCase(), rate);
        if (rate > mean(schedulerRuns.get(best))) {
          best = strategy;
        }
      }
      double baselineRate = mean(schedulerRuns.get(best));
      out.printf(
          "ratio (vs the best db-scheduler)     %12.2f (goal >= 2)%n", fisRate / baselineRate);
      out.printf("ratio to the bare queue              %12.2f (goal >= 0.5)%n", fisRate / bareRate);
      out.printf(
          "cost of a ticking scheduler          %11.1f %% (goal <= 5 %%)%n",
          100 * (1 - schedulerRate / fisRate));
      out.printf(
          "cost of a priority mix               %11.1f %% (goal <= 5 %%)%n",
          100 * (1 - priorityRate / fisRate));

      Map<String, Object> details = new LinkedHashMap<>();
      details.put("jobsPerRun", jobs);
      details.put("rounds", rounds);
      details.put("threadsPerSide", THREADS);
      details.put("fisJobsPerSecond", round1(fisRate));
      details.put(
          "dbSchedulerFetchJobsPerSecond",
          round1(mean(schedulerRuns.get(DbSchedulerSide.Strategy.FETCH))));
      details.put(
          "dbSchedulerLockAndFetchJobsPerSecond",
          round1(mean(schedulerRuns.get(DbSchedulerSide.Strategy.LOCK_AND_FETCH))));
      details.put(
          "dbSchedulerLockAndFetchLargeJobsPerSecond",
          round1(mean(schedulerRuns.get(DbSchedulerSide.Strategy.LOCK_AND_FETCH_LARGE))));
      details.put("fisEnqueueJobsPerSecond", round1(mean(fisEnqueues)));
      details.put("fisTwoProcessorsJobsPerSecond", round1(mean(fisTwoRuns)));
      details.put("fisConfig", config.toString());
      details.put("bareQueueJobsPerSecond", round1(bareRate));
      details.put("ratioToBareQueue", Math.round(fisRate / bareRate * 1000) / 1000.0);
      details.put("fisWithSchedulerJobsPerSecond", round1(schedulerRate));
      details.put("schedulerCostPercent", Math.round(1000 * (1 - schedulerRate / fisRate)) / 10.0);
      details.put("fisWithPriorityMixJobsPerSecond", round1(priorityRate));
      details.put("priorityCostPercent", Math.round(1000 * (1 - priorityRate / fisRate)) / 10.0);
      details.put("fisArchiveMoveJobsPerSecond", round1(moveRate));
      details.put(
          "archiveMoveRatio", Math.round(moveRate / mean(schedulerRuns.get(best)) * 1000) / 1000.0);
      details.put("archiveMoveRatioToBareQueue", Math.round(moveRate / bareRate * 1000) / 1000.0);
      details.put("goalRatio", 2.0);
      details.put("goalRatioToBareQueue", 0.5);
      return new BenchResult(
          "jobs",
          "jobs/s",
          round1(fisRate),
          "db-scheduler 16.7.0 "
              + best.name().toLowerCase().replace('_', '-')
              + " (its best strategy), same PostgreSQL, same run",
          round1(baselineRate),
          "higher",
          context.quick(),
          details);
    }
  }

  /**
   * The three fis runs that are compared with each other (plain, a priority mix, a ticking
   * scheduler), one after another in an order that rotates with the round, so that an order effect
   * does not land on one of them every time.
   */
  private static void runFisVariants(
      FisJobsSide fis,
      int jobs,
      int round,
      List<RunResult> runs,
      List<RunResult> enqueues,
      List<RunResult> priorityRuns,
      List<RunResult> schedulerRuns,
      java.io.PrintStream out)
      throws InterruptedException {
    for (int k = 0; k < 3; k++) {
      switch ((round + k) % 3) {
        case 0 -> {
          enqueues.add(fis.enqueue(jobs));
          RunResult run = fis.drain(jobs);
          runs.add(run);
          out.printf("%-6d %-34s %12d %12.0f%n", round, "fis-jobs", jobs, run.jobsPerSecond());
        }
        case 1 -> {
          fis.enqueue(jobs, true);
          RunResult run = fis.drain(jobs);
          priorityRuns.add(run);
          out.printf(
              "%-6d %-34s %12d %12.0f%n",
              round, "fis-jobs, priority mix", jobs, run.jobsPerSecond());
        }
        default -> {
          fis.enqueue(jobs);
          RunResult run = fis.drainWithScheduler(jobs);
          schedulerRuns.add(run);
          out.printf(
              "%-6d %-34s %12d %12.0f%n",
              round, "fis-jobs, scheduler ticking", jobs, run.jobsPerSecond());
        }
      }
    }
  }

  /** A detail, not the figure: the same threads split over two processors on one queue. */
  private static void runFisTwoProcessors(
      FisJobsSide fis,
      JobProcessorConfig config,
      int jobs,
      int round,
      List<RunResult> runs,
      java.io.PrintStream out)
      throws InterruptedException {
    int threads = THREADS / 2;
    fis.enqueue(jobs);
    RunResult run =
        fis.drain(
            jobs,
            2,
            config
                .withThreads(threads)
                .withTransactionBatchSize(JobProcessorConfig.BATCH_SIZE_MAX / threads));
    runs.add(run);
    out.printf(
        "%-6d %-34s %12d %12.0f%n",
        round, "fis-jobs, 2 processors x " + threads, jobs, run.jobsPerSecond());
  }

  private static double mean(List<RunResult> runs) {
    return runs.stream().mapToDouble(RunResult::jobsPerSecond).average().orElse(0);
  }

  private static double round1(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
