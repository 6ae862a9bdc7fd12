package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** {@link JobProcessorConfig.ArchiveMode#DELETE}: finished jobs are deleted, nothing else is. */
@FisPostgres(migrations = JobsMigrations.class)
class JobArchiveDeleteIT {
  private final JobQueue queue = JobQueue.create();

  @Test
  void delete_mode_deletes_finished_jobs_and_their_lines_and_keeps_dead_and_waiting_ones(
      Jdbi jdbi) {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      jobs.add(NewJob.of("delete.ok", null, "{}"));
    }
    List<Long> ok = jdbi.inTransaction(h -> queue.enqueueAll(h, jobs));
    long dead = jdbi.inTransaction(h -> queue.enqueue(h, "delete.fail", null, "{}"));
    long later =
        jdbi.inTransaction(
            h -> queue.enqueue(h, "delete.ok", null, "{}", Instant.now().plusSeconds(3_600)));
    long cancelled = jdbi.inTransaction(h -> queue.enqueue(h, "delete.never", null, "{}"));
    jdbi.useTransaction(h -> queue.cancel(h, cancelled));
    JobProcessorConfig config =
        JobsTestSupport.fastConfig()
            .withAttemptsMax(1)
            .withArchiveBatchSize(100)
            .withArchiveMode(JobProcessorConfig.ArchiveMode.DELETE);
    try (JobProcessor processor = JobProcessor.create(jdbi, config)) {
      processor.register("delete.ok", (handle, job) -> {});
      processor.register(
          "delete.fail",
          (handle, job) -> {
            throw new IllegalStateException("always");
          });
      processor.start();
      awaitTrue(
          "all ran",
          () ->
              processor.metrics().succeeded() == 500
                  && JobsTestSupport.state(jdbi, queue, dead) == JobState.DEAD);
      int deleted = 0;
      for (int round = 0; round < 20; round++) {
        int done = processor.archiveNow();
        deleted += done;
        if (done == 0) {
          break;
        }
      }
      assertThat(deleted).as("the 500 succeeded jobs and the cancelled one").isEqualTo(501);
      assertThat(processor.metrics().archived()).isEqualTo(501);
    }
    assertThat(JobsTestSupport.count(jdbi, "SELECT count(*) FROM fis_jobs.job_archive")).isZero();
    assertThat(JobsTestSupport.count(jdbi, "SELECT count(*) FROM fis_jobs.job_status_archive"))
        .isZero();
    assertThat(
            JobsTestSupport.count(
                jdbi,
                "SELECT count(*) FROM fis_jobs.job_status WHERE job_id = ANY(?)",
                (Object) ok.toArray(new Long[0])))
        .as("no line of a deleted job is left")
        .isZero();
    java.util.Optional<JobView> deletedOk = jdbi.withHandle(h -> queue.find(h, ok.get(0)));
    java.util.Optional<JobView> deletedCancelled = jdbi.withHandle(h -> queue.find(h, cancelled));
    assertThat(deletedOk).isEmpty();
    assertThat(deletedCancelled).isEmpty();
    assertThat(JobsTestSupport.state(jdbi, queue, dead)).isEqualTo(JobState.DEAD);
    assertThat(JobsTestSupport.state(jdbi, queue, later)).isEqualTo(JobState.WAITING);
    assertThat(JobsTestSupport.count(jdbi, "SELECT count(*) FROM fis_jobs.job")).isEqualTo(2);
  }
}
