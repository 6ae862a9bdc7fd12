package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.fis.testing.FisPostgres;
import org.fis.testing.SettableClock;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The purge of schedule_fire: bounded batches, never a schedule's position, no instant twice. */
@FisPostgres(migrations = JobsMigrations.class)
class JobScheduleFirePurgeIT {
  private static long fires(Jdbi jdbi, String schedule, String condition, Object... args) {
    Object[] all = new Object[args.length + 1];
    all[0] = schedule;
    System.arraycopy(args, 0, all, 1, args.length);
    return JobsTestSupport.count(
        jdbi,
        "SELECT count(*) FROM fis_jobs.schedule_fire WHERE schedule_name = ?" + condition,
        all);
  }

  @Test
  void old_fired_instants_are_purged_in_bounded_batches_and_never_fire_again(Jdbi jdbi) {
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    SettableClock clock = new SettableClock(start);
    JobSchedulerConfig config =
        JobSchedulerConfig.defaults().withFiredRetention(Duration.ofHours(1));
    JobScheduler scheduler =
        JobScheduler.create(jdbi, config, clock)
            .define(
                Schedule.cron("minutely", "purge.job", "* * * * *", ZoneId.of("UTC"))
                    .withMissedPolicy(Schedule.MissedPolicy.RUN_ALL));
    scheduler.storeDefinitions();
    // 2,500 minutes later: every instant fires (RUN_ALL), 1,000 per tick.
    clock.set(start.plus(Duration.ofMinutes(2_500)).plusSeconds(1));
    int enqueued = 0;
    for (int tick = 0; tick < 5; tick++) {
      enqueued += scheduler.tick();
    }
    assertThat(enqueued).isEqualTo(2_500);
    assertThat(fires(jdbi, "minutely", "")).isEqualTo(2_500);
    Instant cutoff = clock.instant().minus(Duration.ofHours(1));
    long old = fires(jdbi, "minutely", " AND fire_at < ?", cutoff);
    assertThat(old).isEqualTo(2_500 - 60);

    int first = scheduler.purgeFired();
    int second = scheduler.purgeFired();
    int third = scheduler.purgeFired();
    int fourth = scheduler.purgeFired();
    assertThat(first).as("one batch at most").isEqualTo(JobSchedulerConfig.PURGE_BATCH_SIZE);
    assertThat(second).isEqualTo(JobSchedulerConfig.PURGE_BATCH_SIZE);
    assertThat(third).isEqualTo(2_440 - 2_000);
    assertThat(fourth).isZero();
    assertThat(fires(jdbi, "minutely", " AND fire_at < ?", cutoff)).isZero();
    assertThat(fires(jdbi, "minutely", "")).as("the last hour is kept").isEqualTo(60);

    // The purged instants do not fire again; the next one fires once.
    assertThat(scheduler.tick()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(scheduler.tick()).isEqualTo(1);
    assertThat(
            JobsTestSupport.count(
                jdbi, "SELECT count(*) FROM fis_jobs.job WHERE job_key = 'schedule:minutely'"))
        .isEqualTo(2_501);
  }

  @Test
  void a_schedules_latest_instant_is_kept_however_old_and_zero_retention_keeps_all(Jdbi jdbi) {
    Instant start = Instant.parse("2027-01-01T00:00:00Z");
    SettableClock clock = new SettableClock(start.minusSeconds(60));
    JobSchedulerConfig config =
        JobSchedulerConfig.defaults().withFiredRetention(Duration.ofHours(1));
    JobScheduler scheduler =
        JobScheduler.create(jdbi, config, clock)
            .define(Schedule.cron("rare", "purge.rare", "0 0 1 1 *", ZoneId.of("UTC")));
    scheduler.storeDefinitions();
    clock.set(start.plusSeconds(1));
    assertThat(scheduler.tick()).isEqualTo(1);
    clock.set(start.plus(Duration.ofDays(30)));
    assertThat(scheduler.purgeFired()).isZero();
    assertThat(fires(jdbi, "rare", "")).as("its position").isEqualTo(1);
    assertThat(scheduler.tick()).as("and it does not fire again").isZero();

    JobScheduler keepAll =
        JobScheduler.create(jdbi, config.withFiredRetention(Duration.ZERO), clock);
    assertThatThrownBy(keepAll::purgeFired).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> config.withFiredRetention(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
