package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;
import static org.fis.jobs.JobsTestSupport.count;

import java.util.ArrayList;
import java.util.List;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = JobsMigrations.class)
class JobExactlyOnceIT {
  private static final int JOBS = 10_000;
  private static final int WORKERS = 8;

  @BeforeAll
  static void createEffects(Jdbi jdbi) {
    JobsTestSupport.createEffectsTable(jdbi);
  }

  @Test
  void eight_workers_over_ten_thousand_jobs_complete_each_exactly_once(Jdbi jdbi) {
    JobQueue queue = JobQueue.create();
    List<NewJob> jobs = new ArrayList<>(JOBS);
    for (int i = 0; i < JOBS; i++) {
      jobs.add(NewJob.of("once.job", null, "{\"i\": " + i + "}"));
    }
    jdbi.useTransaction(h -> queue.enqueueAll(h, jobs));

    List<JobProcessor> processors = new ArrayList<>();
    try {
      for (int w = 0; w < WORKERS; w++) {
        JobProcessor processor =
            JobProcessor.create(
                jdbi,
                JobsTestSupport.fastConfig()
                    .withWorkerId("worker-" + w)
                    .withThreads(2)
                    .withClaimBatchSize(50)
                    .withTransactionBatchSize(10)
                    // Eight archivers run concurrently with the claims.
                    .withArchive(java.time.Duration.ofMillis(200), java.time.Duration.ZERO));
        processor.register(
            "once.job",
            (handle, job) ->
                handle.execute(
                    "INSERT INTO public.job_effect (job_id, worker) VALUES (?, ?)",
                    job.id(),
                    "worker"));
        processors.add(processor);
      }
      processors.forEach(JobProcessor::start);
      awaitTrue(
          "all jobs succeeded",
          () -> processors.stream().mapToLong(p -> p.metrics().succeeded()).sum() >= JOBS);
    } finally {
      processors.forEach(JobProcessor::close);
    }
    assertThat(processors.stream().mapToLong(p -> p.metrics().succeeded()).sum()).isEqualTo(JOBS);
    assertThat(processors.stream().filter(p -> p.metrics().succeeded() > 0).count())
        .as("the work was shared")
        .isGreaterThan(1);
    assertThat(count(jdbi, "SELECT count(*) FROM public.job_effect")).isEqualTo(JOBS);
    assertThat(count(jdbi, "SELECT count(DISTINCT job_id) FROM public.job_effect")).isEqualTo(JOBS);
    String successLines =
        "SELECT count(*) FROM (SELECT job_id FROM fis_jobs.job_status WHERE kind = 'succeeded'"
            + " UNION ALL SELECT job_id FROM fis_jobs.job_status_archive WHERE kind = 'succeeded') s";
    assertThat(count(jdbi, successLines)).isEqualTo(JOBS);
    assertThat(
            count(
                jdbi,
                "SELECT count(*) FROM (SELECT job_id FROM (SELECT job_id FROM fis_jobs.job_status"
                    + " WHERE kind = 'succeeded' UNION ALL SELECT job_id"
                    + " FROM fis_jobs.job_status_archive WHERE kind = 'succeeded') s"
                    + " GROUP BY job_id HAVING count(*) > 1) d"))
        .as("no job has two success lines")
        .isZero();
  }
}
