package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;
import static org.fis.jobs.JobsTestSupport.count;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** A live worker's heartbeat keeps its lease: a long job is not taken over. */
@FisPostgres(migrations = JobsMigrations.class)
class JobHeartbeatIT {
  @Test
  void heartbeats_extend_the_lease_of_a_long_job_so_no_other_worker_takes_it_over(Jdbi jdbi)
      throws Exception {
    JobQueue queue = JobQueue.create();
    long id = jdbi.inTransaction(h -> queue.enqueue(h, "heartbeat.long", null, "{}"));
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    JobProcessorConfig shortLease =
        JobsTestSupport.fastConfig()
            .withLeaseDuration(Duration.ofMillis(600))
            .withHeartbeatInterval(Duration.ofMillis(150));
    try (JobProcessor a = JobProcessor.create(jdbi, shortLease.withWorkerId("alive"));
        JobProcessor b = JobProcessor.create(jdbi, shortLease.withWorkerId("other"))) {
      a.register(
          "heartbeat.long",
          (handle, job) -> {
            running.countDown();
            assertThat(finish.await(60, TimeUnit.SECONDS)).isTrue();
          });
      b.register("heartbeat.long", (handle, job) -> {});
      a.start();
      assertThat(running.await(60, TimeUnit.SECONDS)).isTrue();
      b.start();
      // Several lease lengths pass, measured by the extensions written (database clock).
      awaitTrue(
          "the lease was extended five times",
          () ->
              count(
                      jdbi,
                      "SELECT count(*) FROM fis_jobs.job_status WHERE job_id = ? AND kind = 'extended'",
                      id)
                  >= 5);
      assertThat(b.metrics().claimed()).as("no takeover while the heartbeat runs").isZero();
      finish.countDown();
      awaitTrue("the job succeeded", () -> a.metrics().succeeded() == 1);
      assertThat(a.metrics().leaseLost()).isZero();
      assertThat(b.metrics().claimed()).isZero();
    } finally {
      finish.countDown();
    }
    assertThat(JobsTestSupport.view(jdbi, queue, id).workerId()).isEqualTo("alive");
  }
}
