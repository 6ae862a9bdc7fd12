package org.fis.examples.bench;

/** The sync benchmark: not implemented yet (issue #7). */
public final class SyncBenchmark implements Benchmark {
  /** Creates the benchmark. */
  public SyncBenchmark() {}

  @Override
  public String area() {
    return "sync";
  }

  @Override
  public BenchResult run(BenchContext context) {
    throw new UnsupportedOperationException("fis bench sync is not implemented yet (issue #7)");
  }
}
