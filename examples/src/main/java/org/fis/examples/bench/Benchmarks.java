package org.fis.examples.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The registry of benchmark areas, in the order {@code fis bench --help} lists them. */
public final class Benchmarks {
  private static final Map<String, Supplier<Benchmark>> AREAS = new LinkedHashMap<>();

  static {
    AREAS.put("measure", MeasureBenchmark::new);
    AREAS.put("ingest", IngestBenchmark::new);
    AREAS.put("ingest-http", IngestHttpBenchmark::new);
    AREAS.put("ledger", LedgerBenchmark::new);
    AREAS.put("jobs", JobsBenchmark::new);
    AREAS.put("sync", SyncBenchmark::new);
    AREAS.put("billing", BillingBenchmark::new);
  }

  private Benchmarks() {}

  /** The area names. */
  public static Iterable<String> areas() {
    return AREAS.keySet();
  }

  /**
   * The benchmark of an area.
   *
   * @param area the area name
   * @return the benchmark, or empty for an unknown area
   */
  public static Optional<Benchmark> forArea(String area) {
    Supplier<Benchmark> supplier = AREAS.get(area);
    return supplier == null ? Optional.empty() : Optional.of(supplier.get());
  }
}
