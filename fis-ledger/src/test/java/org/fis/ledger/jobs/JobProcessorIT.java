package org.fis.ledger.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.ledger.jobs.JobsTestSupport.awaitTrue;
import static org.fis.ledger.jobs.JobsTestSupport.count;

import org.fis.ledger.LedgerMigrations;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = LedgerMigrations.class)
class JobProcessorIT {
  private final JobQueue queue = JobQueue.create();

  @BeforeAll
  static void createEffects(Jdbi jdbi) {
    JobsTestSupport.createEffectsTable(jdbi);
  }

  @Test
  void a_committed_job_runs_once_and_its_handler_writes_commit_with_the_success_line(Jdbi jdbi) {
    long id = jdbi.inTransaction(h -> queue.enqueue(h, "basic.echo", null, "{\"n\": 1}"));
    try (JobProcessor processor = JobProcessor.create(jdbi, JobsTestSupport.fastConfig())) {
      processor.register(
          "basic.echo",
          (handle, job) ->
              handle.execute(
                  "INSERT INTO public.job_effect (job_id, worker) VALUES (?, ?)",
                  job.id(),
                  job.payloadJson()));
      processor.start();
      awaitTrue(
          "the job succeeded", () -> JobsTestSupport.state(jdbi, queue, id) == JobState.SUCCEEDED);
    }
    assertThat(count(jdbi, "SELECT count(*) FROM public.job_effect WHERE job_id = ?", id))
        .isEqualTo(1);
    assertThat(
            JobsTestSupport.text(jdbi, "SELECT worker FROM public.job_effect WHERE job_id = ?", id))
        .isEqualTo("{\"n\": 1}");
  }

  @Test
  void a_job_enqueued_in_a_rolled_back_transaction_never_exists(Jdbi jdbi) {
    long[] id = new long[1];
    try (var handle = jdbi.open()) {
      handle.begin();
      id[0] = queue.enqueue(handle, "basic.echo", null, "{}");
      handle.rollback();
    }
    java.util.Optional<JobView> found = jdbi.withHandle(h -> queue.find(h, id[0]));
    assertThat(found).isEmpty();
  }
}
