package org.fis.examples.bench;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fis.examples.bench.ingest.IngestWorkload;
import org.fis.examples.bench.ingest.ProcessCpu;
import org.fis.examples.bench.ingest.RawHttpPusher;
import org.fis.examples.iot.IotJettyServer;
import org.fis.examples.iot.IotServerLimits;
import org.fis.iot.IotMigrations;
import org.fis.iot.IotRequest;
import org.fis.iot.IotResponse;
import org.fis.iot.Measurement;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.iot.simulator.SimulatedGateway;
import org.fis.testing.TestDatabase;

/**
 * {@code fis bench ingest-http}: 16 devices pushing at once over HTTP on {@code fis serve}'s Jetty
 * host ({@link IotJettyServer}) against the same 16 devices calling {@link org.fis.iot.PushHandler}
 * in process, same batches, same database, in the same run; the JDK server ({@link IotHttpServer})
 * beside. The three paths take turns (in process, Jetty, JDK) for several rounds so that the
 * growing tables weigh on each alike; the figures are medians over the rounds. The load generator
 * ({@link RawHttpPusher}, one kept-alive connection per device, requests built before the clock
 * starts) shares the machine and spends next to no CPU.
 */
public final class IngestHttpBenchmark implements Benchmark {
  private static final int DEVICES = 16;
  private static final int METERS_PER_DEVICE = 10;

  /** Creates the benchmark. */
  public IngestHttpBenchmark() {}

  @Override
  public String area() {
    return "ingest-http";
  }

  private enum Path {
    IN_PROCESS,
    JETTY,
    JDK
  }

  @Override
  public BenchResult run(BenchContext context) throws Exception {
    int pushesPerDevice = context.quick() ? 8 : 40;
    int rounds = context.quick() ? 3 : 5;
    try (TestDatabase db = context.freshDatabase(IotMigrations::migrate)) {
      IngestWorkload workload = new IngestWorkload(db.jdbi(), DEVICES, METERS_PER_DEVICE, "http");
      context
          .out()
          .printf(
              "ingest-http: %d devices x %d ABB meters, %d measurements per push, %d pushes per"
                  + " device per path and round, %d rounds%n",
              DEVICES,
              METERS_PER_DEVICE,
              METERS_PER_DEVICE * IngestWorkload.READINGS_PER_PUSH,
              pushesPerDevice,
              rounds);
      // Warm-up (not measured): every path once, so the JIT has compiled each.
      for (Path path : Path.values()) {
        measure(workload, path, context.quick() ? 4 : 10);
      }
      Map<Path, double[]> perSecond = new LinkedHashMap<>();
      Map<Path, double[]> cpuMsPerPush = new LinkedHashMap<>();
      Map<Path, double[]> postgresMsPerPush = new LinkedHashMap<>();
      for (Path path : Path.values()) {
        perSecond.put(path, new double[rounds]);
        cpuMsPerPush.put(path, new double[rounds]);
        postgresMsPerPush.put(path, new double[rounds]);
      }
      for (int r = 0; r < rounds; r++) {
        for (Path path : Path.values()) {
          double[] figures = measure(workload, path, pushesPerDevice);
          perSecond.get(path)[r] = figures[0];
          cpuMsPerPush.get(path)[r] = figures[1];
          postgresMsPerPush.get(path)[r] = figures[2];
        }
      }
      double inProcess = median(perSecond.get(Path.IN_PROCESS));
      double jetty = median(perSecond.get(Path.JETTY));
      double jdk = median(perSecond.get(Path.JDK));

      Map<String, Object> details = new LinkedHashMap<>();
      details.put("devices", DEVICES);
      details.put("measurementsPerPush", METERS_PER_DEVICE * IngestWorkload.READINGS_PER_PUSH);
      details.put("pushesPerDevicePerRound", pushesPerDevice);
      details.put("rounds", rounds);
      details.put("inProcessMeasurementsPerSecond", Math.round(inProcess));
      details.put("jettyMeasurementsPerSecond", Math.round(jetty));
      details.put("jdkMeasurementsPerSecond", Math.round(jdk));
      details.put("jettyRatioToInProcess", round(jetty / inProcess));
      details.put("jdkRatioToInProcess", round(jdk / inProcess));
      for (Path path : Path.values()) {
        String name = path.name().toLowerCase(java.util.Locale.ROOT).replace("_p", "P");
        details.put(name + "PerRound", roundAll(perSecond.get(path)));
        details.put(name + "JavaCpuMsPerPush", round(median(cpuMsPerPush.get(path))));
        details.put(name + "PostgresCpuMsPerPush", round(median(postgresMsPerPush.get(path))));
      }

      context
          .out()
          .printf("%-44s %14s %12s %12s%n", "path", "measurements/s", "JVM ms/push", "PG ms/push");
      for (Path path : Path.values()) {
        context
            .out()
            .printf(
                "%-44s %,14.0f %12.2f %12.2f%n",
                switch (path) {
                  case IN_PROCESS -> "PushHandler in process, " + DEVICES + " devices";
                  case JETTY -> "HTTP on Jetty (fis serve), " + DEVICES + " devices";
                  case JDK -> "HTTP on the JDK server, " + DEVICES + " devices";
                },
                median(perSecond.get(path)),
                median(cpuMsPerPush.get(path)),
                median(postgresMsPerPush.get(path)));
      }
      return new BenchResult(
          "ingest-http",
          "measurements/s",
          jetty,
          "the same 16 devices calling PushHandler in process, same batches",
          inProcess,
          "higher",
          context.quick(),
          details);
    }
  }

  /**
   * One timed run of a path: every device pushes {@code pushesPerDevice} batches (after two untimed
   * ones), all devices at once. Returns {measurements/s, JVM CPU ms per push, PostgreSQL CPU ms per
   * push}.
   */
  private static double[] measure(IngestWorkload workload, Path path, int pushesPerDevice)
      throws Exception {
    int devices = workload.deviceCount();
    int warmUp = 2;
    List<List<IotRequest>> inProcess = new ArrayList<>();
    List<List<byte[]>> http = new ArrayList<>();
    int measurements = 0;
    for (int d = 0; d < devices; d++) {
      SimulatedGateway gateway = workload.gatewayFor(d, java.net.URI.create("http://unused/"));
      List<IotRequest> mine = new ArrayList<>();
      List<byte[]> myBytes = new ArrayList<>();
      for (int p = 0; p < warmUp + pushesPerDevice; p++) {
        List<Measurement> batch = workload.nextBatch(d);
        if (path == Path.IN_PROCESS) {
          mine.add(workload.request(d, batch));
        } else {
          myBytes.add(
              RawHttpPusher.request(
                  IotHttpServer.PUSH_PATH,
                  workload.deviceId(d),
                  IngestWorkload.SECRET,
                  gateway.body(batch, IngestWorkload.START)));
        }
        if (p >= warmUp) {
          measurements += batch.size();
        }
      }
      inProcess.add(mine);
      http.add(myBytes);
    }
    AutoCloseable server = null;
    int port = -1;
    if (path == Path.JETTY) {
      IotJettyServer jetty =
          IotJettyServer.start(
              new InetSocketAddress("127.0.0.1", 0),
              workload.push(),
              workload.poll(),
              workload.config().bodyBytesMax(),
              IotServerLimits.defaults());
      server = jetty;
      port = jetty.baseUri().getPort();
    } else if (path == Path.JDK) {
      IotHttpServer jdk =
          IotHttpServer.start(
              new InetSocketAddress("127.0.0.1", 0),
              workload.push(),
              workload.poll(),
              workload.config().bodyBytesMax(),
              devices);
      server = jdk;
      port = jdk.baseUri().getPort();
    }
    ExecutorService pool = Executors.newFixedThreadPool(devices);
    try {
      CyclicBarrier warmedUp = new CyclicBarrier(devices + 1);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      int serverPort = port;
      for (int d = 0; d < devices; d++) {
        List<IotRequest> mine = inProcess.get(d);
        List<byte[]> myBytes = http.get(d);
        futures.add(
            pool.submit(
                () -> {
                  RawHttpPusher client =
                      path == Path.IN_PROCESS ? null : new RawHttpPusher(serverPort);
                  try {
                    for (int p = 0; p < warmUp + pushesPerDevice; p++) {
                      if (p == warmUp) {
                        warmedUp.await();
                        go.await();
                      }
                      if (client == null) {
                        IotResponse response = workload.push().handle(mine.get(p));
                        if (response.status() != 200) {
                          throw new IllegalStateException("push failed: " + response.bodyText());
                        }
                      } else {
                        RawHttpPusher.Response response = client.send(myBytes.get(p));
                        if (response.status() != 200) {
                          throw new IllegalStateException("HTTP push failed: " + response.body());
                        }
                      }
                    }
                  } finally {
                    if (client != null) {
                      client.close();
                    }
                  }
                  return null;
                }));
      }
      warmedUp.await(10, TimeUnit.MINUTES);
      long cpuBefore = processCpuNanos();
      long postgresBefore = ProcessCpu.postgresNanos();
      long start = System.nanoTime();
      go.countDown();
      for (Future<?> future : futures) {
        future.get(10, TimeUnit.MINUTES);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long postgresAfter = ProcessCpu.postgresNanos();
      long cpuAfter = processCpuNanos();
      int pushes = devices * pushesPerDevice;
      return new double[] {
        measurements / seconds,
        (cpuAfter - cpuBefore) / 1e6 / pushes,
        ProcessCpu.msPer(postgresBefore, postgresAfter, pushes)
      };
    } finally {
      pool.shutdownNow();
      if (server != null) {
        server.close();
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }

  private static List<Long> roundAll(double[] values) {
    List<Long> rounded = new ArrayList<>();
    for (double value : values) {
      rounded.add(Math.round(value));
    }
    return rounded;
  }
}
