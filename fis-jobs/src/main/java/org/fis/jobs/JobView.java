package org.fis.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * A job and its current state, as read by {@link JobQueue#find} and {@link JobQueue#dead}.
 *
 * @param id the job id
 * @param type the job type
 * @param key the ordering key, or {@code null}
 * @param payloadJson the payload
 * @param state the current state
 * @param attempt attempts made in the current round (reset to 0 by a retry by hand)
 * @param runAt the earliest time the job was allowed to run
 * @param stateSince when the current state's status line was recorded (database clock)
 * @param lastError the error of the latest failed attempt, or {@code null}
 * @param workerId the worker of the latest claim, or {@code null}
 * @param archived whether the job has been moved to the archive tables
 */
public record JobView(
    long id,
    String type,
    String key,
    String payloadJson,
    JobState state,
    int attempt,
    Instant runAt,
    Instant stateSince,
    String lastError,
    String workerId,
    boolean archived) {
  /** Validates the view. */
  public JobView {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payloadJson, "payloadJson");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(runAt, "runAt");
    Objects.requireNonNull(stateSince, "stateSince");
  }
}
