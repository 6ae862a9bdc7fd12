package org.fis.examples.bench;

/** The jobs benchmark: not implemented yet (issue #6). */
public final class JobsBenchmark implements Benchmark {
  /** Creates the benchmark. */
  public JobsBenchmark() {}

  @Override
  public String area() {
    return "jobs";
  }

  @Override
  public BenchResult run(BenchContext context) {
    throw new UnsupportedOperationException("fis bench jobs is not implemented yet (issue #6)");
  }
}
