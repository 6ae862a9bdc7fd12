package org.fis.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A job to enqueue with {@link JobQueue#enqueue(org.jdbi.v3.core.Handle, NewJob)} or {@link
 * JobQueue#enqueueAll}.
 *
 * @param type the job type (1 to 200 characters)
 * @param key the ordering key (1 to 500 characters), or {@code null} for no ordering
 * @param payloadJson the payload, valid JSON
 * @param runAt the earliest time to run, or {@code null} for the enqueuing transaction's start
 * @param priority {@value #PRIORITY_MIN} (the default, lowest) to {@value #PRIORITY_MAX}: a job of
 *     a higher priority is claimed first, within the bound {@link
 *     JobProcessorConfig.Claim#priorityAging()} sets (see the module README, "Priorities")
 */
public record NewJob(String type, String key, String payloadJson, Instant runAt, int priority) {
  /** The lowest priority, the default. */
  public static final int PRIORITY_MIN = 0;

  /** The highest priority. */
  public static final int PRIORITY_MAX = 1_000;

  /** Validates the job. */
  public NewJob {
    JobQueue.checkType(type, "type");
    JobQueue.checkKey(key, "key");
    Objects.requireNonNull(payloadJson, "payloadJson");
    if (priority < PRIORITY_MIN || priority > PRIORITY_MAX) {
      throw new IllegalArgumentException(
          "priority: must be " + PRIORITY_MIN + " to " + PRIORITY_MAX + ", got " + priority);
    }
  }

  /**
   * A job of the lowest priority.
   *
   * @param type the job type
   * @param key the ordering key or {@code null}
   * @param payloadJson the payload
   * @param runAt the earliest time to run, or {@code null}
   */
  public NewJob(String type, String key, String payloadJson, Instant runAt) {
    this(type, key, payloadJson, runAt, PRIORITY_MIN);
  }

  /**
   * A job that may run as soon as its transaction commits.
   *
   * @param type the job type
   * @param key the ordering key or {@code null}
   * @param payloadJson the payload
   * @return the job
   */
  public static NewJob of(String type, String key, String payloadJson) {
    return new NewJob(type, key, payloadJson, null);
  }

  /**
   * This job with another priority.
   *
   * @param value {@value #PRIORITY_MIN} to {@value #PRIORITY_MAX}
   * @return a copy
   */
  public NewJob withPriority(int value) {
    return new NewJob(type, key, payloadJson, runAt, value);
  }

  /**
   * This job with another run time.
   *
   * @param value the earliest time to run, or {@code null}
   * @return a copy
   */
  public NewJob withRunAt(Instant value) {
    return new NewJob(type, key, payloadJson, value, priority);
  }
}
