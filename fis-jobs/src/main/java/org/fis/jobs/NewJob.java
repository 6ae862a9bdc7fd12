package org.fis.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A job to enqueue with {@link JobQueue#enqueueAll}.
 *
 * @param type the job type (1 to 200 characters)
 * @param key the ordering key (1 to 500 characters), or {@code null} for no ordering
 * @param payloadJson the payload, valid JSON
 * @param runAt the earliest time to run, or {@code null} for the enqueuing transaction's start
 */
public record NewJob(String type, String key, String payloadJson, Instant runAt) {
  /** Validates the job. */
  public NewJob {
    JobQueue.checkType(type, "type");
    JobQueue.checkKey(key, "key");
    Objects.requireNonNull(payloadJson, "payloadJson");
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
}
