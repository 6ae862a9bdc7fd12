package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.jobs.JobsTestSupport.awaitTrue;

import java.time.Duration;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Wake-up across processes: LISTEN/NOTIFY first, polling as the fallback. */
@FisPostgres(migrations = JobsMigrations.class)
class JobNotifyIT {
  private final JobQueue notifying = JobQueue.create().withNotify(true);
  private final JobQueue silent = JobQueue.create();

  private static JobProcessor listeningProcessor(Jdbi jdbi, Duration pollInterval, String type) {
    JobProcessor processor =
        JobProcessor.create(
            jdbi,
            JobsTestSupport.fastConfig().withPollInterval(pollInterval).withListenToEnqueues(true));
    processor.register(type, (handle, job) -> {});
    return processor;
  }

  @Test
  void a_notifying_enqueue_wakes_a_processor_whose_next_poll_is_an_hour_away(Jdbi jdbi) {
    try (JobProcessor processor = listeningProcessor(jdbi, Duration.ofHours(1), "notify.wake")) {
      processor.start();
      awaitTrue("listening", processor::listening);
      // The first poll found nothing; the poller now sleeps for an hour unless woken.
      long id = jdbi.inTransaction(h -> notifying.enqueue(h, "notify.wake", null, "{}"));
      awaitTrue(
          "the job ran after the notification",
          () -> JobsTestSupport.state(jdbi, notifying, id) == JobState.SUCCEEDED);
      assertThat(processor.notificationsReceived()).isPositive();
    }
  }

  @Test
  void without_a_notification_the_job_is_found_by_polling(Jdbi jdbi) {
    try (JobProcessor processor = listeningProcessor(jdbi, Duration.ofMillis(200), "notify.lost")) {
      processor.start();
      awaitTrue("listening", processor::listening);
      long id = jdbi.inTransaction(h -> silent.enqueue(h, "notify.lost", null, "{}"));
      awaitTrue(
          "the job ran by polling",
          () -> JobsTestSupport.state(jdbi, silent, id) == JobState.SUCCEEDED);
      assertThat(processor.notificationsReceived()).isZero();
    }
  }

  @Test
  void a_killed_listener_connection_falls_back_to_polling_and_listens_again(Jdbi jdbi) {
    try (JobProcessor processor =
        listeningProcessor(jdbi, Duration.ofMillis(200), "notify.killed")) {
      processor.start();
      awaitTrue("listening", processor::listening);
      long killed =
          JobsTestSupport.count(
              jdbi,
              "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  + " WHERE query = 'LISTEN fis_jobs' AND pid <> pg_backend_pid()) k");
      assertThat(killed).isEqualTo(1);
      long byPolling = jdbi.inTransaction(h -> notifying.enqueue(h, "notify.killed", null, "{}"));
      awaitTrue(
          "the job ran while the listener was down or back",
          () -> JobsTestSupport.state(jdbi, notifying, byPolling) == JobState.SUCCEEDED);
      awaitTrue(
          "listening again",
          () ->
              processor.listening()
                  && JobsTestSupport.count(
                          jdbi,
                          "SELECT count(*) FROM pg_stat_activity WHERE query = 'LISTEN fis_jobs'")
                      == 1);
      long before = processor.notificationsReceived();
      long byNotify = jdbi.inTransaction(h -> notifying.enqueue(h, "notify.killed", null, "{}"));
      awaitTrue(
          "notified again",
          () ->
              processor.notificationsReceived() > before
                  && JobsTestSupport.state(jdbi, notifying, byNotify) == JobState.SUCCEEDED);
    }
  }

  @Test
  void a_notifying_enqueue_that_rolls_back_notifies_nobody(Jdbi jdbi) {
    try (JobProcessor processor =
        listeningProcessor(jdbi, Duration.ofHours(1), "notify.rollback")) {
      processor.start();
      awaitTrue("listening", processor::listening);
      jdbi.useHandle(
          h -> {
            h.begin();
            notifying.enqueue(h, "notify.rollback", null, "{}");
            h.rollback();
          });
      long marker = jdbi.inTransaction(h -> notifying.enqueue(h, "notify.rollback", null, "{}"));
      awaitTrue(
          "the committed one ran",
          () -> JobsTestSupport.state(jdbi, notifying, marker) == JobState.SUCCEEDED);
      assertThat(processor.notificationsReceived()).isEqualTo(1);
    }
  }
}
