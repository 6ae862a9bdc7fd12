package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;
import static org.fis.jobs.JobsTestSupport.count;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = JobsMigrations.class)
class JobArchiveAndShutdownIT {
  private final JobQueue queue = JobQueue.create();

  @BeforeAll
  static void createEffects(Jdbi jdbi) {
    JobsTestSupport.createEffectsTable(jdbi);
  }

  /**
   * Every processor archives. Concurrent archivers take turns: each finished job is moved once, and
   * an archiver reports nothing left only when nothing is left (without the turn-taking, the later
   * of two archivers that picked the same jobs moved none and stopped early).
   */
  @Test
  void concurrent_archivers_move_every_job_once_and_stop_only_when_none_is_left(Jdbi jdbi)
      throws Exception {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 8_000; i++) {
      jobs.add(NewJob.of("archive.concurrent", null, "{}"));
    }
    jdbi.useTransaction(h -> queue.enqueueAll(h, jobs));
    String finishedLeft =
        "SELECT count(*) FROM fis_jobs.job j JOIN fis_jobs.job_status s USING (job_id)"
            + " WHERE j.job_type = 'archive.concurrent' AND s.kind = 'succeeded'";
    JobProcessorConfig config =
        JobsTestSupport.fastConfig()
            .withClaimBatchSize(1_000)
            .withTransactionBatchSize(100)
            .withArchiveBatchSize(100);
    try (JobProcessor runner = JobProcessor.create(jdbi, config)) {
      runner.register("archive.concurrent", (handle, job) -> {});
      runner.start();
      awaitTrue("all ran", () -> runner.metrics().succeeded() == 8_000);
    }
    List<JobProcessor> archivers = new ArrayList<>();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Long>> leftWhenStopped = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        JobProcessor archiver = JobProcessor.create(jdbi, config);
        archivers.add(archiver);
        leftWhenStopped.add(
            pool.submit(
                () -> {
                  while (archiver.archiveNow() > 0) {
                    // until it reports nothing left
                  }
                  return count(jdbi, finishedLeft);
                }));
      }
      for (java.util.concurrent.Future<Long> left : leftWhenStopped) {
        assertThat(left.get(60, TimeUnit.SECONDS)).isZero();
      }
    } finally {
      pool.shutdownNow();
      archivers.forEach(JobProcessor::close);
    }
    assertThat(archivers.stream().mapToLong(a -> a.metrics().archived()).sum()).isEqualTo(8_000);
    assertThat(
            count(
                jdbi,
                "SELECT count(*) FROM fis_jobs.job_archive WHERE job_type = 'archive.concurrent'"))
        .isEqualTo(8_000);
  }

  @Test
  void archival_moves_finished_jobs_with_all_their_lines_and_leaves_dead_jobs_live(Jdbi jdbi) {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      jobs.add(NewJob.of("archive.ok", null, "{}"));
    }
    List<Long> ids = jdbi.inTransaction(h -> queue.enqueueAll(h, jobs));
    long dead = jdbi.inTransaction(h -> queue.enqueue(h, "archive.dead", null, "{}"));
    try (JobProcessor processor =
        JobProcessor.create(
            jdbi, JobsTestSupport.fastConfig().withAttemptsMax(1).withArchiveBatchSize(7))) {
      processor.register("archive.ok", (handle, job) -> {});
      // Whatever other tests of this class left finished goes first.
      long cleared = processor.archiveNow();
      long archivedJobsBefore = count(jdbi, "SELECT count(*) FROM fis_jobs.job_archive");
      long archivedLinesBefore = count(jdbi, "SELECT count(*) FROM fis_jobs.job_status_archive");
      processor.register(
          "archive.dead",
          (handle, job) -> {
            throw new IllegalStateException("no");
          });
      processor.start();
      awaitTrue(
          "all ran",
          () -> processor.metrics().succeeded() == 30 && processor.metrics().dead() == 1);
      long liveLines = count(jdbi, "SELECT count(*) FROM fis_jobs.job_status");
      assertThat(processor.archiveNow()).isEqualTo(30);
      assertThat(processor.archiveNow()).isZero();
      assertThat(processor.metrics().archived()).isEqualTo(cleared + 30);
      assertThat(count(jdbi, "SELECT count(*) FROM fis_jobs.job")).isEqualTo(1);
      assertThat(count(jdbi, "SELECT count(*) FROM fis_jobs.job_status"))
          .as("only the dead job's lines stay live: its claim and its dead line")
          .isEqualTo(2);
      assertThat(count(jdbi, "SELECT count(*) FROM fis_jobs.job_archive"))
          .isEqualTo(archivedJobsBefore + 30);
      assertThat(count(jdbi, "SELECT count(*) FROM fis_jobs.job_status_archive"))
          .isEqualTo(archivedLinesBefore + liveLines - 2);
    }
    JobView archived = JobsTestSupport.view(jdbi, queue, ids.get(0));
    assertThat(archived.archived()).isTrue();
    assertThat(archived.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(JobsTestSupport.view(jdbi, queue, dead).archived()).isFalse();
    assertThat(
            jdbi.<JobRetryResult, RuntimeException>withHandle(h -> queue.retryDead(h, ids.get(0))))
        .isEqualTo(new JobRetryResult.NotFound(ids.get(0)));
  }

  @Test
  void close_releases_claimed_jobs_that_did_not_start_and_another_processor_finishes_them(Jdbi jdbi)
      throws Exception {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      jobs.add(NewJob.of("shutdown.job", null, "{}"));
    }
    List<Long> ids = jdbi.inTransaction(h -> queue.enqueueAll(h, jobs));
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    JobProcessor first =
        JobProcessor.create(
            jdbi,
            JobsTestSupport.fastConfig()
                .withWorkerId("first")
                .withThreads(1)
                .withTransactionBatchSize(1)
                .withClaimBatchSize(12)
                .withShutdownGrace(Duration.ofSeconds(30)));
    first.register(
        "shutdown.job",
        (handle, job) -> {
          handle.execute(
              "INSERT INTO public.job_effect (job_id, worker) VALUES (?, 'first')", job.id());
          firstRunning.countDown();
          assertThat(releaseFirst.await(30, TimeUnit.SECONDS)).isTrue();
        });
    first.start();
    assertThat(firstRunning.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.metrics().claimed()).isEqualTo(12);
    Thread closer = new Thread(first::close);
    closer.start();
    // The running job finishes within the grace period; the others are released, not run.
    // Release the running job only once close() is blocked waiting for it.
    awaitTrue(
        "close() waits for the running job",
        () ->
            closer.getState() == Thread.State.WAITING
                || closer.getState() == Thread.State.TIMED_WAITING);
    releaseFirst.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(closer.isAlive()).isFalse();
    assertThat(first.metrics().succeeded()).isEqualTo(1);
    assertThat(first.metrics().released()).isEqualTo(11);

    try (JobProcessor second =
        JobProcessor.create(jdbi, JobsTestSupport.fastConfig().withWorkerId("second"))) {
      second.register(
          "shutdown.job",
          (handle, job) -> {
            assertThat(job.attempt()).as("a release gives the attempt back").isEqualTo(1);
            handle.execute(
                "INSERT INTO public.job_effect (job_id, worker) VALUES (?, 'second')", job.id());
          });
      second.start();
      awaitTrue("the released jobs ran", () -> second.metrics().succeeded() == 11);
    }
    assertThat(
            count(
                jdbi,
                "SELECT count(DISTINCT job_id) FROM public.job_effect WHERE job_id BETWEEN ? AND ?",
                ids.get(0),
                ids.get(11)))
        .isEqualTo(12);
    assertThat(
            count(
                jdbi,
                "SELECT count(*) FROM public.job_effect WHERE job_id BETWEEN ? AND ?",
                ids.get(0),
                ids.get(11)))
        .isEqualTo(12);
  }
}
