package org.fis.examples.bench.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * CPU time of the benchmark thread and of the embedded PostgreSQL server this JVM started (its
 * postmaster and backends, read from {@code /proc}). CPU time is far steadier than wall time on a
 * machine shared with other builds, so the benchmark reports both. Linux only: elsewhere {@link
 * #postgresNanos()} returns -1. Not thread-safe (call from one thread).
 */
public final class ProcessCpu {
  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on Linux

  private ProcessCpu() {}

  /** CPU time of the calling thread in nanoseconds, or -1 when unsupported. */
  public static long threadNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
  }

  /**
   * User + system CPU time in nanoseconds of the live PostgreSQL processes started by this JVM
   * (children named {@code postgres} and their children), or -1 when {@code /proc} is unreadable.
   * Backends that exited in between are not counted: take both readings while the pool's
   * connections are open.
   */
  public static long postgresNanos() {
    Set<Long> postmasters = new HashSet<>();
    ProcessHandle.current()
        .children()
        .filter(p -> p.info().command().orElse("").endsWith("postgres"))
        .forEach(p -> postmasters.add(p.pid()));
    if (postmasters.isEmpty()) {
      return -1;
    }
    long ticks = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        String stat;
        try {
          stat = Files.readString(proc.resolve("stat"));
        } catch (IOException | RuntimeException gone) {
          continue; // the process exited meanwhile
        }
        // Fields after "(comm) ": state ppid ... utime (14th field overall) stime (15th).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long pid = Long.parseLong(proc.getFileName().toString());
        long ppid = Long.parseLong(fields[1]);
        if (postmasters.contains(pid) || postmasters.contains(ppid)) {
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return ticks * NANOS_PER_TICK;
  }

  /** Milliseconds per unit of a CPU delta, or -1 when either reading was unavailable. */
  public static double msPer(long before, long after, int units) {
    if (before < 0 || after < 0 || units <= 0) {
      return -1;
    }
    return Math.round((after - before) / 1e6 / units * 100) / 100.0;
  }
}
