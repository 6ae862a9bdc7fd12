package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = JobsMigrations.class)
class JobOrderingIT {
  private static final int KEYS = 20;
  private static final int JOBS_PER_KEY = 25;
  private static final int ENQUEUERS = 4;

  private final JobQueue queue = JobQueue.create();

  @BeforeAll
  static void createEffects(Jdbi jdbi) {
    JobsTestSupport.createEffectsTable(jdbi);
  }

  @Test
  void jobs_with_the_same_key_run_one_at_a_time_in_enqueue_order_under_concurrency(Jdbi jdbi)
      throws Exception {
    // Four threads enqueue concurrently, one job per transaction, keys interleaved, so that
    // transactions enqueueing the same key race each other.
    ExecutorService enqueuers = Executors.newFixedThreadPool(ENQUEUERS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < ENQUEUERS; t++) {
      int thread = t;
      done.add(
          enqueuers.submit(
              () -> {
                for (int i = thread; i < KEYS * JOBS_PER_KEY; i += ENQUEUERS) {
                  String key = "account-" + (i % KEYS);
                  jdbi.useTransaction(h -> queue.enqueue(h, "order.job", key, "{}"));
                }
              }));
    }
    for (Future<?> future : done) {
      future.get();
    }
    enqueuers.shutdown();
    // Unkeyed jobs run alongside.
    for (int i = 0; i < 50; i++) {
      jdbi.useTransaction(h -> queue.enqueue(h, "order.job", null, "{}"));
    }

    Set<String> running = ConcurrentHashMap.newKeySet();
    AtomicInteger overlaps = new AtomicInteger();
    List<JobProcessor> processors = new ArrayList<>();
    int total = KEYS * JOBS_PER_KEY + 50;
    try {
      for (int p = 0; p < 3; p++) {
        JobProcessor processor =
            JobProcessor.create(
                jdbi,
                JobsTestSupport.fastConfig()
                    .withWorkerId("order-" + p)
                    .withThreads(3)
                    .withTransactionBatchSize(5));
        processor.register(
            "order.job",
            (handle, job) -> {
              if (job.key() != null && !running.add(job.key())) {
                overlaps.incrementAndGet();
              }
              try {
                handle.execute(
                    "INSERT INTO public.job_effect (job_id, job_key) VALUES (?, ?)",
                    job.id(),
                    job.key());
              } finally {
                if (job.key() != null) {
                  running.remove(job.key());
                }
              }
            });
        processors.add(processor);
      }
      processors.forEach(JobProcessor::start);
      awaitTrue(
          "all jobs succeeded",
          () -> processors.stream().mapToLong(p -> p.metrics().succeeded()).sum() >= total);
    } finally {
      processors.forEach(JobProcessor::close);
    }
    assertThat(overlaps.get()).as("same-key jobs never ran at the same time").isZero();
    // The effects of each key committed in the order of the job ids (= enqueue commit order).
    Map<String, List<Long>> byKey = new ConcurrentHashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT job_key, job_id FROM public.job_effect WHERE job_key IS NOT NULL"
                        + " ORDER BY effect_id")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(
                    e ->
                        byKey
                            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(e.getValue())));
    assertThat(byKey).hasSize(KEYS);
    for (List<Long> ids : byKey.values()) {
      assertThat(ids).hasSize(JOBS_PER_KEY).isSorted();
    }
  }

  @Test
  void a_running_job_holds_back_later_jobs_of_its_key_but_not_other_keys(Jdbi jdbi)
      throws Exception {
    long first = jdbi.inTransaction(h -> queue.enqueue(h, "order.block", "k1", "{\"n\": 1}"));
    long second = jdbi.inTransaction(h -> queue.enqueue(h, "order.block", "k1", "{\"n\": 2}"));
    long other = jdbi.inTransaction(h -> queue.enqueue(h, "order.block", "k2", "{\"n\": 3}"));
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    try (JobProcessor processor =
        JobProcessor.create(
            jdbi, JobsTestSupport.fastConfig().withThreads(3).withTransactionBatchSize(1))) {
      processor.register(
          "order.block",
          (handle, job) -> {
            if (job.id() == first) {
              firstRunning.countDown();
              assertThat(releaseFirst.await(30, TimeUnit.SECONDS)).isTrue();
            }
          });
      processor.start();
      assertThat(firstRunning.await(30, TimeUnit.SECONDS)).isTrue();
      awaitTrue(
          "the other key's job ran",
          () -> JobsTestSupport.state(jdbi, queue, other) == JobState.SUCCEEDED);
      assertThat(JobsTestSupport.state(jdbi, queue, second)).isEqualTo(JobState.WAITING);
      releaseFirst.countDown();
      awaitTrue(
          "the second job ran after the first",
          () -> JobsTestSupport.state(jdbi, queue, second) == JobState.SUCCEEDED);
    } finally {
      releaseFirst.countDown();
    }
  }
}
