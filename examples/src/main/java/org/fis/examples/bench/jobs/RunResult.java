package org.fis.examples.bench.jobs;

/**
 * One measured drain of a pre-filled queue.
 *
 * @param jobs jobs executed
 * @param elapsedNanos from the processor's start until the last job's completion was seen
 */
public record RunResult(long jobs, long elapsedNanos) {
  /**
   * Throughput.
   *
   * @return jobs per second
   */
  public double jobsPerSecond() {
    return jobs / (elapsedNanos / 1e9);
  }
}
