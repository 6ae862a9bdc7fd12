package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;
import static org.fis.jobs.JobsTestSupport.count;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = JobsMigrations.class)
class JobRetryIT {
  private final JobQueue queue = JobQueue.create();

  @BeforeAll
  static void createEffects(Jdbi jdbi) {
    JobsTestSupport.createEffectsTable(jdbi);
  }

  private static List<String> lines(Jdbi jdbi, long jobId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT kind || ':' || attempt FROM fis_jobs.job_status WHERE job_id = ?"
                        + " ORDER BY seq")
                .bind(0, jobId)
                .mapTo(String.class)
                .list());
  }

  /**
   * A batch larger than the savepoint part size (50) with one failing job: the batch runs again in
   * parts with a savepoint per job; every other job's write commits exactly once.
   */
  @Test
  void one_failure_in_a_large_batch_undoes_no_other_job(Jdbi jdbi) {
    List<NewJob> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 120; i++) {
      batch.add(NewJob.of("retry.large", null, "{\"i\": " + i + "}"));
    }
    List<Long> ids = jdbi.inTransaction(h -> queue.enqueueAll(h, batch));
    long failing = ids.get(99);
    AtomicBoolean failedOnce = new AtomicBoolean();
    try (JobProcessor processor =
        JobProcessor.create(
            jdbi,
            JobsTestSupport.fastConfig()
                .withThreads(1)
                .withClaimBatchSize(120)
                .withTransactionBatchSize(120))) {
      processor.register(
          "retry.large",
          (handle, job) -> {
            handle.execute(
                "INSERT INTO public.job_effect (job_id, worker) VALUES (?, ?)", job.id(), "w");
            if (job.id() == failing && failedOnce.compareAndSet(false, true)) {
              throw new IllegalStateException("fails once");
            }
          });
      processor.start();
      awaitTrue("all 120 succeeded", () -> processor.metrics().succeeded() == 120);
      assertThat(processor.metrics().retried()).isEqualTo(1);
    }
    for (long id : ids) {
      assertThat(count(jdbi, "SELECT count(*) FROM public.job_effect WHERE job_id = ?", id))
          .as("effects of job %d", id)
          .isEqualTo(1);
    }
    assertThat(lines(jdbi, failing))
        .containsExactly("claimed:1", "failed:1", "claimed:2", "succeeded:2");
  }

  @Test
  void a_failing_job_is_retried_with_growing_backoff_and_only_its_successful_attempt_commits(
      Jdbi jdbi) {
    long id = jdbi.inTransaction(h -> queue.enqueue(h, "retry.flaky", null, "{}"));
    Map<Long, Integer> runs = new ConcurrentHashMap<>();
    try (JobProcessor processor =
        JobProcessor.create(
            jdbi,
            JobsTestSupport.fastConfig()
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(10))
                .withArchive(Duration.ZERO, Duration.ZERO))) {
      processor.register(
          "retry.flaky",
          (handle, job) -> {
            handle.execute(
                "INSERT INTO public.job_effect (job_id, worker) VALUES (?, ?)",
                job.id(),
                "attempt-" + job.attempt());
            if (runs.merge(job.id(), 1, Integer::sum) <= 2) {
              throw new IllegalStateException("downstream unavailable");
            }
          });
      processor.start();
      awaitTrue(
          "the job succeeded", () -> JobsTestSupport.state(jdbi, queue, id) == JobState.SUCCEEDED);
      assertThat(processor.metrics().retried()).isEqualTo(2);
      assertThat(processor.metrics().failed()).isEqualTo(2);
      assertThat(processor.metrics().dead()).isZero();
    }
    assertThat(lines(jdbi, id))
        .containsExactly(
            "claimed:1", "failed:1", "claimed:2", "failed:2", "claimed:3", "succeeded:3");
    assertThat(
            JobsTestSupport.text(
                jdbi, "SELECT string_agg(worker, ',') FROM public.job_effect WHERE job_id = ?", id))
        .as("the writes of failed attempts were rolled back")
        .isEqualTo("attempt-3");
    // Backoff from the database clock: 100 ms after the first failure, 200 ms after the second.
    List<Long> backoffs =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT CAST(EXTRACT(EPOCH FROM ready_at - recorded_at) * 1000 AS bigint)"
                            + " FROM fis_jobs.job_status WHERE job_id = ? AND kind = 'failed' ORDER BY seq")
                    .bind(0, id)
                    .mapTo(Long.class)
                    .list());
    assertThat(backoffs).hasSize(2);
    assertThat(backoffs.get(0)).isBetween(95L, 150L);
    assertThat(backoffs.get(1)).isBetween(195L, 250L);
    assertThat(JobsTestSupport.view(jdbi, queue, id).lastError())
        .contains("downstream unavailable");
  }

  @Test
  void a_job_failing_every_attempt_is_dead_visible_and_can_be_retried_by_hand(Jdbi jdbi) {
    long id = jdbi.inTransaction(h -> queue.enqueue(h, "retry.broken", "acct-7", "{\"x\": 1}"));
    long successor =
        jdbi.inTransaction(h -> queue.enqueue(h, "retry.broken", "acct-7", "{\"x\": 2}"));
    AtomicBoolean fixed = new AtomicBoolean(false);
    try (JobProcessor processor =
        JobProcessor.create(jdbi, JobsTestSupport.fastConfig().withAttemptsMax(3))) {
      processor.register(
          "retry.broken",
          (handle, job) -> {
            if (!fixed.get()) {
              throw new IllegalArgumentException("bad payload " + job.payloadJson());
            }
          });
      processor.start();
      awaitTrue("the job is dead", () -> JobsTestSupport.state(jdbi, queue, id) == JobState.DEAD);
      // Metrics count after the commit: wait for them too.
      awaitTrue("the dead job is counted", () -> processor.metrics().dead() == 1);
      assertThat(processor.metrics().retried()).isEqualTo(2);

      List<JobView> dead = jdbi.withHandle(h -> queue.dead(h, 0, 10));
      assertThat(dead).extracting(JobView::id).containsExactly(id);
      assertThat(dead.get(0).attempt()).isEqualTo(3);
      assertThat(dead.get(0).lastError()).contains("bad payload");
      assertThat(JobsTestSupport.state(jdbi, queue, successor))
          .as("a dead job holds back later jobs of its key")
          .isEqualTo(JobState.WAITING);

      assertThat(
              jdbi.<JobRetryResult, RuntimeException>withHandle(h -> queue.retryDead(h, successor)))
          .isEqualTo(new JobRetryResult.NotDead(successor, JobState.WAITING));
      assertThat(
              jdbi.<JobRetryResult, RuntimeException>withHandle(
                  h -> queue.retryDead(h, 987_654_321L)))
          .isEqualTo(new JobRetryResult.NotFound(987_654_321L));

      fixed.set(true);
      assertThat(jdbi.<JobRetryResult, RuntimeException>inTransaction(h -> queue.retryDead(h, id)))
          .isEqualTo(new JobRetryResult.Retried(id));
      processor.pollNow();
      awaitTrue(
          "the retried job succeeded",
          () -> JobsTestSupport.state(jdbi, queue, id) == JobState.SUCCEEDED);
      awaitTrue(
          "then its successor",
          () -> JobsTestSupport.state(jdbi, queue, successor) == JobState.SUCCEEDED);
    }
    List<JobView> deadAfter = jdbi.withHandle(h -> queue.dead(h, 0, 10));
    assertThat(deadAfter).isEmpty();
  }

  @Test
  void cancelling_a_dead_job_releases_its_key_and_a_finished_job_cannot_be_cancelled(Jdbi jdbi) {
    long id = jdbi.inTransaction(h -> queue.enqueue(h, "retry.cancel", "acct-9", "{}"));
    long successor = jdbi.inTransaction(h -> queue.enqueue(h, "retry.cancel", "acct-9", "{}"));
    try (JobProcessor processor =
        JobProcessor.create(jdbi, JobsTestSupport.fastConfig().withAttemptsMax(1))) {
      processor.register(
          "retry.cancel",
          (handle, job) -> {
            if (job.id() == id) {
              throw new IllegalStateException("never works");
            }
          });
      processor.start();
      awaitTrue("the job is dead", () -> JobsTestSupport.state(jdbi, queue, id) == JobState.DEAD);
      assertThat(jdbi.<JobCancelResult, RuntimeException>inTransaction(h -> queue.cancel(h, id)))
          .isEqualTo(new JobCancelResult.Cancelled(id));
      processor.pollNow();
      awaitTrue(
          "the successor ran",
          () -> JobsTestSupport.state(jdbi, queue, successor) == JobState.SUCCEEDED);
    }
    assertThat(JobsTestSupport.state(jdbi, queue, id)).isEqualTo(JobState.CANCELLED);
    assertThat(jdbi.<JobCancelResult, RuntimeException>withHandle(h -> queue.cancel(h, successor)))
        .isEqualTo(new JobCancelResult.NotCancellable(successor, JobState.SUCCEEDED));
    assertThat(
            count(
                jdbi,
                "SELECT count(*) FROM fis_jobs.job_status WHERE job_id = ? AND kind = 'cancelled'",
                id))
        .isEqualTo(1);
  }

  @Test
  void a_job_enqueued_to_run_later_waits_until_its_time(Jdbi jdbi) {
    java.time.Instant later =
        jdbi.withHandle(
                h ->
                    h.createQuery("SELECT clock_timestamp() + interval '400 milliseconds'")
                        .mapTo(java.time.OffsetDateTime.class)
                        .one())
            .toInstant();
    long id = jdbi.inTransaction(h -> queue.enqueue(h, "retry.later", null, "{}", later));
    try (JobProcessor processor = JobProcessor.create(jdbi, JobsTestSupport.fastConfig())) {
      processor.register("retry.later", (handle, job) -> {});
      processor.start();
      awaitTrue("the job ran", () -> JobsTestSupport.state(jdbi, queue, id) == JobState.SUCCEEDED);
    }
    assertThat(
            count(
                jdbi,
                "SELECT count(*) FROM fis_jobs.job_status WHERE job_id = ? AND kind = 'claimed'"
                    + " AND recorded_at >= (SELECT run_at FROM fis_jobs.job WHERE job_id = ?)",
                id,
                id))
        .as("claimed no earlier than its run-at time (database clock)")
        .isEqualTo(1);
  }
}
