package org.fis.jobs;

/**
 * An infrastructure failure of the job system (database unreachable, SQL error): carries the job
 * ids involved, if any. Business outcomes are values ({@link JobRetryResult}, {@link
 * JobCancelResult}); caller misuse is {@link IllegalArgumentException}.
 */
public final class JobException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The job ids involved (possibly empty). */
  private final long[] jobIds;

  /**
   * An infrastructure failure.
   *
   * @param message what failed
   * @param cause the underlying exception
   * @param jobIds the job ids involved
   */
  public JobException(String message, Throwable cause, long... jobIds) {
    super(
        message
            + (jobIds.length == 0 ? "" : " (job ids " + java.util.Arrays.toString(jobIds) + ")"),
        cause);
    this.jobIds = jobIds.clone();
  }

  /**
   * The job ids involved.
   *
   * @return a copy of the ids, possibly empty
   */
  public long[] jobIds() {
    return jobIds.clone();
  }
}
