package org.fis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.fis.jobs.JobProcessor;
import org.fis.jobs.JobProcessorConfig;
import org.fis.jobs.JobQueue;
import org.fis.jobs.JobsMigrations;
import org.fis.testing.Await;
import org.fis.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A job processor's counters read by Micrometer meters, from jobs run on PostgreSQL. */
class JobProcessorMetricsIT {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private TestDatabase db;
  private JobProcessor processor;

  @BeforeEach
  void start() {
    db = TestDatabase.create(JobsMigrations::migrate);
    processor =
        JobProcessor.create(
            db.jdbi(),
            JobProcessorConfig.defaults()
                .withWorkerId("worker-a")
                .withPollInterval(Duration.ofMillis(50))
                .withAttemptsMax(1));
    processor.register("ok", (handle, job) -> {});
    processor.register(
        "broken",
        (handle, job) -> {
          throw new IllegalStateException("the handler fails on purpose");
        });
  }

  @AfterEach
  void stop() {
    processor.close();
    db.close();
  }

  private double counted(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  @Test
  void claimed_succeeded_and_dead_jobs_appear_in_the_registry_tagged_with_the_worker() {
    JobProcessorMetrics.of(processor, Tags.of("queue", "main")).bindTo(registry);
    JobQueue queue = JobQueue.create();
    db.jdbi()
        .useTransaction(
            h -> {
              queue.enqueue(h, "ok", "a", "{}");
              queue.enqueue(h, "ok", "b", "{}");
              queue.enqueue(h, "broken", "c", "{}");
            });

    processor.start();
    Await.until(
        "three finished attempts",
        Duration.ofSeconds(30),
        () -> processor.metrics().succeeded() + processor.metrics().dead() == 3);

    assertThat(counted(JobProcessorMetrics.CLAIMED, "worker", "worker-a", "queue", "main"))
        .isEqualTo(3);
    assertThat(counted(JobProcessorMetrics.ATTEMPTS, "outcome", "succeeded")).isEqualTo(2);
    assertThat(counted(JobProcessorMetrics.ATTEMPTS, "outcome", "dead")).isEqualTo(1);
    assertThat(counted(JobProcessorMetrics.ATTEMPTS, "outcome", "retried")).isZero();
    assertThat(counted(JobProcessorMetrics.LEASES_LOST)).isZero();
    assertThat(registry.get(JobProcessorMetrics.IN_FLIGHT).gauge().value()).isZero();
    assertThat(registry.get(JobProcessorMetrics.LAG).timeGauge().value(TimeUnit.MILLISECONDS))
        .isGreaterThanOrEqualTo(0);
  }

  @Test
  void before_any_job_every_meter_reads_zero() {
    JobProcessorMetrics.of(processor, Tags.empty()).bindTo(registry);

    assertThat(counted(JobProcessorMetrics.CLAIMED)).isZero();
    assertThat(counted(JobProcessorMetrics.ARCHIVED)).isZero();
    assertThat(counted(JobProcessorMetrics.RELEASED)).isZero();
    assertThat(counted(JobProcessorMetrics.TIMED_OUT)).isZero();
  }
}
