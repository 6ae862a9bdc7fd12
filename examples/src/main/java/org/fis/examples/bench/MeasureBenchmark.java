package org.fis.examples.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fis.examples.bench.measure.BillingTotals;
import org.fis.examples.bench.measure.MonthOfReadings;
import org.fis.examples.bench.measure.MonthTotals;
import org.fis.examples.bench.measure.MonthTotalsJmh;
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
    // The machine is shared, so load drifts over minutes. Rounds run every variant back to back
    // (one JMH run each, all variants in one forked JVM after another); figures are medians over
    // the rounds, and the ratios are medians of the per-round (paired) ratios.
    Map<String, List<Double>> scores = new LinkedHashMap<>();
    List<Double> slowdowns = new ArrayList<>();
    List<Double> speedups = new ArrayList<>();
    for (int round = 0; round < settings.rounds; round++) {
      Map<String, Double> roundScores = runRound(settings, scores);
      slowdowns.add(roundScores.get("primitive") / roundScores.get("algebra"));
      speedups.add(roundScores.get("algebra") / roundScores.get("indriya"));
      context.out().printf("round %d of %d: %s%n", round + 1, settings.rounds, roundScores);
    }
    double algebra = median(scores, "algebra");
    double immutable = median(scores, "algebraImmutableFold");
    double primitive = median(scores, "primitive");
    double indriya = median(scores, "indriya");
    double indriyaMilliwattHour = median(scores, "indriyaMilliwattHourUnit");
    printTable(context, month, scores);

    double slowdown = median(slowdowns);
    double speedup = median(speedups);
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
    details.put("slowerThanPrimitivePerRound", rounded(slowdowns));
    details.put("fasterThanIndriyaPerRound", rounded(speedups));
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

  private static Map<String, Double> runRound(Settings settings, Map<String, List<Double>> scores)
      throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(MonthTotalsJmh.class.getName() + "\\.")
            .forks(1)
            .warmupIterations(settings.warmupIterations)
            .warmupTime(TimeValue.seconds(settings.iterationSeconds))
            .measurementIterations(settings.measurementIterations)
            .measurementTime(TimeValue.seconds(settings.iterationSeconds))
            .jvmArgsAppend("-Xms512m", "-Xmx512m")
            .verbosity(VerboseMode.SILENT)
            .shouldFailOnError(true)
            .build();
    Map<String, Double> roundScores = new LinkedHashMap<>();
    for (RunResult result : new Runner(options).run()) {
      String label = result.getPrimaryResult().getLabel();
      double score = result.getPrimaryResult().getScore();
      roundScores.put(label, round(score));
      scores.computeIfAbsent(label, key -> new ArrayList<>()).add(score);
    }
    for (String label : LABELS) {
      if (!roundScores.containsKey(label)) {
        throw new IllegalStateException(
            "JMH returned no result for " + label + ": " + roundScores.keySet());
      }
    }
    return roundScores;
  }

  private static double median(Map<String, List<Double>> scores, String label) {
    return median(scores.get(label));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static List<Double> rounded(List<Double> values) {
    List<Double> result = new ArrayList<>(values.size());
    values.forEach(value -> result.add(round(value)));
    return result;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static void printTable(
      BenchContext context, MonthOfReadings month, Map<String, List<Double>> scores) {
    double primitive = median(scores, "primitive");
    context
        .out()
        .printf(
            "Billing totals of %d quarter-hour readings (3 phases x import/export x 2 tariffs),"
                + " median of %d rounds%n",
            month.readingCount(), scores.get("primitive").size());
    context
        .out()
        .printf(
            "%-26s %12s %25s %14s%n",
            "variant", "months/s", "min .. max over rounds", "vs primitive");
    for (String label : LABELS) {
      double median = median(scores, label);
      context
          .out()
          .printf(
              "%-26s %12.1f %12.1f .. %9.1f %13.3fx%n",
              label,
              median,
              Collections.min(scores.get(label)),
              Collections.max(scores.get(label)),
              median / primitive);
    }
  }

  private static final List<String> LABELS =
      List.of(
          "algebra", "algebraImmutableFold", "primitive", "indriya", "indriyaMilliwattHourUnit");

  private enum Settings {
    QUICK(2, 1, 2, 1),
    FULL(5, 3, 4, 1);

    final int rounds;
    final int warmupIterations;
    final int measurementIterations;
    final int iterationSeconds;

    Settings(int rounds, int warmupIterations, int measurementIterations, int iterationSeconds) {
      this.rounds = rounds;
      this.warmupIterations = warmupIterations;
      this.measurementIterations = measurementIterations;
      this.iterationSeconds = iterationSeconds;
    }

    @Override
    public String toString() {
      return "rounds="
          + rounds
          + " (1 fork per variant per round)"
          + ", warmup="
          + warmupIterations
          + "x"
          + iterationSeconds
          + "s, measurement="
          + measurementIterations
          + "x"
          + iterationSeconds
          + "s, mode=throughput";
    }
  }
}
