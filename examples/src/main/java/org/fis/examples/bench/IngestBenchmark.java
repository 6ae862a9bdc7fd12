package org.fis.examples.bench;

import java.io.StringReader;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fis.examples.bench.ingest.IngestWorkload;
import org.fis.examples.bench.ingest.ProcessCpu;
import org.fis.examples.bench.ingest.RawHttpPusher;
import org.fis.iot.AggregateFolder;
import org.fis.iot.FoldResult;
import org.fis.iot.IotMigrations;
import org.fis.iot.IotRequest;
import org.fis.iot.IotResponse;
import org.fis.iot.Measurement;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.iot.simulator.SimulatedGateway;
import org.fis.testing.TestDatabase;
import org.postgresql.PGConnection;

/**
 * {@code fis bench ingest}: measurements per second through {@link org.fis.iot.PushHandler} (parse,
 * authenticate, validate, store raw by COPY, merge three aggregate levels, commit), one push at a
 * time, against COPY of the same raw rows into a bare table (no keys, no indexes) in batches of the
 * same size, one transaction each, on the same PostgreSQL in the same run. Details add a
 * single-stream COPY of all rows and HTTP pushes per second with 16 concurrent devices.
 */
public final class IngestBenchmark implements Benchmark {
  private static final int DEVICES = 16;
  private static final int METERS_PER_DEVICE = 10;
  private static final int WARM_UP_PUSHES_PER_DEVICE = 40;

  /** Creates the benchmark. */
  public IngestBenchmark() {}

  @Override
  public String area() {
    return "ingest";
  }

  @Override
  public BenchResult run(BenchContext context) throws Exception {
    int pushesPerDevice = context.quick() ? 12 : 60;
    int httpPushesPerDevice = context.quick() ? 6 : 25;
    try (TestDatabase db = context.freshDatabase(IotMigrations::migrate)) {
      IngestWorkload workload = new IngestWorkload(db.jdbi(), DEVICES, METERS_PER_DEVICE, "bench");
      context
          .out()
          .printf(
              "ingest: %d devices x %d ABB meters, %d readings per meter per push (%d measurements, 30"
                  + " registers each)%n",
              DEVICES,
              METERS_PER_DEVICE,
              IngestWorkload.READINGS_PER_PUSH,
              METERS_PER_DEVICE * IngestWorkload.READINGS_PER_PUSH);
      // Warm-up (not measured): the JIT compiles the handler's code paths, and the first month
      // partition is created. Too short a warm-up measures the interpreter: with 2 pushes per
      // device the measured pushes took twice the Java CPU of a warmed-up handler.
      // The quick run warms up as much as the full one (it measures fewer pushes, not a colder
      // JVM: with 10 warm-up pushes per device its ratio was about half the full run's).
      int warmUpPushes = WARM_UP_PUSHES_PER_DEVICE;
      runPushes(workload, warmUpPushes);
      // The warm-up's quarter hours are folded before the clock starts (and warm the fold up).
      workload
          .folder()
          .foldBacklog(
              db.jdbi(),
              AggregateFolder.QUARTER_HOURS_PER_FOLD_DEFAULT,
              AggregateFolder.ROUNDS_MAX);
      // Our tables' vacuum is timed as part of our run (below), never left to autovacuum, which
      // would otherwise run it inside the baseline's timed COPY and count it as baseline CPU.
      setAutovacuum(db, false);
      vacuum(db);
      long rowsBefore = rawRows(db);

      List<IotRequest> requests = new ArrayList<>();
      int measurements = 0;
      for (int p = 0; p < pushesPerDevice; p++) {
        for (int d = 0; d < DEVICES; d++) {
          List<Measurement> batch = workload.nextBatch(d);
          measurements += batch.size();
          requests.add(workload.request(d, batch));
        }
      }
      long javaCpuBefore = ProcessCpu.threadNanos();
      long postgresCpuBefore = ProcessCpu.postgresNanos();
      long start = System.nanoTime();
      for (IotRequest request : requests) {
        IotResponse response = workload.push().handle(request);
        if (response.status() != 200) {
          throw new IllegalStateException(
              "push failed: " + response.status() + " " + response.bodyText());
        }
      }
      vacuum(db);
      double oursSeconds = (System.nanoTime() - start) / 1e9;
      long postgresCpuAfter = ProcessCpu.postgresNanos();
      long javaCpuAfter = ProcessCpu.threadNanos();
      // The folds of the quarter hours these pushes queued into their days and months run after
      // the acknowledged pushes (as the job queue runs them), timed on their own with their
      // vacuum: reported beside the pushes, and summed with them.
      long queuedQuarterHours = queued(db);
      long foldStart = System.nanoTime();
      long foldPostgresCpuBefore = ProcessCpu.postgresNanos();
      FoldResult folded =
          workload
              .folder()
              .foldBacklog(
                  db.jdbi(),
                  AggregateFolder.QUARTER_HOURS_PER_FOLD_DEFAULT,
                  AggregateFolder.ROUNDS_MAX);
      vacuum(db);
      double foldSeconds = (System.nanoTime() - foldStart) / 1e9;
      long foldPostgresCpuAfter = ProcessCpu.postgresNanos();
      if (folded.quarterHours() != queuedQuarterHours || queued(db) != 0) {
        throw new IllegalStateException(
            "folded " + folded.quarterHours() + " of " + queuedQuarterHours + " quarter hours");
      }
      double ours = measurements / oursSeconds;
      double[] tokenizing = tokenizeOnly(requests, measurements);

      List<String> lines =
          rawLines(db, "bench", IngestWorkload.START.plusSeconds(warmUpPushes * 15L * 60));
      if (lines.size() != measurements || rawRows(db) != rowsBefore + measurements) {
        throw new IllegalStateException("stored " + lines.size() + " rows, pushed " + measurements);
      }
      int batchRows = METERS_PER_DEVICE * IngestWorkload.READINGS_PER_PUSH;
      // The baseline's warm-up: the same COPY of the same rows into a scratch table.
      copy(db, "bench_copy_warm_up", lines, batchRows);
      db.jdbi().useHandle(h -> h.execute("DROP TABLE bench_copy_warm_up"));
      long copyCpuBefore = ProcessCpu.postgresNanos();
      double copyBatchedSeconds = copy(db, "bench_copy_batched", lines, batchRows);
      long copyCpuAfter = ProcessCpu.postgresNanos();
      double copyBatched = lines.size() / copyBatchedSeconds;
      double copyKeyedSeconds = copy(db, "bench_copy_keyed", lines, batchRows, true);
      double copyKeyed = lines.size() / copyKeyedSeconds;
      List<byte[]> binaryBatches =
          binaryBatches(
              db, "bench", IngestWorkload.START.plusSeconds(warmUpPushes * 15L * 60), batchRows);
      copyBinary(db, "bench_copy_binary_warm_up", binaryBatches);
      db.jdbi().useHandle(h -> h.execute("DROP TABLE bench_copy_binary_warm_up"));
      double copyBinaryKeyed =
          lines.size() / copyBinary(db, "bench_copy_binary_keyed", binaryBatches);
      double copyStreamSeconds = copy(db, "bench_copy_stream", lines, lines.size());
      double copyStream = lines.size() / copyStreamSeconds;

      double[] http = http(workload, httpPushesPerDevice);
      double concurrent = concurrentInProcess(workload, httpPushesPerDevice);

      // A second shape: concentrators with 100 meters, 1 500 measurements per push.
      IngestWorkload big = new IngestWorkload(db.jdbi(), 4, 100, "conc");
      runPushes(big, 1);
      List<IotRequest> bigRequests = new ArrayList<>();
      int bigMeasurements = 0;
      for (int p = 0; p < (context.quick() ? 3 : 12); p++) {
        for (int d = 0; d < big.deviceCount(); d++) {
          List<Measurement> batch = big.nextBatch(d);
          bigMeasurements += batch.size();
          bigRequests.add(big.request(d, batch));
        }
      }
      long bigStart = System.nanoTime();
      for (IotRequest request : bigRequests) {
        IotResponse response = big.push().handle(request);
        if (response.status() != 200) {
          throw new IllegalStateException("push failed: " + response.bodyText());
        }
      }
      double bigOurs = bigMeasurements / ((System.nanoTime() - bigStart) / 1e9);
      List<String> bigLines = rawLines(db, "conc", IngestWorkload.START.plusSeconds(15 * 60));
      if (bigLines.size() != bigMeasurements) {
        throw new IllegalStateException(
            "stored " + bigLines.size() + " rows, pushed " + bigMeasurements);
      }
      double bigCopy =
          bigLines.size()
              / copy(db, "bench_copy_big", bigLines, 100 * IngestWorkload.READINGS_PER_PUSH);

      Map<String, Object> details = new LinkedHashMap<>();
      details.put("measurements", measurements);
      details.put("pushes", requests.size());
      details.put("measurementsPerPush", batchRows);
      details.put("registersPerMeasurement", 30);
      details.put("oursSeconds", round(oursSeconds));
      details.put("copyBatchedSeconds", round(copyBatchedSeconds));
      details.put("oursWallMsPerPush", round(oursSeconds * 1000 / requests.size()));
      details.put(
          "oursJavaCpuMsPerPush", ProcessCpu.msPer(javaCpuBefore, javaCpuAfter, requests.size()));
      details.put(
          "oursPostgresCpuMsPerPush",
          ProcessCpu.msPer(postgresCpuBefore, postgresCpuAfter, requests.size()));
      details.put(
          "copyPostgresCpuMsPerBatch",
          ProcessCpu.msPer(copyCpuBefore, copyCpuAfter, requests.size()));
      details.put("copyKeyedPartitionedRowsPerSecond", Math.round(copyKeyed));
      details.put("ratioToKeyedPartitionedCopy", round(ours / copyKeyed));
      details.put("copyBinaryKeyedPartitionedRowsPerSecond", Math.round(copyBinaryKeyed));
      details.put("ratioToBinaryKeyedPartitionedCopy", round(ours / copyBinaryKeyed));
      details.put("foldQuarterHours", folded.quarterHours());
      details.put("foldRowsWritten", folded.rowsWritten());
      details.put("foldSeconds", round(foldSeconds));
      details.put("foldMsPerPush", round(foldSeconds * 1000 / requests.size()));
      details.put(
          "foldPostgresCpuMsPerPush",
          ProcessCpu.msPer(foldPostgresCpuBefore, foldPostgresCpuAfter, requests.size()));
      double withFold = measurements / (oursSeconds + foldSeconds);
      details.put("oursPlusFoldSeconds", round(oursSeconds + foldSeconds));
      details.put("oursPlusFoldMeasurementsPerSecond", Math.round(withFold));
      details.put("ratioPlusFoldToCopy", round(withFold / copyBatched));
      details.put("ratioPlusFoldToBinaryKeyedPartitionedCopy", round(withFold / copyBinaryKeyed));
      details.put("copySingleStreamRowsPerSecond", Math.round(copyStream));
      details.put("ratioToSingleStreamCopy", round(ours / copyStream));
      details.put("inProcessConcurrentDevicesMeasurementsPerSecond", Math.round(concurrent));
      details.put("httpConcurrentDevices", DEVICES);
      details.put("httpPushesPerSecond", round(http[0]));
      details.put("httpMeasurementsPerSecond", Math.round(http[1]));
      details.put("aggregateRows", aggregateRows(db));
      details.put("concentratorMeasurementsPerPush", 100 * IngestWorkload.READINGS_PER_PUSH);
      details.put("concentratorMeasurementsPerSecond", Math.round(bigOurs));
      details.put("concentratorCopySameBatchesRowsPerSecond", Math.round(bigCopy));
      details.put("concentratorRatio", round(bigOurs / bigCopy));
      details.put("bodyBytesPerMeasurement", Math.round(tokenizing[1]));
      details.put("tokenizeOnlyMeasurementsPerSecond", Math.round(tokenizing[0]));
      details.put("tokenizeOnlyRatioToCopy", round(tokenizing[0] / copyBatched));

      context.out().printf("%-46s %14s%n", "path", "measurements/s");
      context
          .out()
          .printf("%-46s %,14.0f%n", "PushHandler (parse+auth+validate+raw+3 levels)", ours);
      context
          .out()
          .printf("%-46s %,14.0f%n", "COPY bare table, same batches (baseline)", copyBatched);
      context
          .out()
          .printf("%-46s %,14.0f%n", "COPY keyed, partitioned table like ours, same", copyKeyed);
      context
          .out()
          .printf(
              "%-46s %,14.0f%n", "binary COPY keyed, partitioned like ours, same", copyBinaryKeyed);
      context
          .out()
          .printf(
              "%-46s %,14.0f  (%d quarter hours in %.3f s, after the pushes)%n",
              "PushHandler + its folds of days and months",
              withFold,
              folded.quarterHours(),
              foldSeconds);
      context.out().printf("%-46s %,14.0f%n", "COPY bare table, one stream", copyStream);
      context
          .out()
          .printf(
              "%-46s %,14.0f  (%.0f bytes of JSON per measurement)%n",
              "reference: only tokenizing the same bodies", tokenizing[0], tokenizing[1]);
      context
          .out()
          .printf(
              "%-46s %,14.0f%n",
              "PushHandler, " + DEVICES + " devices in parallel, no HTTP", concurrent);
      context
          .out()
          .printf(
              "%-46s %,14.0f  (%.1f pushes/s)%n",
              "HTTP, " + DEVICES + " concurrent devices", http[1], http[0]);
      return new BenchResult(
          "ingest",
          "measurements/s",
          ours,
          "COPY of the same raw rows into a bare table, same batches",
          copyBatched,
          "higher",
          context.quick(),
          details);
    }
  }

  /**
   * A floor for any handler of this JSON protocol: the same request bodies run through Jackson's
   * streaming tokenizer (every token read, no tree, no number conversion, nothing stored), best of
   * three passes.
   *
   * @return measurements per second, and body bytes per measurement
   */
  private static double[] tokenizeOnly(List<IotRequest> requests, int measurements)
      throws java.io.IOException {
    com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
    long bytes = 0;
    for (IotRequest request : requests) {
      bytes += request.body().length;
    }
    double best = 0;
    long tokens = 0;
    for (int pass = 0; pass < 3; pass++) {
      long start = System.nanoTime();
      for (IotRequest request : requests) {
        try (com.fasterxml.jackson.core.JsonParser parser = factory.createParser(request.body())) {
          while (parser.nextToken() != null) {
            tokens++;
          }
        }
      }
      best = Math.max(best, measurements / ((System.nanoTime() - start) / 1e9));
    }
    if (tokens == 0) {
      throw new IllegalStateException("no JSON tokens read");
    }
    return new double[] {best, (double) bytes / measurements};
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static void runPushes(IngestWorkload workload, int rounds) {
    for (int p = 0; p < rounds; p++) {
      for (int d = 0; d < workload.deviceCount(); d++) {
        IotResponse response = workload.push().handle(workload.request(d, workload.nextBatch(d)));
        if (response.status() != 200) {
          throw new IllegalStateException("warm-up push failed: " + response.bodyText());
        }
      }
    }
  }

  /** Switches autovacuum of the module's tables (the raw partitions and the aggregates). */
  private static void setAutovacuum(TestDatabase db, boolean enabled) {
    db.jdbi()
        .useHandle(
            h -> {
              List<String> tables =
                  h.createQuery(
                          "SELECT c.oid::regclass::text FROM pg_inherits i JOIN pg_class c ON"
                              + " c.oid = i.inhrelid WHERE i.inhparent ="
                              + " 'fis_iot.raw_measurement'::regclass")
                      .mapTo(String.class)
                      .list();
              for (String table : new ArrayList<>(tables)) {
                h.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = " + enabled + ")");
              }
              h.execute("ALTER TABLE fis_iot.aggregate SET (autovacuum_enabled = " + enabled + ")");
              h.execute(
                  "ALTER TABLE fis_iot.aggregate_fold SET (autovacuum_enabled = " + enabled + ")");
            });
  }

  /** Vacuums the module's written tables: the deferred work of the pushes, timed with them. */
  private static void vacuum(TestDatabase db) {
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "VACUUM fis_iot.raw_measurement, fis_iot.aggregate, fis_iot.aggregate_fold"));
  }

  private static long rawRows(TestDatabase db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM fis_iot.raw_measurement")
                    .mapTo(Long.class)
                    .one());
  }

  private static long aggregateRows(TestDatabase db) {
    return db.jdbi()
        .withHandle(
            h -> h.createQuery("SELECT count(*) FROM fis_iot.aggregate").mapTo(Long.class).one());
  }

  private static long queued(TestDatabase db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM fis_iot.aggregate_fold")
                    .mapTo(Long.class)
                    .one());
  }

  /**
   * The measured run's raw rows in PostgreSQL's binary COPY format, split into streams of {@code
   * batchRows} rows (each with the format's header and trailer), built before any clock starts.
   */
  private static List<byte[]> binaryBatches(
      TestDatabase db, String prefix, java.time.Instant from, int batchRows) throws Exception {
    byte[] all;
    try (Connection connection = db.dataSource().getConnection()) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyOut(
              "COPY (SELECT meter_id, reading_time, layout_id, values_milli, device_id, received_at FROM"
                  + " fis_iot.raw_measurement WHERE meter_id LIKE '"
                  + prefix
                  + "%' AND reading_time >= '"
                  + from
                  + "' ORDER BY reading_time, meter_id) TO STDOUT (FORMAT binary)",
              out);
      all = out.toByteArray();
    }
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(all);
    int headerLength = 11 + 4 + 4 + in.getInt(15);
    byte[] header = java.util.Arrays.copyOf(all, headerLength);
    in.position(headerLength);
    List<byte[]> batches = new ArrayList<>();
    java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
    int rows = 0;
    while (true) {
      int rowStart = in.position();
      short fields = in.getShort();
      if (fields < 0) {
        break;
      }
      for (int f = 0; f < fields; f++) {
        int length = in.getInt();
        if (length > 0) {
          in.position(in.position() + length);
        }
      }
      if (rows == 0) {
        batch.write(header);
      }
      batch.write(all, rowStart, in.position() - rowStart);
      if (++rows == batchRows) {
        batches.add(finishBatch(batch));
        rows = 0;
      }
    }
    if (rows > 0) {
      batches.add(finishBatch(batch));
    }
    return batches;
  }

  private static byte[] finishBatch(java.io.ByteArrayOutputStream batch) {
    batch.write(0xff);
    batch.write(0xff);
    byte[] bytes = batch.toByteArray();
    batch.reset();
    return bytes;
  }

  /**
   * Binary COPY of the batches, one transaction each, into a fresh table keyed and partitioned like
   * {@code fis_iot.raw_measurement}: the least an exactly-once raw store pays.
   */
  private static double copyBinary(TestDatabase db, String table, List<byte[]> batches)
      throws Exception {
    try (Connection connection = db.dataSource().getConnection()) {
      try (var statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE "
                + table
                + " (meter_id text COLLATE \"C\", reading_time timestamptz, layout_id integer,"
                + " values_milli bigint[], device_id text COLLATE \"C\", received_at timestamptz,"
                + " PRIMARY KEY (meter_id, reading_time)) PARTITION BY RANGE (reading_time)");
        statement.execute(
            "CREATE TABLE "
                + table
                + "_all PARTITION OF "
                + table
                + " FOR VALUES FROM (MINVALUE) TO (MAXVALUE) WITH (autovacuum_enabled = false)");
      }
      connection.setAutoCommit(false);
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      long start = System.nanoTime();
      for (byte[] batch : batches) {
        org.postgresql.copy.CopyIn in =
            copy.copyIn("COPY " + table + " FROM STDIN (FORMAT binary)");
        in.writeToCopy(batch, 0, batch.length);
        in.endCopy();
        connection.commit();
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /** The measured run's raw rows in COPY text format (the rows after the warm-up). */
  private static List<String> rawLines(TestDatabase db, String prefix, java.time.Instant from)
      throws Exception {
    try (Connection connection = db.dataSource().getConnection()) {
      java.io.StringWriter out = new java.io.StringWriter();
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyOut(
              "COPY (SELECT meter_id, reading_time, layout_id, values_milli, device_id, received_at FROM"
                  + " fis_iot.raw_measurement WHERE meter_id LIKE '"
                  + prefix
                  + "%' AND reading_time >= '"
                  + from
                  + "' ORDER BY reading_time, meter_id) TO STDOUT",
              out);
      return out.toString().lines().map(l -> l + "\n").toList();
    }
  }

  /**
   * COPY of the lines into a fresh bare table, in batches of {@code batchRows}, one transaction
   * each.
   */
  private static double copy(TestDatabase db, String table, List<String> lines, int batchRows)
      throws Exception {
    return copy(db, table, lines, batchRows, false);
  }

  /**
   * COPY of the lines in batches of {@code batchRows}, one transaction each, into a fresh table:
   * bare, or {@code keyed} like {@code fis_iot.raw_measurement} (the same primary key, partitioned
   * by month, one partition per month of the lines).
   */
  private static double copy(
      TestDatabase db, String table, List<String> lines, int batchRows, boolean keyed)
      throws Exception {
    try (Connection connection = db.dataSource().getConnection()) {
      try (var statement = connection.createStatement()) {
        // No autovacuum: a vacuum of the warm-up table must not land in the timed COPY.
        String columns =
            " (meter_id text COLLATE \"C\", reading_time timestamptz, layout_id integer,"
                + " values_milli bigint[], device_id text COLLATE \"C\", received_at"
                + " timestamptz";
        if (keyed) {
          statement.execute(
              "CREATE TABLE "
                  + table
                  + columns
                  + ", PRIMARY KEY (meter_id, reading_time)) PARTITION BY RANGE (reading_time)");
          statement.execute(
              "CREATE TABLE "
                  + table
                  + "_all PARTITION OF "
                  + table
                  + " FOR VALUES FROM (MINVALUE) TO (MAXVALUE) WITH (autovacuum_enabled = false)");
        } else {
          statement.execute(
              "CREATE TABLE " + table + columns + ") WITH (autovacuum_enabled = false)");
        }
      }
      connection.setAutoCommit(false);
      var copy = connection.unwrap(PGConnection.class).getCopyAPI();
      long start = System.nanoTime();
      for (int i = 0; i < lines.size(); i += batchRows) {
        StringBuilder chunk = new StringBuilder();
        for (String line : lines.subList(i, Math.min(lines.size(), i + batchRows))) {
          chunk.append(line);
        }
        copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(chunk.toString()));
        connection.commit();
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /**
   * Pushes straight into the handler with one thread per device, all devices at once (the bodies
   * built before the clock starts, two untimed pushes per device first): how the handler itself
   * scales with concurrent devices, without the HTTP server and client of {@link #http}.
   *
   * @return measurements per second
   */
  private static double concurrentInProcess(IngestWorkload workload, int pushesPerDevice)
      throws Exception {
    int devices = workload.deviceCount();
    int warmUp = 2;
    List<List<IotRequest>> requests = new ArrayList<>();
    int measurements = 0;
    for (int d = 0; d < devices; d++) {
      List<IotRequest> mine = new ArrayList<>();
      for (int p = 0; p < warmUp + pushesPerDevice; p++) {
        List<Measurement> batch = workload.nextBatch(d);
        mine.add(workload.request(d, batch));
        if (p >= warmUp) {
          measurements += batch.size();
        }
      }
      requests.add(mine);
    }
    ExecutorService pool = Executors.newFixedThreadPool(devices);
    try {
      java.util.concurrent.CyclicBarrier warmedUp =
          new java.util.concurrent.CyclicBarrier(devices + 1);
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int d = 0; d < devices; d++) {
        List<IotRequest> mine = requests.get(d);
        futures.add(
            pool.submit(
                () -> {
                  for (int p = 0; p < mine.size(); p++) {
                    if (p == warmUp) {
                      warmedUp.await();
                      go.await();
                    }
                    IotResponse response = workload.push().handle(mine.get(p));
                    if (response.status() != 200) {
                      throw new IllegalStateException("push failed: " + response.bodyText());
                    }
                  }
                  return null;
                }));
      }
      warmedUp.await(10, TimeUnit.MINUTES);
      long start = System.nanoTime();
      go.countDown();
      for (Future<?> future : futures) {
        future.get(10, TimeUnit.MINUTES);
      }
      return measurements / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * HTTP pushes with one thread and one kept-alive connection per device; returns {pushes/s,
   * measurements/s}. The requests are built before the clock starts and sent by {@link
   * RawHttpPusher}, which spends next to no CPU (the load generator shares the machine); each
   * device first sends two pushes that are not timed (warm-up of the HTTP server).
   */
  private static double[] http(IngestWorkload workload, int pushesPerDevice) throws Exception {
    int devices = workload.deviceCount();
    int warmUp = 2;
    List<List<byte[]>> requests = new ArrayList<>();
    List<List<Integer>> sizes = new ArrayList<>();
    for (int d = 0; d < devices; d++) {
      SimulatedGateway gateway = workload.gatewayFor(d, java.net.URI.create("http://unused/"));
      List<byte[]> mine = new ArrayList<>();
      List<Integer> mySizes = new ArrayList<>();
      for (int p = 0; p < warmUp + pushesPerDevice; p++) {
        List<Measurement> batch = workload.nextBatch(d);
        mine.add(
            RawHttpPusher.request(
                IotHttpServer.PUSH_PATH,
                workload.deviceId(d),
                IngestWorkload.SECRET,
                gateway.body(batch, IngestWorkload.START)));
        mySizes.add(batch.size());
      }
      requests.add(mine);
      sizes.add(mySizes);
    }
    try (IotHttpServer server =
        IotHttpServer.start(
            new java.net.InetSocketAddress("127.0.0.1", 0),
            workload.push(),
            workload.poll(),
            workload.config().bodyBytesMax(),
            devices)) {
      ExecutorService pool = Executors.newFixedThreadPool(devices);
      try {
        java.util.concurrent.CyclicBarrier warmedUp =
            new java.util.concurrent.CyclicBarrier(devices + 1);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
          int device = d;
          futures.add(
              pool.submit(
                  () -> {
                    int measurements = 0;
                    try (RawHttpPusher client = new RawHttpPusher(server.baseUri().getPort())) {
                      for (int p = 0; p < warmUp + pushesPerDevice; p++) {
                        if (p == warmUp) {
                          warmedUp.await();
                          go.await();
                        }
                        RawHttpPusher.Response response = client.send(requests.get(device).get(p));
                        if (response.status() != 200) {
                          throw new IllegalStateException("HTTP push failed: " + response.body());
                        }
                        if (p >= warmUp) {
                          measurements += sizes.get(device).get(p);
                        }
                      }
                    }
                    return measurements;
                  }));
        }
        warmedUp.await(10, TimeUnit.MINUTES);
        long start = System.nanoTime();
        go.countDown();
        long measurements = 0;
        for (Future<Integer> future : futures) {
          measurements += future.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] {devices * pushesPerDevice / seconds, measurements / seconds};
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
