package org.fis.jobs;

/** The state of a job, derived from the latest line of its status log. */
public enum JobState {
  /** Waiting to run: new, released, retried by hand, or its previous lease expired. */
  WAITING,
  /** Claimed by a worker whose lease has not expired. */
  RUNNING,
  /** Failed; waiting for its backoff to elapse before the next attempt. */
  RETRY_WAIT,
  /**
   * Failed its last allowed attempt; waits for {@link JobQueue#retryDead} or {@link
   * JobQueue#cancel}.
   */
  DEAD,
  /** Finished successfully (final). */
  SUCCEEDED,
  /** Cancelled by hand (final). */
  CANCELLED;

  /**
   * Whether the job will never run again.
   *
   * @return {@code true} for {@link #SUCCEEDED} and {@link #CANCELLED}
   */
  public boolean isFinal() {
    return this == SUCCEEDED || this == CANCELLED;
  }
}
