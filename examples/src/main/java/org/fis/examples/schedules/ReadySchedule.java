package org.fis.examples.schedules;

import java.util.Objects;
import org.fis.jobs.JobHandler;
import org.fis.jobs.JobProcessor;
import org.fis.jobs.JobScheduler;
import org.fis.jobs.Schedule;

/**
 * A schedule together with the handler of its job type: the suite's own periodic work, ready for a
 * host to register in one line ({@code SuiteSchedules.ledgerHoldExpiry(ledger, "main")
 * .registerOn(scheduler, processor)}).
 *
 * @param schedule when it runs (the host may change it with {@link #withSchedule})
 * @param handler what each run does, in the job's transaction
 */
public record ReadySchedule(Schedule schedule, JobHandler handler) {
  /** Validates the pair. */
  public ReadySchedule {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(handler, "handler");
  }

  /**
   * Defines the schedule on the scheduler (stored at its start) and registers the handler on the
   * processor (before its start).
   *
   * @param scheduler the scheduler
   * @param processor the processor that runs the jobs
   * @return this
   */
  public ReadySchedule registerOn(JobScheduler scheduler, JobProcessor processor) {
    scheduler.define(schedule);
    processor.register(schedule.jobType(), handler);
    return this;
  }

  /**
   * The same work on another recurrence.
   *
   * @param value the schedule (its job type must stay the same)
   * @return a copy
   */
  public ReadySchedule withSchedule(Schedule value) {
    if (!value.jobType().equals(schedule.jobType())) {
      throw new IllegalArgumentException(
          "schedule: job type must stay " + schedule.jobType() + ", got " + value.jobType());
    }
    return new ReadySchedule(value, handler);
  }
}
