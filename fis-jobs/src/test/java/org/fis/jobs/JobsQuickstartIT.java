package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.jobs.JobsTestSupport.awaitTrue;

import java.time.Duration;
import java.util.Optional;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The quickstart of fis-jobs/README.md, compiled and run. */
@FisPostgres(migrations = JobsMigrations.class)
class JobsQuickstartIT {

  // --8<-- [start:quickstart]
  /** A host job's payload: any Jackson-mappable type. */
  record SendInvoice(String invoiceNumber, String email) {}

  static final JobType<SendInvoice> SEND_INVOICE =
      JobType.of("billing.send-invoice", SendInvoice.class);

  @Test
  void quickstart(Jdbi jdbi) {
    jdbi.useHandle(
        h -> h.execute("CREATE TABLE public.sent_invoice (invoice_number text PRIMARY KEY)"));
    JobQueue queue = JobQueue.create();

    // 1. Enqueue inside the host's own transaction: the job exists only if it commits.
    long jobId =
        jdbi.inTransaction(
            handle -> {
              // ... the host's own writes ...
              return queue.enqueue(
                  handle, SEND_INVOICE, "customer-42", new SendInvoice("INV-1", "a@b.example"));
            });

    // 2. A processor (it owns its transactions) runs the handler; the handler's writes commit
    //    together with the job's success line, exactly once.
    JobProcessorConfig config =
        JobProcessorConfig.defaults().withThreads(2).withPollInterval(Duration.ofMillis(100));
    try (JobProcessor processor = JobProcessor.create(jdbi, config)) {
      processor.register(
          SEND_INVOICE,
          (handle, job, invoice) ->
              handle.execute(
                  "INSERT INTO public.sent_invoice (invoice_number) VALUES (?)",
                  invoice.invoiceNumber()));
      processor.start();

      // 3. Inspect: state, attempts, last error; dead jobs are listed by queue.dead(...).
      awaitTrue(
          "the job succeeded",
          () -> {
            Optional<JobView> view = jdbi.withHandle(h -> queue.find(h, jobId));
            return view.map(v -> v.state() == JobState.SUCCEEDED).orElse(false);
          });
    } // 4. close(): stops claiming, lets running jobs finish, releases the rest.
    // --8<-- [end:quickstart]

    assertThat(JobsTestSupport.text(jdbi, "SELECT invoice_number FROM public.sent_invoice"))
        .isEqualTo("INV-1");
  }

  @Test
  void a_payload_that_does_not_match_its_type_fails_the_attempt_with_a_clear_error(Jdbi jdbi) {
    long id =
        jdbi.inTransaction(
            h ->
                JobQueue.create()
                    .enqueue(h, SEND_INVOICE.name(), null, "{\"invoiceNumber\": [1]}"));
    try (JobProcessor processor =
        JobProcessor.create(jdbi, JobsTestSupport.fastConfig().withAttemptsMax(1))) {
      processor.register(SEND_INVOICE, (handle, job, invoice) -> {});
      processor.start();
      awaitTrue(
          "the job is dead",
          () -> JobsTestSupport.state(jdbi, JobQueue.create(), id) == JobState.DEAD);
    }
    assertThat(JobsTestSupport.view(jdbi, JobQueue.create(), id).lastError())
        .contains("invoiceNumber");
  }

  @Test
  void bad_input_is_rejected_naming_the_parameter_and_nothing_is_stored(Jdbi jdbi) {
    JobQueue queue = JobQueue.create();
    long before = JobsTestSupport.count(jdbi, "SELECT count(*) FROM fis_jobs.job");
    jdbi.useHandle(
        h -> {
          assertThatThrownBy(() -> queue.enqueue(h, "t", null, "{not json"))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith("payloadJson: not valid JSON");
          assertThatThrownBy(() -> queue.enqueue(h, "t", null, ""))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith("payloadJson");
          assertThatThrownBy(() -> queue.enqueue(h, "t", null, "{} trailing"))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith("payloadJson");
          assertThatThrownBy(() -> queue.enqueue(h, "t", null, "{\"a\": \"\\u0000\"}"))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith("payloadJson");
          assertThatThrownBy(() -> queue.enqueue(h, " ", null, "{}"))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith("type");
          assertThatThrownBy(() -> queue.enqueue(h, "t", "", "{}"))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith("key");
          assertThatThrownBy(() -> queue.enqueue(null, "t", null, "{}"))
              .isInstanceOf(NullPointerException.class)
              .hasMessage("handle");
          assertThatThrownBy(() -> queue.dead(h, 0, 0))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith("limit");
          assertThatThrownBy(() -> queue.enqueueAll(h, java.util.List.of()))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageStartingWith("jobs");
        });
    assertThat(JobsTestSupport.count(jdbi, "SELECT count(*) FROM fis_jobs.job")).isEqualTo(before);
  }

  @Test
  void a_processor_checks_its_lifecycle(Jdbi jdbi) {
    JobProcessor processor = JobProcessor.create(jdbi, JobsTestSupport.fastConfig());
    assertThatThrownBy(processor::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no handler");
    processor.register("t", (handle, job) -> {});
    assertThatThrownBy(() -> processor.register("t", (handle, job) -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already has a handler");
    processor.start();
    assertThatThrownBy(() -> processor.register("u", (handle, job) -> {}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(processor::start).isInstanceOf(IllegalStateException.class);
    processor.close();
    processor.close();
  }
}
