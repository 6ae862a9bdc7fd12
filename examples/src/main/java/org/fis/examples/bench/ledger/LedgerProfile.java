package org.fis.examples.bench.ledger;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Per-transfer costs of one write path, measured serially on one connection: wall time, CPU time of
 * the calling JVM thread ({@link ThreadMXBean}: our code, Jdbi and the driver), CPU time of the
 * PostgreSQL backend serving the connection (from {@code /proc/<pid>/schedstat}, when the server
 * runs on this machine: parsing, planning, execution and commit), and the time spent inside named
 * SQL functions ({@code track_functions}). A measuring tool of the benchmark, not a test.
 */
public final class LedgerProfile {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private LedgerProfile() {}

  /** One unit of work on the given handle; returns how many transfers it completed. */
  @FunctionalInterface
  public interface Work {
    /**
     * Runs one unit of work.
     *
     * @param handle the profiled connection (autocommit; the work opens its own transactions)
     * @return transfers completed
     * @throws Exception on any failure
     */
    int run(Handle handle) throws Exception;
  }

  /**
   * The costs per transfer.
   *
   * @param transfers transfers measured
   * @param wallMicros wall time per transfer
   * @param jvmCpuMicros CPU time of the calling thread per transfer
   * @param serverCpuMicros CPU time of the backend per transfer, or -1 if unknown
   * @param functionMicros time inside the tracked functions per transfer, or -1 if none
   */
  public record Costs(
      long transfers,
      double wallMicros,
      double jvmCpuMicros,
      double serverCpuMicros,
      double functionMicros) {
    /**
     * As a map for the JSON details.
     *
     * @return the figures, rounded to 0.1 µs
     */
    public Map<String, Object> asMap() {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("transfers", transfers);
      map.put("wall µs/transfer", round(wallMicros));
      map.put("JVM CPU µs/transfer", round(jvmCpuMicros));
      map.put("server CPU µs/transfer", serverCpuMicros < 0 ? "n/a" : round(serverCpuMicros));
      map.put("in functions µs/transfer", functionMicros < 0 ? "n/a" : round(functionMicros));
      return map;
    }
  }

  /**
   * Runs the work serially until {@code transfers} are done, after a warm-up of a fifth of that.
   *
   * @param jdbi the database
   * @param transfers how many transfers to measure
   * @param functions SQL functions to track (schema-qualified names), may be empty
   * @param work the work
   * @return the costs
   * @throws Exception on any failure
   */
  public static Costs measure(Jdbi jdbi, long transfers, String[] functions, Work work)
      throws Exception {
    try (Handle handle = jdbi.open()) {
      handle.execute("SET track_functions = 'all'");
      long warm = 0;
      while (warm < transfers / 5) {
        warm += work.run(handle);
      }
      int pid = handle.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
      double functionsBefore = functionMillis(handle, functions);
      long serverBefore = backendNanos(pid);
      long cpuBefore = THREADS.getCurrentThreadCpuTime();
      long wallBefore = System.nanoTime();
      long done = 0;
      while (done < transfers) {
        done += work.run(handle);
      }
      long wall = System.nanoTime() - wallBefore;
      long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
      long serverAfter = backendNanos(pid);
      double functionsAfter = functionMillis(handle, functions);
      double server = serverBefore < 0 || serverAfter < 0 ? -1 : (serverAfter - serverBefore) / 1e3;
      double inFunctions =
          functions.length == 0 || functionsBefore < 0
              ? -1
              : (functionsAfter - functionsBefore) * 1e3;
      return new Costs(
          done,
          wall / 1e3 / done,
          cpu / 1e3 / done,
          server < 0 ? -1 : server / done,
          inFunctions < 0 ? -1 : inFunctions / done);
    }
  }

  /** Total time of the functions so far, in milliseconds (flushes this session's counters). */
  private static double functionMillis(Handle handle, String[] functions) {
    if (functions.length == 0) {
      return -1;
    }
    try {
      handle.execute("SELECT pg_stat_force_next_flush()");
    } catch (RuntimeException e) {
      // Before PostgreSQL 15 the counters are flushed at the end of each transaction anyway.
    }
    // A new transaction, so that the cumulative statistics are read afresh.
    return handle
        .createQuery(
            "SELECT coalesce(sum(total_time), 0) FROM pg_stat_user_functions"
                + " WHERE schemaname || '.' || funcname = ANY(:f)")
        .bindArray("f", String.class, (Object[]) functions)
        .mapTo(Double.class)
        .one();
  }

  /** CPU time of a local process from /proc, in nanoseconds, or -1 if not readable. */
  private static long backendNanos(int pid) {
    try {
      String text = Files.readString(Path.of("/proc", Integer.toString(pid), "schedstat"));
      return Long.parseLong(text.trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
