package org.fis.examples.bench;

/** The billing benchmark: not implemented yet (issue #8). */
public final class BillingBenchmark implements Benchmark {
  /** Creates the benchmark. */
  public BillingBenchmark() {}

  @Override
  public String area() {
    return "billing";
  }

  @Override
  public BenchResult run(BenchContext context) {
    throw new UnsupportedOperationException("fis bench billing is not implemented yet (issue #8)");
  }
}
