package org.fis.examples.bench;

/**
 * One benchmark area of {@code fis bench <area>}: measures the suite and its baseline in the same
 * run, prints a human-readable table to {@link BenchContext#out()}, and returns the result that
 * {@code --json} prints. See DESIGN.md "Benchmarks".
 */
public interface Benchmark {
  /**
   * The area name on the command line, e.g. {@code ledger}.
   *
   * @return the area
   */
  String area();

  /**
   * Runs the benchmark.
   *
   * @param context quick or full run, output, databases
   * @return the measured figures and their ratio to the baseline
   * @throws Exception when the benchmark cannot run
   */
  BenchResult run(BenchContext context) throws Exception;
}
