package org.fis.examples.bench;

/** The measure benchmark: not implemented yet (issue #3). */
public final class MeasureBenchmark implements Benchmark {
  /** Creates the benchmark. */
  public MeasureBenchmark() {}

  @Override
  public String area() {
    return "measure";
  }

  @Override
  public BenchResult run(BenchContext context) {
    throw new UnsupportedOperationException("fis bench measure is not implemented yet (issue #3)");
  }
}
