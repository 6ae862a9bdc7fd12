package org.fis.examples.bench;

/** The ingest benchmark: not implemented yet (issue #4). */
public final class IngestBenchmark implements Benchmark {
  /** Creates the benchmark. */
  public IngestBenchmark() {}

  @Override
  public String area() {
    return "ingest";
  }

  @Override
  public BenchResult run(BenchContext context) {
    throw new UnsupportedOperationException("fis bench ingest is not implemented yet (issue #4)");
  }
}
