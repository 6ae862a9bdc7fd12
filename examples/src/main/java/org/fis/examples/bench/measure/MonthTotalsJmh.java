package org.fis.examples.bench.measure;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks: one operation is computing the {@link BillingTotals} of one month of readings.
 * Run by {@code fis bench measure} (see {@link org.fis.examples.bench.MeasureBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MonthTotalsJmh {
  /** The seed of the generated month. */
  public static final long SEED = 20240301L;

  private MonthOfReadings month;

  /** Creates the state; JMH does this. */
  public MonthTotalsJmh() {}

  /** Generates the month once per trial. */
  @Setup
  public void generate() {
    month = MonthOfReadings.generate(SEED);
  }

  /**
   * Through fis-measure-math with {@code MeasureAccumulator}.
   *
   * @return the totals
   */
  @Benchmark
  public BillingTotals algebra() {
    return MonthTotals.algebra(month);
  }

  /**
   * Through fis-measure-math with immutable {@code add} only.
   *
   * @return the totals
   */
  @Benchmark
  public BillingTotals algebraImmutableFold() {
    return MonthTotals.algebraImmutableFold(month);
  }

  /**
   * The primitive-array loop.
   *
   * @return the totals
   */
  @Benchmark
  public BillingTotals primitive() {
    return MonthTotals.primitive(month);
  }

  /**
   * javax.measure/Indriya quantities.
   *
   * @return the totals
   */
  @Benchmark
  public BillingTotals indriya() {
    return MonthTotals.indriya(month);
  }

  /**
   * javax.measure/Indriya quantities in a milliwatt-hour unit.
   *
   * @return the totals
   */
  @Benchmark
  public BillingTotals indriyaMilliwattHourUnit() {
    return MonthTotals.indriyaMilliwattHourUnit(month);
  }
}
