package org.fis.jobs.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fis.jobs.Schedule;

/**
 * Decides, from a stored schedule's position and the scheduler's time, which instants one tick
 * fires or skips. Pure: no database, no clock.
 */
public final class SchedulePlanner {
  private SchedulePlanner() {}

  /**
   * The instants to fire now, oldest first.
   *
   * @param stored the schedule and its position
   * @param now the scheduler's time
   * @param lateAfter how old a due instant may be before it counts as missed
   * @param instantsMax the most instants to return
   * @return the instants, each to enqueue or to record as skipped
   */
  public static List<ScheduleStore.Fire> plan(
      ScheduleStore.Stored stored, Instant now, Duration lateAfter, int instantsMax) {
    Schedule schedule = stored.schedule();
    if (schedule.recurrence() instanceof Schedule.Cron cron) {
      return planCron(stored, cron, now, lateAfter, instantsMax);
    } else if (schedule.recurrence() instanceof Schedule.FixedDelay delay) {
      return planFixedDelay(stored, delay.delay(), now);
    }
    throw new AssertionError(schedule.recurrence());
  }

  private static List<ScheduleStore.Fire> planCron(
      ScheduleStore.Stored stored,
      Schedule.Cron cron,
      Instant now,
      Duration lateAfter,
      int instantsMax) {
    Instant position = stored.definedAt();
    if (stored.lastFireAt() != null && stored.lastFireAt().isAfter(position)) {
      position = stored.lastFireAt();
    }
    Instant lateBefore = now.minus(lateAfter);
    String name = stored.schedule().name();
    Schedule.MissedPolicy policy = stored.schedule().missedPolicy();
    List<ScheduleStore.Fire> fires = new ArrayList<>();
    Instant latestMissed = null;
    boolean walkEnded = false;
    for (int i = 0; i < instantsMax; i++) {
      Optional<Instant> next = cron.expression().next(position, cron.zone());
      if (next.isEmpty() || next.get().isAfter(now)) {
        walkEnded = true;
        break;
      }
      position = next.get();
      boolean missed = position.isBefore(lateBefore);
      if (!missed || policy == Schedule.MissedPolicy.RUN_ALL) {
        fires.add(new ScheduleStore.Fire(name, position, true));
      } else {
        latestMissed = position;
      }
    }
    if (latestMissed != null) {
      // Instants only grow, so the missed ones precede every fire. RUN_ONCE runs the latest
      // missed instant once the walk got past all of them (this tick, or a later one when the
      // bound stopped it: meanwhile the position is recorded as skipped); SKIP records it.
      boolean pastAllMissed = walkEnded || !fires.isEmpty();
      boolean run = policy == Schedule.MissedPolicy.RUN_ONCE && pastAllMissed;
      fires.add(0, new ScheduleStore.Fire(name, latestMissed, run));
    }
    return fires;
  }

  private static List<ScheduleStore.Fire> planFixedDelay(
      ScheduleStore.Stored stored, Duration delay, Instant now) {
    Instant due;
    if (stored.lastFireAt() == null) {
      due = stored.definedAt().plus(delay);
    } else if (stored.lastFinishedAt() != null) {
      due = stored.lastFinishedAt().plus(delay);
    } else {
      return List.of(); // the previous run has not finished
    }
    if (due.isAfter(now)) {
      return List.of();
    }
    return List.of(new ScheduleStore.Fire(stored.schedule().name(), due, true));
  }
}
