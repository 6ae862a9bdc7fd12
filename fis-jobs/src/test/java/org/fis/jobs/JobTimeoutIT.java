package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A handler that hangs past the job timeout is interrupted, its writes rejected, the job retried.
 */
@FisPostgres(migrations = JobsMigrations.class)
class JobTimeoutIT {
  private final JobQueue queue = JobQueue.create();

  @BeforeAll
  static void createEffects(Jdbi jdbi) {
    JobsTestSupport.createEffectsTable(jdbi);
  }

  private static JobProcessorConfig timeoutConfig() {
    return JobsTestSupport.fastConfig().withJobTimeout(Duration.ofMillis(500));
  }

  @Test
  void a_hanging_handler_is_interrupted_its_late_write_rejected_and_the_job_retried(Jdbi jdbi) {
    long id = jdbi.inTransaction(h -> queue.enqueue(h, "timeout.hang", "k-hang", "{}"));
    AtomicBoolean interrupted = new AtomicBoolean();
    try (JobProcessor processor = JobProcessor.create(jdbi, timeoutConfig())) {
      processor.register(
          "timeout.hang",
          (handle, job) -> {
            handle.execute(
                "INSERT INTO public.job_effect (job_id, worker) VALUES (?, ?)",
                job.id(),
                "attempt-" + job.attempt());
            if (job.attempt() == 1) {
              try {
                Thread.sleep(JobsTestSupport.WAIT_MAX.toMillis());
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
              // The late write of a zombie: must never commit.
              handle.execute(
                  "INSERT INTO public.job_effect (job_id, worker) VALUES (?, 'late')", job.id());
            }
          });
      processor.start();
      awaitTrue(
          "the job succeeded", () -> JobsTestSupport.state(jdbi, queue, id) == JobState.SUCCEEDED);
      awaitTrue("the late result was rejected", () -> processor.metrics().leaseLost() >= 1);
      assertThat(processor.metrics().timedOut()).isEqualTo(1);
    }
    assertThat(interrupted).isTrue();
    assertThat(
            JobsTestSupport.text(
                jdbi,
                "SELECT string_agg(worker, ',' ORDER BY effect_id) FROM public.job_effect"
                    + " WHERE job_id = ?",
                id))
        .isEqualTo("attempt-2");
    assertThat(
            JobsTestSupport.text(
                jdbi,
                "SELECT error FROM fis_jobs.job_status WHERE job_id = ? AND kind = 'failed'",
                id))
        .startsWith("timed out after PT0.5S");
    assertThat(JobsTestSupport.view(jdbi, queue, id).attempt()).isEqualTo(2);
  }

  @Test
  void the_other_jobs_of_a_batch_with_a_timed_out_job_commit_exactly_once(Jdbi jdbi) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      ids.add(
          jdbi.inTransaction(h -> queue.enqueue(h, "timeout.batch", null, "{\"n\":" + n + "}")));
    }
    long hanging = ids.get(2);
    try (JobProcessor processor =
        JobProcessor.create(
            jdbi,
            timeoutConfig().withThreads(1).withTransactionBatchSize(5).withClaimBatchSize(5))) {
      processor.register(
          "timeout.batch",
          (handle, job) -> {
            handle.execute(
                "INSERT INTO public.job_effect (job_id, worker) VALUES (?, 'batch')", job.id());
            if (job.id() == hanging && job.attempt() == 1) {
              TimeUnit.MILLISECONDS.sleep(JobsTestSupport.WAIT_MAX.toMillis());
            }
          });
      processor.start();
      awaitTrue(
          "all succeeded",
          () ->
              ids.stream()
                  .allMatch(id -> JobsTestSupport.state(jdbi, queue, id) == JobState.SUCCEEDED));
    }
    for (long id : ids) {
      assertThat(
              JobsTestSupport.count(
                  jdbi, "SELECT count(*) FROM public.job_effect WHERE job_id = ?", id))
          .as("job " + id)
          .isEqualTo(1);
    }
  }

  @Test
  void a_handler_within_its_timeout_is_left_alone(Jdbi jdbi) {
    long id = jdbi.inTransaction(h -> queue.enqueue(h, "timeout.quick", null, "{}"));
    AtomicBoolean interrupted = new AtomicBoolean();
    try (JobProcessor processor =
        JobProcessor.create(
            jdbi, JobsTestSupport.fastConfig().withJobTimeout(Duration.ofSeconds(30)))) {
      processor.register(
          "timeout.quick",
          (handle, job) -> {
            try {
              Thread.sleep(300);
            } catch (InterruptedException e) {
              interrupted.set(true);
            }
          });
      processor.start();
      awaitTrue(
          "the job succeeded", () -> JobsTestSupport.state(jdbi, queue, id) == JobState.SUCCEEDED);
      assertThat(processor.metrics().timedOut()).isZero();
    }
    assertThat(interrupted).isFalse();
    assertThat(JobsTestSupport.view(jdbi, queue, id).attempt()).isEqualTo(1);
  }
}
