package org.fis.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.fis.jobs.Schedule;
import org.junit.jupiter.api.Test;

class SchedulePlannerTest {
  private static final Instant DEFINED = Instant.parse("2026-06-01T00:00:00Z");
  private static final Duration LATE_AFTER = Duration.ofMinutes(1);

  private static ScheduleStore.Stored hourly(Schedule.MissedPolicy policy, Instant lastFireAt) {
    Schedule schedule =
        Schedule.cron("hourly", "t", "0 * * * *", ZoneOffset.UTC).withMissedPolicy(policy);
    return new ScheduleStore.Stored(schedule, DEFINED, lastFireAt, null, null);
  }

  private static List<ScheduleStore.Fire> plan(ScheduleStore.Stored stored, String now, int max) {
    return SchedulePlanner.plan(stored, Instant.parse(now), LATE_AFTER, max);
  }

  @Test
  void an_instant_within_the_tolerance_runs_under_every_policy() {
    for (Schedule.MissedPolicy policy : Schedule.MissedPolicy.values()) {
      assertThat(plan(hourly(policy, null), "2026-06-01T01:00:30Z", 100))
          .as(policy.name())
          .containsExactly(
              new ScheduleStore.Fire("hourly", Instant.parse("2026-06-01T01:00:00Z"), true));
    }
  }

  @Test
  void nothing_is_due_before_the_next_instant() {
    assertThat(plan(hourly(Schedule.MissedPolicy.RUN_ALL, null), "2026-06-01T00:59:59Z", 100))
        .isEmpty();
  }

  @Test
  void missed_instants_run_once_run_all_or_are_skipped_as_the_policy_says() {
    // Down from 00:00 to 05:00:30: 01:00 to 04:00 are missed, 05:00 is on time.
    String now = "2026-06-01T05:00:30Z";
    Instant five = Instant.parse("2026-06-01T05:00:00Z");
    Instant four = Instant.parse("2026-06-01T04:00:00Z");
    assertThat(plan(hourly(Schedule.MissedPolicy.RUN_ALL, null), now, 100)).hasSize(5);
    assertThat(plan(hourly(Schedule.MissedPolicy.RUN_ONCE, null), now, 100))
        .containsExactly(
            new ScheduleStore.Fire("hourly", four, true),
            new ScheduleStore.Fire("hourly", five, true));
    assertThat(plan(hourly(Schedule.MissedPolicy.SKIP, null), now, 100))
        .containsExactly(
            new ScheduleStore.Fire("hourly", four, false),
            new ScheduleStore.Fire("hourly", five, true));
  }

  @Test
  void run_once_over_more_missed_instants_than_one_tick_walks_only_records_the_position() {
    // Ten missed instants, three per tick: the first ticks record the position without a job.
    ScheduleStore.Stored stored = hourly(Schedule.MissedPolicy.RUN_ONCE, null);
    assertThat(plan(stored, "2026-06-01T10:30:00Z", 3))
        .containsExactly(
            new ScheduleStore.Fire("hourly", Instant.parse("2026-06-01T03:00:00Z"), false));
    ScheduleStore.Stored later =
        hourly(Schedule.MissedPolicy.RUN_ONCE, Instant.parse("2026-06-01T09:00:00Z"));
    assertThat(plan(later, "2026-06-01T10:30:00Z", 3))
        .containsExactly(
            new ScheduleStore.Fire("hourly", Instant.parse("2026-06-01T10:00:00Z"), true));
  }

  @Test
  void the_position_is_the_later_of_the_last_fire_and_the_definition() {
    ScheduleStore.Stored stored =
        hourly(Schedule.MissedPolicy.RUN_ALL, Instant.parse("2026-06-01T03:00:00Z"));
    assertThat(plan(stored, "2026-06-01T04:00:10Z", 100))
        .containsExactly(
            new ScheduleStore.Fire("hourly", Instant.parse("2026-06-01T04:00:00Z"), true));
  }

  @Test
  void a_fixed_delay_is_due_its_delay_after_the_previous_run_finished_and_not_before() {
    Schedule schedule = Schedule.fixedDelay("every", "t", Duration.ofMinutes(5));
    Instant finished = Instant.parse("2026-06-01T00:07:00Z");
    ScheduleStore.Stored first = new ScheduleStore.Stored(schedule, DEFINED, null, null, null);
    assertThat(SchedulePlanner.plan(first, DEFINED.plusSeconds(299), LATE_AFTER, 10)).isEmpty();
    assertThat(SchedulePlanner.plan(first, DEFINED.plusSeconds(300), LATE_AFTER, 10))
        .containsExactly(new ScheduleStore.Fire("every", DEFINED.plusSeconds(300), true));
    ScheduleStore.Stored running =
        new ScheduleStore.Stored(schedule, DEFINED, DEFINED.plusSeconds(300), 7L, null);
    assertThat(SchedulePlanner.plan(running, finished.plusSeconds(3600), LATE_AFTER, 10)).isEmpty();
    ScheduleStore.Stored done =
        new ScheduleStore.Stored(schedule, DEFINED, DEFINED.plusSeconds(300), 7L, finished);
    assertThat(SchedulePlanner.plan(done, finished.plusSeconds(299), LATE_AFTER, 10)).isEmpty();
    assertThat(SchedulePlanner.plan(done, finished.plusSeconds(301), LATE_AFTER, 10))
        .containsExactly(new ScheduleStore.Fire("every", finished.plusSeconds(300), true));
  }
}
