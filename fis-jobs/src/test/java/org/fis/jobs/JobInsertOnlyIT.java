package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@FisPostgres(migrations = JobsMigrations.class)
class JobInsertOnlyIT {
  private static final JobQueue QUEUE = JobQueue.create();

  /**
   * One finished and archived job, one waiting job and one cancelled job (a waiting job has no
   * status line yet; the cancel writes one), so every table has rows.
   */
  @BeforeAll
  static void fillEveryTable(Jdbi jdbi) {
    long finished = jdbi.inTransaction(h -> QUEUE.enqueue(h, "insert-only.a", null, "{}"));
    try (JobProcessor processor =
        JobProcessor.create(
            jdbi, JobsTestSupport.fastConfig().withArchive(Duration.ZERO, Duration.ZERO))) {
      processor.register("insert-only.a", (handle, job) -> {});
      processor.start();
      JobsTestSupport.awaitTrue(
          "the job succeeded",
          () -> JobsTestSupport.state(jdbi, QUEUE, finished) == JobState.SUCCEEDED);
      assertThat(processor.archiveNow()).isEqualTo(1);
    }
    jdbi.useTransaction(h -> QUEUE.enqueue(h, "insert-only.b", null, "{}"));
    long cancelled = jdbi.inTransaction(h -> QUEUE.enqueue(h, "insert-only.c", null, "{}"));
    JobCancelResult result = jdbi.withHandle(h -> QUEUE.cancel(h, cancelled));
    assertThat(result).isInstanceOf(JobCancelResult.Cancelled.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"job", "job_status", "job_archive", "job_status_archive"})
  void update_is_rejected_on_every_job_table(String table, Jdbi jdbi) {
    String column = table.contains("status") ? "attempt = attempt" : "job_type = job_type";
    assertThatThrownBy(
            () -> jdbi.useHandle(h -> h.execute("UPDATE fis_jobs." + table + " SET " + column)))
        .hasMessageContaining("is insert-only: UPDATE rejected");
  }

  @ParameterizedTest
  @ValueSource(strings = {"job", "job_status", "job_archive", "job_status_archive"})
  void delete_is_rejected_on_every_job_table(String table, Jdbi jdbi) {
    long before = JobsTestSupport.count(jdbi, "SELECT count(*) FROM fis_jobs." + table);
    assertThat(before).isPositive();
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM fis_jobs." + table)))
        .hasMessageContaining("is insert-only: DELETE rejected");
    assertThat(JobsTestSupport.count(jdbi, "SELECT count(*) FROM fis_jobs." + table))
        .isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"job", "job_status", "job_archive", "job_status_archive"})
  void truncate_is_rejected_on_every_job_table(String table, Jdbi jdbi) {
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("TRUNCATE fis_jobs." + table)))
        .hasMessageContaining("is insert-only: TRUNCATE rejected");
  }

  @Test
  void delete_is_accepted_only_inside_a_transaction_that_set_the_archiving_setting(Jdbi jdbi) {
    long archivedLines =
        JobsTestSupport.count(jdbi, "SELECT count(*) FROM fis_jobs.job_status_archive");
    int deleted =
        jdbi.inTransaction(
            h -> {
              h.execute("SET LOCAL fis_jobs.job_archiving = 'on'");
              int rows = h.execute("DELETE FROM fis_jobs.job_status_archive");
              h.rollback();
              return rows;
            });
    assertThat(deleted).isEqualTo(archivedLines);
    // SET LOCAL ends with its transaction: the next one is guarded again.
    assertThatThrownBy(
            () -> jdbi.useHandle(h -> h.execute("DELETE FROM fis_jobs.job_status_archive")))
        .hasMessageContaining("DELETE rejected");
  }
}
