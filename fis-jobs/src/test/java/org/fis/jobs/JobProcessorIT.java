package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;
import static org.fis.jobs.JobsTestSupport.count;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = JobsMigrations.class)
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

  /**
   * The poller restarts its sweep at the closed mark, past lines it found claimed. A job whose
   * enqueue commits long after its transaction began becomes visible behind that mark (its ready
   * time is the transaction's start); the periodic full sweep still claims it.
   */
  @Test
  void a_job_committed_behind_the_sweep_mark_is_still_claimed(Jdbi jdbi) {
    Set<Long> ran = ConcurrentHashMap.newKeySet();
    try (JobProcessor processor = JobProcessor.create(jdbi, JobsTestSupport.fastConfig())) {
      processor.register("late.commit", (handle, job) -> ran.add(job.id()));
      processor.start();
      try (var late = jdbi.open()) {
        late.begin();
        long lateId = queue.enqueue(late, "late.commit", null, "{}");
        for (int i = 0; i < 5; i++) {
          long later = jdbi.inTransaction(h -> queue.enqueue(h, "late.commit", null, "{}"));
          awaitTrue("a later job ran", () -> ran.contains(later));
        }
        assertThat(ran).doesNotContain(lateId);
        late.commit();
        awaitTrue("the late job ran", () -> ran.contains(lateId));
      }
    }
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
