package org.fis.jobs;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.fis.testing.Await;
import org.jdbi.v3.core.Jdbi;

/** Helpers shared by the job tests: bounded waiting and a table for handler side effects. */
final class JobsTestSupport {
  /** The longest any test waits for the processor; a bound, never an assertion on timing. */
  static final Duration WAIT_MAX = Duration.ofSeconds(60);

  private JobsTestSupport() {}

  /** Waits (bounded) until the condition holds; fails with the description when it never does. */
  static void awaitTrue(String description, BooleanSupplier condition) {
    Await.until(description, WAIT_MAX, condition);
  }

  /** A test table where handlers record each run that committed. */
  static void createEffectsTable(Jdbi jdbi) {
    jdbi.useHandle(
        h ->
            h.execute(
                "CREATE TABLE IF NOT EXISTS public.job_effect ("
                    + " effect_id bigserial PRIMARY KEY, job_id bigint NOT NULL,"
                    + " job_key text, worker text, recorded_at timestamptz NOT NULL DEFAULT clock_timestamp())"));
  }

  static long count(Jdbi jdbi, String sql, Object... args) {
    return jdbi.withHandle(
        h -> {
          var query = h.createQuery(sql);
          for (int i = 0; i < args.length; i++) {
            query.bind(i, args[i]);
          }
          return query.mapTo(Long.class).one();
        });
  }

  static String text(Jdbi jdbi, String sql, Object... args) {
    return jdbi.withHandle(
        h -> {
          var query = h.createQuery(sql);
          for (int i = 0; i < args.length; i++) {
            query.bind(i, args[i]);
          }
          return query.mapTo(String.class).one();
        });
  }

  static JobView view(Jdbi jdbi, JobQueue queue, long jobId) {
    java.util.Optional<JobView> found = jdbi.withHandle(h -> queue.find(h, jobId));
    return found.orElseThrow(() -> new AssertionError("no job " + jobId));
  }

  static JobState state(Jdbi jdbi, JobQueue queue, long jobId) {
    return view(jdbi, queue, jobId).state();
  }

  /**
   * A configuration for fast tests: short poll interval, small backoff, no scheduled archival
   * (tests that look at the live tables call {@link JobProcessor#archiveNow()} themselves).
   */
  static JobProcessorConfig fastConfig() {
    return JobProcessorConfig.defaults()
        .withPollInterval(Duration.ofMillis(50))
        .withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
        .withShutdownGrace(Duration.ofSeconds(5))
        .withArchive(Duration.ZERO, Duration.ZERO);
  }
}
