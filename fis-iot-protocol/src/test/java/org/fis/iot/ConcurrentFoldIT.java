package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fis.iot.internal.AggregateState;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = IotMigrations.class)
class ConcurrentFoldIT {
  private static final int DEVICES = 3;
  private static final int THREADS_PER_DEVICE = 2;
  private static final int FOLDERS = 2;

  @Test
  void folds_running_beside_overlapping_pushes_keep_every_aggregate_exact(Jdbi jdbi)
      throws Exception {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    AggregateFolder folder = AggregateFolder.create(fixture.clock, IngestMetrics.NONE);
    List<String> allMeters = new ArrayList<>();
    List<Runnable> pushes = new ArrayList<>();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    for (int d = 0; d < DEVICES; d++) {
      String device = "cf" + d;
      List<String> meters = fixture.device(device, 2);
      allMeters.addAll(meters);
      List<Measurement> readings = AggregateRecomputationIT.readings(meters, new Random(d), 50);
      for (int t = 0; t < THREADS_PER_DEVICE; t++) {
        Random random = new Random(d * 100L + t);
        List<Measurement> order = new ArrayList<>(readings);
        Collections.shuffle(order, random);
        pushes.add(
            () -> {
              int i = 0;
              while (i < order.size()) {
                int size = 3 + random.nextInt(20);
                List<Measurement> batch = order.subList(i, Math.min(order.size(), i + size));
                i += size;
                IotResponse response =
                    fixture.push.handle(
                        IotFixture.request(
                            device, IotFixture.SECRET, IotFixture.body(device, batch)));
                if (response.status() != 200) {
                  failures.add(response.status() + " " + response.bodyText());
                }
              }
            });
      }
    }
    AtomicBoolean pushing = new AtomicBoolean(true);
    AtomicInteger folded = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(pushes.size() + FOLDERS);
    try {
      List<Future<?>> folders = new ArrayList<>();
      for (int f = 0; f < FOLDERS; f++) {
        int size = 1 + f * 6;
        folders.add(
            pool.submit(
                () -> {
                  while (pushing.get()) {
                    folded.addAndGet(folder.foldBacklog(jdbi, size, 5).quarterHours());
                  }
                  return null;
                }));
      }
      List<Future<?>> futures = new ArrayList<>();
      pushes.forEach(w -> futures.add(pool.submit(w)));
      for (Future<?> future : futures) {
        future.get(180, TimeUnit.SECONDS);
      }
      pushing.set(false);
      for (Future<?> future : folders) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pushing.set(false);
      pool.shutdownNow();
    }

    assertThat(failures).isEmpty();
    assertThat(folded.get()).isPositive();
    Map<String, AggregateState> expected =
        jdbi.withHandle(h -> Recomputation.recomputed(h, allMeters, fixture.config.zone()));
    Map<String, AggregateState> seen = jdbi.withHandle(h -> Recomputation.stored(h, allMeters));
    assertThat(seen).isEqualTo(expected);
    folder.foldBacklog(jdbi, 100, 1_000);
    long queued = jdbi.withHandle(Recomputation::queued);
    assertThat(queued).isZero();
    Map<String, AggregateState> rows = jdbi.withHandle(h -> Recomputation.storedRows(h, allMeters));
    assertThat(rows).isEqualTo(expected);
  }
}
