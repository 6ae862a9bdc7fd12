package org.fis.jobs.internal;

import java.time.Instant;
import java.util.Objects;
import org.fis.jobs.Job;

/**
 * A job claimed by a worker: the job and the sequence number of the status line that holds its
 * lease (the claim), and how long it had been ready when it was claimed.
 *
 * @param job the job
 * @param seq the sequence number of the claim line
 * @param lagMillis milliseconds between the job becoming ready and its claim
 * @param readyAt when the claimed line became ready (the claim scan's keyset position)
 */
public record ClaimedJob(Job job, int seq, long lagMillis, Instant readyAt) {
  /** Validates the claim. */
  public ClaimedJob {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(readyAt, "readyAt");
    if (seq < 0) {
      throw new IllegalArgumentException("seq: must be >= 0, got " + seq);
    }
  }
}
