package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A worker that stops (a hung thread, no heartbeats) loses its job to another after the lease. */
@FisPostgres(migrations = JobsMigrations.class)
class JobTakeoverIT {
  private final JobQueue queue = JobQueue.create();

  @BeforeAll
  static void createEffects(Jdbi jdbi) {
    JobsTestSupport.createEffectsTable(jdbi);
  }

  @Test
  void a_stopped_worker_is_taken_over_after_its_lease_and_its_late_result_is_rejected(Jdbi jdbi)
      throws Exception {
    long id = jdbi.inTransaction(h -> queue.enqueue(h, "takeover.job", null, "{}"));
    CountDownLatch stoppedWorkerRunning = new CountDownLatch(1);
    CountDownLatch wakeStoppedWorker = new CountDownLatch(1);
    // Processor A: no heartbeat, a short lease; its handler writes, then hangs like a stopped
    // thread.
    JobProcessorConfig stopped =
        JobsTestSupport.fastConfig()
            .withWorkerId("worker-a")
            .withThreads(1)
            .withLeaseDuration(Duration.ofMillis(700))
            .withHeartbeatInterval(Duration.ZERO);
    JobProcessor a = JobProcessor.create(jdbi, stopped);
    a.register(
        "takeover.job",
        (handle, job) -> {
          handle.execute(
              "INSERT INTO public.job_effect (job_id, worker) VALUES (?, 'worker-a')", job.id());
          stoppedWorkerRunning.countDown();
          assertThat(
                  wakeStoppedWorker.await(JobsTestSupport.WAIT_MAX.toSeconds(), TimeUnit.SECONDS))
              .isTrue();
        });
    a.start();
    assertThat(stoppedWorkerRunning.await(JobsTestSupport.WAIT_MAX.toSeconds(), TimeUnit.SECONDS))
        .isTrue();

    try (JobProcessor b =
        JobProcessor.create(jdbi, JobsTestSupport.fastConfig().withWorkerId("worker-b"))) {
      b.register(
          "takeover.job",
          (handle, job) ->
              handle.execute(
                  "INSERT INTO public.job_effect (job_id, worker) VALUES (?, 'worker-b')",
                  job.id()));
      b.start();
      awaitTrue("worker b completed the job", () -> b.metrics().succeeded() == 1);
      wakeStoppedWorker.countDown();
      awaitTrue("worker a saw its lease lost", () -> a.metrics().leaseLost() == 1);
    } finally {
      wakeStoppedWorker.countDown();
      a.close();
    }
    assertThat(a.metrics().succeeded()).isZero();
    assertThat(
            jdbi.<List<String>, RuntimeException>withHandle(
                h ->
                    h.createQuery("SELECT worker FROM public.job_effect WHERE job_id = ?")
                        .bind(0, id)
                        .mapTo(String.class)
                        .list()))
        .containsExactly("worker-b");
    List<String> lines =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT kind || ':' || coalesce(worker_id, '-') FROM ("
                            + " SELECT job_id, seq, kind, worker_id FROM fis_jobs.job_status"
                            + " UNION ALL SELECT job_id, seq, kind, worker_id"
                            + " FROM fis_jobs.job_status_archive) l WHERE job_id = ? ORDER BY seq")
                    .bind(0, id)
                    .mapTo(String.class)
                    .list());
    assertThat(lines).containsExactly("claimed:worker-a", "claimed:worker-b", "succeeded:worker-b");
  }

  @Test
  void a_processor_never_claims_again_a_job_it_still_holds_after_its_lease_expired(Jdbi jdbi)
      throws Exception {
    long hung = jdbi.inTransaction(h -> queue.enqueue(h, "held.job", null, "{\"hang\": true}"));
    CountDownLatch hungRunning = new CountDownLatch(1);
    CountDownLatch wakeHung = new CountDownLatch(1);
    JobProcessorConfig config =
        JobsTestSupport.fastConfig()
            .withWorkerId("worker-h")
            .withThreads(2)
            .withLeaseDuration(Duration.ofMillis(700))
            .withHeartbeatInterval(Duration.ZERO);
    try (JobProcessor processor = JobProcessor.create(jdbi, config)) {
      processor.register(
          "held.job",
          (handle, job) -> {
            if (job.id() == hung && job.attempt() == 1) {
              hungRunning.countDown();
              assertThat(wakeHung.await(JobsTestSupport.WAIT_MAX.toSeconds(), TimeUnit.SECONDS))
                  .isTrue();
            }
          });
      processor.start();
      assertThat(hungRunning.await(JobsTestSupport.WAIT_MAX.toSeconds(), TimeUnit.SECONDS))
          .isTrue();
      awaitTrue(
          "the hung job's lease expired (database clock)",
          () ->
              jdbi.withHandle(
                  h ->
                      h.createQuery(
                              "SELECT bool_and(lease_until < clock_timestamp())"
                                  + " FROM fis_jobs.job_status WHERE job_id = ? AND seq = 0")
                          .bind(0, hung)
                          .mapTo(Boolean.class)
                          .one()));
      // A later job sorts after the expired claim line: the sweep that claims it passes over the
      // hung job, which is claimable by anyone but this processor.
      long later = jdbi.inTransaction(h -> queue.enqueue(h, "held.job", null, "{}"));
      processor.pollNow();
      awaitTrue("the later job succeeded", () -> processor.metrics().succeeded() == 1);
      assertThat(processor.metrics().claimed()).isEqualTo(2);
      assertThat(jdbi.withHandle(h -> queue.find(h, later)).orElseThrow().state())
          .isEqualTo(JobState.SUCCEEDED);
      assertThat(
              jdbi.<List<String>, RuntimeException>withHandle(
                  h ->
                      h.createQuery(
                              "SELECT kind || ':' || coalesce(worker_id, '-')"
                                  + " FROM fis_jobs.job_status WHERE job_id = ? ORDER BY seq")
                          .bind(0, hung)
                          .mapTo(String.class)
                          .list()))
          .containsExactly("claimed:worker-h");
      wakeHung.countDown();
      awaitTrue(
          "the hung job's late result was rejected", () -> processor.metrics().leaseLost() == 1);
    } finally {
      wakeHung.countDown();
    }
  }
}
