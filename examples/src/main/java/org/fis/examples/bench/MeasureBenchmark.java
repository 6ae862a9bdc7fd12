package org.fis.examples.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fis.examples.bench.measure.BillingTotals;
import org.fis.examples.bench.measure.MonthOfReadings;
import org.fis.examples.bench.measure.MonthTotals;
import org.fis.examples.bench.measure.MonthTotalsJmh;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
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
    Options options =
        new OptionsBuilder()
            .include(MonthTotalsJmh.class.getName() + "\\.")
            .forks(settings.forks)
            .warmupIterations(settings.warmupIterations)
            .warmupTime(TimeValue.seconds(settings.iterationSeconds))
            .measurementIterations(settings.measurementIterations)
            .measurementTime(TimeValue.seconds(settings.iterationSeconds))
            .jvmArgsAppend("-Xms512m", "-Xmx512m")
            .verbosity(VerboseMode.SILENT)
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();

    Map<String, double[]> scores = new LinkedHashMap<>();
    for (RunResult result : results) {
      String label = result.getPrimaryResult().getLabel();
      scores.put(
          label,
          new double[] {
            result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()
          });
    }
    double algebra = score(scores, "algebra");
    double immutable = score(scores, "algebraImmutableFold");
    double primitive = score(scores, "primitive");
    double indriya = score(scores, "indriya");
    double indriyaMilliwattHour = score(scores, "indriyaMilliwattHourUnit");
    printTable(context, month, scores);

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
    details.put("scoreErrors99", errors(scores));
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

  private static double score(Map<String, double[]> scores, String label) {
    double[] score = scores.get(label);
    if (score == null) {
      throw new IllegalStateException(
          "JMH returned no result for " + label + ": " + scores.keySet());
    }
    return score[0];
  }

  private static Map<String, Object> errors(Map<String, double[]> scores) {
    Map<String, Object> errors = new LinkedHashMap<>();
    scores.forEach((label, score) -> errors.put(label, round(score[1])));
    return errors;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static void printTable(
      BenchContext context, MonthOfReadings month, Map<String, double[]> scores) {
    double primitive = score(scores, "primitive");
    context
        .out()
        .printf(
            "Billing totals of %d quarter-hour readings (3 phases x import/export x 2 tariffs)%n",
            month.readingCount());
    context
        .out()
        .printf("%-22s %14s %12s %14s%n", "variant", "months/s", "+/- (99%)", "vs primitive");
    for (Map.Entry<String, double[]> entry : scores.entrySet()) {
      context
          .out()
          .printf(
              "%-22s %14.1f %12.1f %13.2fx%n",
              entry.getKey(),
              entry.getValue()[0],
              entry.getValue()[1],
              entry.getValue()[0] / primitive);
    }
  }

  private enum Settings {
    QUICK(1, 2, 3, 1),
    FULL(2, 4, 5, 2);

    final int forks;
    final int warmupIterations;
    final int measurementIterations;
    final int iterationSeconds;

    Settings(int forks, int warmupIterations, int measurementIterations, int iterationSeconds) {
      this.forks = forks;
      this.warmupIterations = warmupIterations;
      this.measurementIterations = measurementIterations;
      this.iterationSeconds = iterationSeconds;
    }

    @Override
    public String toString() {
      return "forks="
          + forks
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
