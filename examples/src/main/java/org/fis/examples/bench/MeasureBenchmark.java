package org.fis.examples.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fis.examples.bench.measure.BillingTotals;
import org.fis.examples.bench.measure.MonthOfReadings;
import org.fis.examples.bench.measure.MonthTotals;
import org.fis.examples.bench.measure.MonthTotalsJmh;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code fis bench measure}: the billing totals of a month of three-phase, import/export,
 * dual-tariff quarter-hour energy readings, through fis-measure-math against a hand-written
 * primitive-array loop (the baseline) and javax.measure/Indriya, with JMH run programmatically in
 * forked JVMs. No database. The three results are checked to be equal before measuring.
 */
public final class MeasureBenchmark implements Benchmark {
  /** Goal: the algebra takes at most this many times the primitive loop's time. */
  public static final double SLOWDOWN_VS_PRIMITIVE_MAX = 3.0;

  /** Goal: the algebra is at least this many times faster than Indriya. */
  public static final double SPEEDUP_VS_INDRIYA_MIN = 5.0;

  /** Creates the benchmark. */
  public MeasureBenchmark() {}

  @Override
  public String area() {
    return "measure";
  }

  @Override
  public BenchResult run(BenchContext context) throws Exception {
    MonthOfReadings month = MonthOfReadings.generate(MonthTotalsJmh.SEED);
    BillingTotals expected = MonthTotals.primitive(month);
    requireEqual("algebra", expected, MonthTotals.algebra(month));
    requireEqual("algebraImmutableFold", expected, MonthTotals.algebraImmutableFold(month));
    requireEqual("indriya", expected, MonthTotals.indriya(month));
    requireEqual("indriyaMilliwattHourUnit", expected, MonthTotals.indriyaMilliwattHourUnit(month));

    Settings settings = context.quick() ? Settings.QUICK : Settings.FULL;
    // The machine is shared with other builds, so other processes steal the CPU in bursts. Each
    // round runs every variant back to back in its own forked JVM, with many short measurement
    // iterations. The headline figure of a variant is its best iteration (the least disturbed
    // sample, like timeit's minimum); the median iteration is reported as well.
    Map<String, List<Double>> iterations = new LinkedHashMap<>();
    for (int round = 0; round < settings.rounds; round++) {
      runRound(settings, iterations);
      context.out().printf("round %d of %d done%n", round + 1, settings.rounds);
    }
    double algebra = best(iterations, "algebra");
    double immutable = best(iterations, "algebraImmutableFold");
    double primitive = best(iterations, "primitive");
    double indriya = best(iterations, "indriya");
    double indriyaMilliwattHour = best(iterations, "indriyaMilliwattHourUnit");
    printTable(context, month, iterations);

    double slowdown = primitive / algebra;
    double speedup = algebra / indriya;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("readingsPerMonth", month.readingCount());
    details.put("indriyaMonthsPerSecond", round(indriya));
    details.put("fasterThanIndriya", round(speedup));
    details.put("slowerThanPrimitive", round(slowdown));
    details.put("indriyaMilliwattHourUnitMonthsPerSecond", round(indriyaMilliwattHour));
    details.put("fasterThanIndriyaMilliwattHourUnit", round(algebra / indriyaMilliwattHour));
    details.put("algebraImmutableFoldMonthsPerSecond", round(immutable));
    details.put("immutableFoldFasterThanIndriya", round(immutable / indriya));
    details.put("immutableFoldSlowerThanPrimitive", round(primitive / immutable));
    details.put("goalAtMost3xPrimitiveMet", slowdown <= SLOWDOWN_VS_PRIMITIVE_MAX);
    details.put("goalAtLeast5xIndriyaMet", speedup >= SPEEDUP_VS_INDRIYA_MIN);
    details.put("medianIterationMonthsPerSecond", medians(iterations));
    details.put(
        "slowerThanPrimitiveByMedians",
        round(median(iterations.get("primitive")) / median(iterations.get("algebra"))));
    details.put(
        "fasterThanIndriyaByMedians",
        round(median(iterations.get("algebra")) / median(iterations.get("indriya"))));
    details.put("iterationsPerVariant", iterations.get("algebra").size());
    details.put("jmh", settings.toString());
    return new BenchResult(
        "measure",
        "months/s",
        algebra,
        "primitive long[] loop",
        primitive,
        "higher",
        context.quick(),
        details);
  }

  private static void requireEqual(String name, BillingTotals expected, BillingTotals actual) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(
          name + " computed different totals: " + actual + ", expected " + expected);
    }
  }

  private static void runRound(Settings settings, Map<String, List<Double>> iterations)
      throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(MonthTotalsJmh.class.getName() + "\\.")
            .forks(1)
            .warmupIterations(settings.warmupIterations)
            .warmupTime(TimeValue.milliseconds(settings.iterationMillis))
            .measurementIterations(settings.measurementIterations)
            .measurementTime(TimeValue.milliseconds(settings.iterationMillis))
            .jvmArgsAppend("-Xms512m", "-Xmx512m")
            .verbosity(VerboseMode.SILENT)
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    for (RunResult result : results) {
      String label = result.getPrimaryResult().getLabel();
      List<Double> scores = iterations.computeIfAbsent(label, key -> new ArrayList<>());
      for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
        for (IterationResult iteration : benchmark.getIterationResults()) {
          scores.add(iteration.getPrimaryResult().getScore());
        }
      }
    }
    for (String label : LABELS) {
      if (!iterations.containsKey(label)) {
        throw new IllegalStateException(
            "JMH returned no result for " + label + ": " + iterations.keySet());
      }
    }
  }

  private static double best(Map<String, List<Double>> iterations, String label) {
    return Collections.max(iterations.get(label));
  }

  private static Map<String, Object> medians(Map<String, List<Double>> iterations) {
    Map<String, Object> medians = new LinkedHashMap<>();
    for (String label : LABELS) {
      medians.put(label, round(median(iterations.get(label))));
    }
    return medians;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static void printTable(
      BenchContext context, MonthOfReadings month, Map<String, List<Double>> iterations) {
    double primitive = best(iterations, "primitive");
    context
        .out()
        .printf(
            "Billing totals of %d quarter-hour readings (3 phases x import/export x 2 tariffs),"
                + " %d iterations per variant%n",
            month.readingCount(), iterations.get("primitive").size());
    context
        .out()
        .printf(
            "%-26s %14s %18s %14s%n",
            "variant", "best months/s", "median months/s", "best vs primitive");
    for (String label : LABELS) {
      double best = best(iterations, label);
      context
          .out()
          .printf(
              "%-26s %14.1f %18.1f %13.3fx%n",
              label, best, median(iterations.get(label)), best / primitive);
    }
  }

  private static final List<String> LABELS =
      List.of(
          "algebra", "algebraImmutableFold", "primitive", "indriya", "indriyaMilliwattHourUnit");

  private enum Settings {
    QUICK(1, 3, 6, 500),
    FULL(3, 6, 16, 500);

    final int rounds;
    final int warmupIterations;
    final int measurementIterations;
    final int iterationMillis;

    Settings(int rounds, int warmupIterations, int measurementIterations, int iterationMillis) {
      this.rounds = rounds;
      this.warmupIterations = warmupIterations;
      this.measurementIterations = measurementIterations;
      this.iterationMillis = iterationMillis;
    }

    @Override
    public String toString() {
      return "rounds="
          + rounds
          + " (1 fork per variant per round)"
          + ", warmup="
          + warmupIterations
          + "x"
          + iterationMillis
          + "ms, measurement="
          + measurementIterations
          + "x"
          + iterationMillis
          + "ms, mode=throughput, figure=best iteration";
    }
  }
}
