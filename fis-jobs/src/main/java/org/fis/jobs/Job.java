package org.fis.jobs;

import java.time.Instant;
import java.util.Objects;

/**
 * One claimed job as a {@link JobHandler} sees it: immutable, safe to share between threads.
 *
 * @param id the job id, assigned by the database at enqueue
 * @param type the job type the handler was registered for
 * @param key the ordering key, or {@code null} for a job without ordering
 * @param payloadJson the payload as JSON text (normalised by PostgreSQL's {@code jsonb})
 * @param attempt the attempt number, starting at 1 for the first run (a takeover after an expired
 *     lease counts as an attempt)
 * @param runAt the earliest time the job was allowed to run
 */
public record Job(
    long id, String type, String key, String payloadJson, int attempt, Instant runAt) {
  /** Validates the job. */
  public Job {
    if (id <= 0) {
      throw new IllegalArgumentException("id: must be positive, got " + id);
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payloadJson, "payloadJson");
    Objects.requireNonNull(runAt, "runAt");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt: must be at least 1, got " + attempt);
    }
  }
}
