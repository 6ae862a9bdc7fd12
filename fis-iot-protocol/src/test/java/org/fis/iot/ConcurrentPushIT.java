package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.fis.iot.internal.AggregateState;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = IotMigrations.class)
class ConcurrentPushIT {
  private static final int DEVICES = 4;
  private static final int THREADS_PER_DEVICE = 3;

  @Test
  void devices_pushing_overlapping_data_in_parallel_end_with_exact_aggregates(Jdbi jdbi)
      throws Exception {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    List<String> allMeters = new ArrayList<>();
    List<Runnable> work = new ArrayList<>();
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    int expectedRows = 0;
    for (int d = 0; d < DEVICES; d++) {
      String device = "cc" + d;
      List<String> meters = fixture.device(device, 2);
      allMeters.addAll(meters);
      List<Measurement> readings = AggregateRecomputationIT.readings(meters, new Random(d), 60);
      expectedRows += readings.size();
      for (int t = 0; t < THREADS_PER_DEVICE; t++) {
        // Every thread of a device pushes all of its readings (an outbox re-sending), in its own
        // order and batch sizes, so the batches overlap in rows and in aggregate periods.
        Random random = new Random(d * 100L + t);
        List<Measurement> order = new ArrayList<>(readings);
        Collections.shuffle(order, random);
        work.add(
            () -> {
              int i = 0;
              while (i < order.size()) {
                int size = 5 + random.nextInt(30);
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
    ExecutorService pool = Executors.newFixedThreadPool(work.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      work.forEach(w -> futures.add(pool.submit(w)));
      for (Future<?> future : futures) {
        future.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(failures).isEmpty();
    long raw =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT count(*) FROM fis_iot.raw_measurement")
                    .mapTo(Long.class)
                    .one());
    assertThat(raw).isEqualTo(expectedRows);
    java.util.Map<String, AggregateState> stored =
        jdbi.withHandle(h -> Recomputation.stored(h, allMeters));
    java.util.Map<String, AggregateState> expected =
        jdbi.withHandle(h -> Recomputation.recomputed(h, allMeters, fixture.config.zone()));
    assertThat(stored).isEqualTo(expected);
  }
}
