package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.jobs.JobsTestSupport.awaitTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fis.testing.FisPostgres;
import org.fis.testing.SettableClock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = JobsMigrations.class)
class JobSchedulerIT {
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  @BeforeAll
  static void createRunTable(Jdbi jdbi) {
    jdbi.useHandle(
        h ->
            h.execute(
                "CREATE TABLE public.schedule_run (schedule text NOT NULL, run_at timestamptz,"
                    + " job_id bigint NOT NULL, worker text NOT NULL)"));
  }

  /** Each test sees only its own schedules (ticks read every stored schedule). */
  @BeforeEach
  void removeSchedules(Jdbi jdbi) {
    jdbi.useHandle(h -> h.execute("DELETE FROM fis_jobs.schedule"));
  }

  private static List<Instant> fired(Jdbi jdbi, String schedule) {
    return jdbi.withHandle(
        h ->
            h.select(
                    "SELECT fire_at FROM fis_jobs.schedule_fire WHERE schedule_name = ?"
                        + " ORDER BY fire_at",
                    schedule)
                .mapTo(java.time.OffsetDateTime.class)
                .map(java.time.OffsetDateTime::toInstant)
                .list());
  }

  private static long jobsOf(Jdbi jdbi, String schedule) {
    return JobsTestSupport.count(
        jdbi, "SELECT count(*) FROM fis_jobs.job WHERE job_key = ?", "schedule:" + schedule);
  }

  @Test
  void a_0230_cron_in_oslo_fires_once_on_the_spring_forward_and_once_on_the_fall_back_day(
      Jdbi jdbi) {
    SettableClock clock = new SettableClock(Instant.parse("2026-03-28T12:00:00Z"));
    JobScheduler scheduler =
        JobScheduler.create(jdbi, JobSchedulerConfig.defaults(), clock)
            .define(Schedule.cron("dst", "dst.job", "30 2 * * *", OSLO));
    scheduler.storeDefinitions();
    // Tick every ten minutes across both DST days, as a running scheduler would (more often).
    for (String day : List.of("2026-03-28T12:00:00Z", "2026-10-24T12:00:00Z")) {
      clock.set(Instant.parse(day));
      for (int i = 0; i < 6 * 48; i++) {
        clock.advance(Duration.ofMinutes(10));
        scheduler.tick();
      }
      // Between the two days the position jumps: RUN_ONCE runs one instant for the months in
      // between, the latest.
    }
    assertThat(fired(jdbi, "dst"))
        .containsSequence(
            Instant.parse("2026-03-29T01:30:00Z"), // 03:30 CEST (02:30 does not exist)
            Instant.parse("2026-03-30T00:30:00Z"))
        .containsSequence(
            Instant.parse("2026-10-24T00:30:00Z"), // missed months: the latest one runs
            Instant.parse("2026-10-25T00:30:00Z"), // 02:30 CEST, the first of the two
            Instant.parse("2026-10-26T01:30:00Z")) // 02:30 CET the next day
        .doesNotContain(Instant.parse("2026-10-25T01:30:00Z"));
    assertThat(jobsOf(jdbi, "dst")).isEqualTo(fired(jdbi, "dst").size());
  }

  @Test
  void defining_the_same_schedule_again_keeps_its_position_and_a_change_counts_from_now(Jdbi jdbi) {
    SettableClock clock = new SettableClock(Instant.parse("2026-06-01T00:00:00Z"));
    JobScheduler scheduler = JobScheduler.create(jdbi, JobSchedulerConfig.defaults(), clock);
    Schedule hourly = Schedule.cron("redefine", "redefine.job", "0 * * * *", ZoneId.of("UTC"));
    assertThat((boolean) jdbi.inTransaction(h -> scheduler.define(h, hourly))).isTrue();
    clock.set(Instant.parse("2026-06-01T03:00:10Z"));
    assertThat((boolean) jdbi.inTransaction(h -> scheduler.define(h, hourly))).isFalse();
    scheduler.tick();
    // 01:00 and 02:00 were missed (RUN_ONCE: only 02:00 runs), 03:00 is on time.
    assertThat(fired(jdbi, "redefine"))
        .containsExactly(
            Instant.parse("2026-06-01T02:00:00Z"), Instant.parse("2026-06-01T03:00:00Z"));
    Schedule daily = Schedule.cron("redefine", "redefine.job", "0 0 * * *", ZoneId.of("UTC"));
    clock.set(Instant.parse("2026-06-01T03:30:00Z"));
    assertThat((boolean) jdbi.inTransaction(h -> scheduler.define(h, daily))).isTrue();
    clock.set(Instant.parse("2026-06-02T00:00:05Z"));
    scheduler.tick();
    assertThat(fired(jdbi, "redefine"))
        .hasSize(3)
        .last()
        .isEqualTo(Instant.parse("2026-06-02T00:00:00Z"));
    assertThat(jdbi.withHandle(scheduler::list)).containsExactly(daily);
    assertThat((boolean) jdbi.inTransaction(h -> scheduler.remove(h, "redefine"))).isTrue();
    clock.set(Instant.parse("2026-06-03T00:00:05Z"));
    assertThat(scheduler.tick()).isZero();
  }

  @Test
  void run_now_enqueues_one_run_by_hand_without_moving_the_schedule(Jdbi jdbi) {
    SettableClock clock = new SettableClock(Instant.parse("2026-06-01T00:00:00Z"));
    JobScheduler scheduler =
        JobScheduler.create(jdbi, JobSchedulerConfig.defaults(), clock)
            .define(Schedule.cron("by-hand", "by-hand.job", "0 0 1 1 *", ZoneId.of("UTC")));
    scheduler.storeDefinitions();
    Optional<Long> ran = jdbi.inTransaction(h -> scheduler.runNow(h, "by-hand"));
    long id = ran.orElseThrow();
    assertThat(JobsTestSupport.text(jdbi, "SELECT job_key FROM fis_jobs.job WHERE job_id = ?", id))
        .isEqualTo("schedule:by-hand");
    assertThat(fired(jdbi, "by-hand")).isEmpty();
    Optional<Long> none = jdbi.inTransaction(h -> scheduler.runNow(h, "no-such-schedule"));
    assertThat(none).isEmpty();
  }

  @Test
  void bad_definitions_are_rejected_and_nothing_is_stored(Jdbi jdbi) {
    assertThatThrownBy(() -> Schedule.cron("bad", "bad.job", "61 * * * *", OSLO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cron minute");
    assertThatThrownBy(() -> Schedule.fixedDelay("bad", "bad.job", Duration.ofMillis(10)))
        .hasMessageContaining("delay: must be at least 1 s");
    assertThatThrownBy(
            () -> Schedule.cron("bad", "bad.job", "* * * * *", OSLO).withPayloadJson("{nope"))
        .hasMessageContaining("payloadJson: not valid JSON");
    assertThatThrownBy(() -> Schedule.cron("", "bad.job", "* * * * *", OSLO))
        .hasMessageContaining("name: must be 1 to 200");
    assertThat(
            JobsTestSupport.count(
                jdbi, "SELECT count(*) FROM fis_jobs.schedule WHERE schedule_name = 'bad'"))
        .isZero();
  }

  /**
   * Four schedulers tick at once while the clock moves minute by minute; two processors run the
   * jobs, one of them hangs in its first job like a dead machine (short lease, no heartbeat) and
   * another is closed and replaced half-way. Every instant runs exactly once.
   */
  @Test
  void each_instant_runs_exactly_once_across_racing_schedulers_and_killed_processors(Jdbi jdbi)
      throws Exception {
    int minutes = 120;
    Instant start = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MINUTES);
    SettableClock clock = new SettableClock(start);
    Schedule everyMinute =
        Schedule.cron("race", "race.job", "* * * * *", ZoneId.of("UTC"))
            .withMissedPolicy(Schedule.MissedPolicy.RUN_ALL);
    List<JobScheduler> schedulers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      schedulers.add(
          JobScheduler.create(jdbi, JobSchedulerConfig.defaults(), clock).define(everyMinute));
    }
    schedulers.get(0).storeDefinitions();
    AtomicBoolean ticking = new AtomicBoolean(true);
    List<Thread> tickers = new ArrayList<>();
    for (JobScheduler scheduler : schedulers) {
      Thread thread =
          new Thread(
              () -> {
                while (ticking.get()) {
                  scheduler.tick();
                }
              });
      thread.start();
      tickers.add(thread);
    }

    CountDownLatch hung = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    JobProcessor dead =
        processor(jdbi, "dead", Duration.ofMillis(800), Duration.ZERO, hung, release);
    dead.start();
    // The "dead" processor takes the first instant's job before the others start: once a
    // processor runs a key's jobs, it hands the key's next job over to itself (the hot-key
    // handover), so a processor started later might never get one of this single key's jobs.
    clock.advance(Duration.ofMinutes(1));
    assertThat(hung.await(30, TimeUnit.SECONDS)).as("the dead processor took a job").isTrue();
    JobProcessor first = processor(jdbi, "first", Duration.ofSeconds(30), null, null, null);
    first.start();
    JobProcessor second = null;
    try {
      for (int i = 1; i < minutes; i++) {
        clock.advance(Duration.ofMinutes(1));
        Thread.sleep(5);
        if (i == minutes / 2) {
          first.close();
          second = processor(jdbi, "second", Duration.ofSeconds(30), null, null, null);
          second.start();
        }
      }
      ticking.set(false);
      for (Thread thread : tickers) {
        thread.join();
      }
      schedulers.get(0).tick();
      assertThat(fired(jdbi, "race")).hasSize(minutes);
      JobProcessor survivor = second;
      awaitTrue(
          "every instant ran",
          () ->
              JobsTestSupport.count(jdbi, "SELECT count(DISTINCT job_id) FROM public.schedule_run")
                  >= minutes);
      assertThat(hung.await(1, TimeUnit.SECONDS)).as("the dead processor took a job").isTrue();
      release.countDown(); // the "dead" handler wakes up and writes late: rejected
      awaitTrue("the late write was rejected", () -> dead.metrics().leaseLost() >= 1);
      assertThat(survivor.metrics().succeeded()).isPositive();
    } finally {
      release.countDown();
      ticking.set(false);
      dead.close();
      first.close();
      if (second != null) {
        second.close();
      }
    }
    assertThat(
            JobsTestSupport.count(
                jdbi, "SELECT count(*) FROM public.schedule_run WHERE schedule = 'race'"))
        .isEqualTo(minutes);
    assertThat(
            JobsTestSupport.count(
                jdbi,
                "SELECT count(DISTINCT run_at) FROM public.schedule_run WHERE schedule = 'race'"))
        .isEqualTo(minutes);
    assertThat(jobsOf(jdbi, "race")).isEqualTo(minutes);
  }

  private static JobProcessor processor(
      Jdbi jdbi,
      String worker,
      Duration lease,
      Duration heartbeat,
      CountDownLatch hung,
      CountDownLatch release) {
    JobProcessorConfig config =
        JobsTestSupport.fastConfig().withWorkerId(worker).withLeaseDuration(lease);
    if (heartbeat != null) {
      config = config.withHeartbeatInterval(heartbeat).withThreads(1).withClaimBatchSize(1);
    }
    JobProcessor processor = JobProcessor.create(jdbi, config);
    processor.register(
        "race.job",
        (handle, job) -> {
          handle.execute(
              "INSERT INTO public.schedule_run (schedule, run_at, job_id, worker)"
                  + " SELECT schedule_name, fire_at, job_id, ? FROM fis_jobs.schedule_fire"
                  + " WHERE job_id = ?",
              worker,
              job.id());
          if (hung != null && hung.getCount() > 0) {
            hung.countDown();
            release.await(JobsTestSupport.WAIT_MAX.toSeconds(), TimeUnit.SECONDS);
          }
        });
    return processor;
  }

  @Test
  void a_fixed_delay_schedule_runs_again_its_delay_after_the_previous_run_finished(Jdbi jdbi) {
    SettableClock clock = new SettableClock(Instant.now());
    JobScheduler scheduler =
        JobScheduler.create(jdbi, JobSchedulerConfig.defaults(), clock)
            .define(Schedule.fixedDelay("delay", "delay.job", Duration.ofSeconds(10)));
    scheduler.storeDefinitions();
    assertThat(scheduler.tick()).isZero();
    clock.advance(Duration.ofSeconds(10));
    assertThat(scheduler.tick()).isEqualTo(1);
    clock.advance(Duration.ofHours(1));
    assertThat(scheduler.tick()).as("the first run has not finished").isZero();
    try (JobProcessor processor = JobProcessor.create(jdbi, JobsTestSupport.fastConfig())) {
      processor.register("delay.job", (handle, job) -> {});
      processor.start();
      awaitTrue(
          "the run finished",
          () ->
              JobsTestSupport.count(
                      jdbi,
                      "SELECT count(*) FROM fis_jobs.job_status s JOIN fis_jobs.job j USING (job_id)"
                          + " WHERE j.job_key = 'schedule:delay' AND s.kind = 'succeeded'")
                  == 1);
    }
    Instant finished =
        jdbi.withHandle(
            h ->
                h.select(
                        "SELECT s.recorded_at FROM fis_jobs.job_status s JOIN fis_jobs.job j"
                            + " USING (job_id) WHERE j.job_key = 'schedule:delay'"
                            + " AND s.kind = 'succeeded'")
                    .mapTo(java.time.OffsetDateTime.class)
                    .one()
                    .toInstant());
    clock.set(finished.plusSeconds(9));
    assertThat(scheduler.tick()).isZero();
    clock.set(finished.plusSeconds(11));
    assertThat(scheduler.tick()).isEqualTo(1);
    assertThat(fired(jdbi, "delay")).last().isEqualTo(finished.plusSeconds(10));
  }
}
