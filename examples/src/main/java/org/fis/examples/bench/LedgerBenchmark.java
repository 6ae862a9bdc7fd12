package org.fis.examples.bench;

/** The ledger benchmark: not implemented yet (issue #5). */
public final class LedgerBenchmark implements Benchmark {
  /** Creates the benchmark. */
  public LedgerBenchmark() {}

  @Override
  public String area() {
    return "ledger";
  }

  @Override
  public BenchResult run(BenchContext context) {
    throw new UnsupportedOperationException("fis bench ledger is not implemented yet (issue #5)");
  }
}
