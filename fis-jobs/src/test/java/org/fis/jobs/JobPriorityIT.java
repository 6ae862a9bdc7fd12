package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.jobs.JobsTestSupport.awaitTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Priorities: a higher priority is claimed first, and aging keeps lower ones from starving. */
@FisPostgres(migrations = JobsMigrations.class)
class JobPriorityIT {
  private final JobQueue queue = JobQueue.create();

  @BeforeAll
  static void createEffects(Jdbi jdbi) {
    JobsTestSupport.createEffectsTable(jdbi);
  }

  private static JobProcessor oneAtATime(Jdbi jdbi, String worker, Duration aging) {
    return JobProcessor.create(
        jdbi,
        JobsTestSupport.fastConfig()
            .withWorkerId(worker)
            .withThreads(1)
            .withTransactionBatchSize(1)
            .withClaimBatchSize(10)
            .withPriorityAging(aging));
  }

  private static void recordEffect(Jdbi jdbi, String type, JobProcessor processor) {
    processor.register(
        type,
        (handle, job) ->
            handle.execute(
                "INSERT INTO public.job_effect (job_id, job_key) VALUES (?, ?)", job.id(), type));
  }

  private static List<Long> effects(Jdbi jdbi, String type) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT job_id FROM public.job_effect WHERE job_key = ? ORDER BY effect_id")
                .bind(0, type)
                .mapTo(Long.class)
                .list());
  }

  @Test
  void jobs_of_a_higher_priority_enqueued_behind_a_backlog_run_first(Jdbi jdbi) {
    String type = "prio.first";
    // Priority jobs of a type this processor does not run, enqueued first: they must not hold up
    // the priority source.
    List<NewJob> foreign = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      foreign.add(NewJob.of("prio.foreign", null, "{}").withPriority(9));
    }
    jdbi.useTransaction(h -> queue.enqueueAll(h, foreign));
    List<NewJob> low = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      low.add(NewJob.of(type, null, "{}"));
    }
    List<Long> lowIds = jdbi.inTransaction(h -> queue.enqueueAll(h, low));
    List<Long> highIds = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      highIds.add(
          jdbi.inTransaction(h -> queue.enqueue(h, NewJob.of(type, null, "{}").withPriority(5))));
    }
    try (JobProcessor processor = oneAtATime(jdbi, "prio-first", Duration.ofSeconds(10))) {
      recordEffect(jdbi, type, processor);
      processor.start();
      awaitTrue("all 220 jobs ran", () -> effects(jdbi, type).size() == 220);
    }
    List<Long> order = effects(jdbi, type);
    assertThat(order.subList(0, 20))
        .as("the 20 high-priority jobs ran first")
        .hasSameElementsAs(highIds);
    assertThat(order.subList(20, 220)).as("then the backlog, in order").isEqualTo(lowIds);
  }

  @Test
  void aging_bounds_the_lead_of_a_priority_level_from_both_sides(Jdbi jdbi) {
    String type = "prio.aging";
    Instant now = jdbi.withHandle(h -> h.createQuery("SELECT now()").mapTo(Instant.class).one());
    // Aging 1 s: priority 5 counts as ready 5 s earlier. A priority-0 job ready 10 s ago goes
    // before it; one ready 2 s ago after it.
    long old =
        jdbi.inTransaction(
            h -> queue.enqueue(h, new NewJob(type, null, "{}", now.minusSeconds(10))));
    long recent =
        jdbi.inTransaction(
            h -> queue.enqueue(h, new NewJob(type, null, "{}", now.minusSeconds(2))));
    long high =
        jdbi.inTransaction(h -> queue.enqueue(h, NewJob.of(type, null, "{}").withPriority(5)));
    try (JobProcessor processor = oneAtATime(jdbi, "prio-aging", Duration.ofSeconds(1))) {
      recordEffect(jdbi, type, processor);
      processor.start();
      awaitTrue("all three ran", () -> effects(jdbi, type).size() == 3);
    }
    assertThat(effects(jdbi, type)).containsExactly(old, high, recent);
  }

  @Test
  void a_low_priority_job_is_served_under_a_sustained_high_priority_backlog(Jdbi jdbi)
      throws Exception {
    String type = "prio.starve";
    long low = jdbi.inTransaction(h -> queue.enqueue(h, type, null, "{}"));
    AtomicBoolean feeding = new AtomicBoolean(true);
    AtomicLong highEnqueued = new AtomicLong();
    // A feeder that keeps the high-priority backlog growing faster than one slow worker drains
    // it (each job sleeps 5 ms: at most 200 per second; the feeder adds about 1,000 per second).
    Thread feeder =
        new Thread(
            () -> {
              while (feeding.get()) {
                List<NewJob> batch = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                  batch.add(NewJob.of(type, null, "{}").withPriority(3));
                }
                jdbi.useTransaction(h -> queue.enqueueAll(h, batch));
                highEnqueued.addAndGet(batch.size());
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    long[] waitingHighWhenLowRan = {-1};
    try (JobProcessor processor = oneAtATime(jdbi, "prio-starve", Duration.ofMillis(100))) {
      processor.register(
          type,
          (handle, job) -> {
            handle.execute(
                "INSERT INTO public.job_effect (job_id, job_key) VALUES (?, ?)", job.id(), type);
            if (job.id() == low) {
              waitingHighWhenLowRan[0] = highEnqueued.get() - effects(jdbi, type).size();
            }
            Thread.sleep(5);
          });
      feeder.start();
      awaitTrue("the backlog builds up", () -> highEnqueued.get() >= 200);
      processor.start();
      awaitTrue("the low-priority job ran", () -> effects(jdbi, type).contains(low));
    } finally {
      feeding.set(false);
      feeder.join(10_000);
    }
    List<Long> order = effects(jdbi, type);
    int lowAt = order.indexOf(low);
    assertThat(lowAt)
        .as("high-priority jobs enqueued after the low one went first (priority works)")
        .isPositive();
    assertThat(waitingHighWhenLowRan[0])
        .as("the low job ran while high-priority jobs were still waiting (no starvation)")
        .isGreaterThan(50);
  }

  @Test
  void priorities_outside_0_to_1000_are_rejected() {
    assertThatThrownBy(() -> NewJob.of("t", null, "{}").withPriority(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("priority");
    assertThatThrownBy(() -> NewJob.of("t", null, "{}").withPriority(1_001))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(NewJob.of("t", null, "{}").withPriority(1_000).priority()).isEqualTo(1_000);
  }
}
