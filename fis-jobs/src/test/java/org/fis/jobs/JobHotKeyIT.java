package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hot-key handover: under a backlog, the next job of a key is claimed soon after its
 * predecessor succeeded, not when the sweep comes back to it (about once a second before).
 */
@FisPostgres(migrations = JobsMigrations.class)
class JobHotKeyIT {
  private static final int CHAIN = 12;
  private static final int BACKLOG = 50_000;

  /** Measured: about 40 ms with the handover, about 210 ms without it (sweep restarts only). */
  private static final long SUCCESSOR_MEDIAN_MILLIS_MAX = 150;

  private final JobQueue queue = JobQueue.create();

  @BeforeAll
  static void createEffects(Jdbi jdbi) {
    JobsTestSupport.createEffectsTable(jdbi);
  }

  @Test
  void a_keyed_jobs_successor_is_claimed_soon_after_it_succeeded_under_a_backlog(Jdbi jdbi) {
    // The chain first (so every successor lies behind the sweep position once its predecessor
    // was claimed), then a backlog that keeps the processor busy for several seconds.
    List<NewJob> chain = new ArrayList<>();
    for (int i = 0; i < CHAIN; i++) {
      chain.add(NewJob.of("hot.key", "the-hot-key", "{}"));
    }
    List<Long> chainIds = jdbi.inTransaction(h -> queue.enqueueAll(h, chain));
    for (int from = 0; from < BACKLOG; from += 10_000) {
      List<NewJob> backlog = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        backlog.add(NewJob.of("hot.backlog", null, "{}"));
      }
      jdbi.useTransaction(h -> queue.enqueueAll(h, backlog));
    }
    JobProcessorConfig config =
        JobsTestSupport.fastConfig()
            .withThreads(4)
            .withClaimBatchSize(1_000)
            .withTransactionBatchSize(100)
            .withPollInterval(Duration.ofMillis(200));
    try (JobProcessor processor = JobProcessor.create(jdbi, config)) {
      processor.register(
          "hot.key",
          (handle, job) ->
              handle.execute(
                  "INSERT INTO public.job_effect (job_id, job_key) VALUES (?, ?)",
                  job.id(),
                  job.key()));
      processor.register("hot.backlog", (handle, job) -> {});
      processor.start();
      awaitTrue(
          "the chain ran",
          () ->
              JobsTestSupport.count(
                      jdbi, "SELECT count(*) FROM public.job_effect WHERE job_key = 'the-hot-key'")
                  == CHAIN);
      long backlogLeft = BACKLOG - (processor.metrics().succeeded() - CHAIN);
      assertThat(backlogLeft).as("the backlog lasted the whole chain").isPositive();
    }
    // Per successor: from its predecessor's success line to its own handler's start.
    List<Long> latencies =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT CAST(extract(epoch FROM e.recorded_at - s.recorded_at) * 1000"
                            + " AS bigint) FROM public.job_effect e"
                            + " JOIN fis_jobs.job_status s ON s.job_id = e.job_id - 1"
                            + " AND s.kind = 'succeeded'"
                            + " WHERE e.job_key = 'the-hot-key' AND e.job_id > ?"
                            + " ORDER BY e.job_id")
                    .bind(0, chainIds.get(0))
                    .mapTo(Long.class)
                    .list());
    assertThat(latencies).hasSize(CHAIN - 1);
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    long median = sorted.get(sorted.size() / 2);
    assertThat(median)
        .as("median successor latency (ms) under a backlog, all: %s", latencies)
        .isLessThan(SUCCESSOR_MEDIAN_MILLIS_MAX);
  }
}
