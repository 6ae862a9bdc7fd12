package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.jobs.JobsTestSupport.awaitTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Archive retention: archived jobs older than the setting are deleted, in bounded batches. */
@FisPostgres(migrations = JobsMigrations.class)
class JobArchivePurgeIT {
  private final JobQueue queue = JobQueue.create();

  private List<Long> runAndArchive(Jdbi jdbi, JobProcessor processor, String type, int count) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(jdbi.inTransaction(h -> queue.enqueue(h, type, null, "{}")));
    }
    awaitTrue("succeeded", () -> processor.metrics().succeeded() >= count);
    while (processor.archiveNow() > 0) {
      // until every finished job is archived
    }
    return ids;
  }

  private static long archived(Jdbi jdbi, List<Long> ids) {
    return JobsTestSupport.count(
            jdbi,
            "SELECT count(*) FROM fis_jobs.job_archive WHERE job_id = ANY (?)",
            (Object) ids.toArray(new Long[0]))
        + JobsTestSupport.count(
            jdbi,
            "SELECT count(*) FROM fis_jobs.job_status_archive WHERE job_id = ANY (?)",
            (Object) ids.toArray(new Long[0]));
  }

  @Test
  void archived_jobs_younger_than_the_setting_stay(Jdbi jdbi) {
    try (JobProcessor processor =
        JobProcessor.create(
            jdbi, JobsTestSupport.fastConfig().withArchivePurgeAfter(Duration.ofHours(1)))) {
      processor.register("purge.young", (handle, job) -> {});
      processor.start();
      List<Long> ids = runAndArchive(jdbi, processor, "purge.young", 4);
      assertThat(processor.purgeArchiveNow()).isZero();
      assertThat(archived(jdbi, ids)).isEqualTo(4 + 4 * 2);
    }
  }

  @Test
  void archived_jobs_older_than_the_setting_are_purged_in_batches_with_their_lines(Jdbi jdbi) {
    try (JobProcessor processor =
        JobProcessor.create(
            jdbi,
            JobsTestSupport.fastConfig()
                .withArchiveBatchSize(3)
                .withArchivePurgeAfter(Duration.ofMillis(200)))) {
      processor.register("purge.old", (handle, job) -> {});
      processor.start();
      List<Long> ids = runAndArchive(jdbi, processor, "purge.old", 10);
      assertThat(archived(jdbi, ids)).isEqualTo(10 + 10 * 2);
      List<Integer> purged = new ArrayList<>();
      awaitTrue(
          "purged",
          () -> {
            purged.add(processor.purgeArchiveNow());
            return archived(jdbi, ids) == 0;
          });
      // At least these ten (archived jobs of other tests in this database may be old enough too).
      assertThat(purged.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void the_purge_without_a_setting_is_refused_and_deletes_nothing(Jdbi jdbi) {
    try (JobProcessor processor = JobProcessor.create(jdbi, JobsTestSupport.fastConfig())) {
      assertThatThrownBy(processor::purgeArchiveNow)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("purgeAfter is zero");
    }
  }
}
