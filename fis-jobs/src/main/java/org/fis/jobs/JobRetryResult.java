package org.fis.jobs;

/** The outcome of {@link JobQueue#retryDead}: a business outcome, not an error. */
public sealed interface JobRetryResult {
  /**
   * The dead job will run again, with a fresh count of attempts.
   *
   * @param jobId the job
   */
  record Retried(long jobId) implements JobRetryResult {}

  /**
   * The job is not dead (it is waiting, running, finished, or was retried concurrently).
   *
   * @param jobId the job
   * @param state its current state
   */
  record NotDead(long jobId, JobState state) implements JobRetryResult {}

  /**
   * No live job has this id (it never existed, or it is finished and archived).
   *
   * @param jobId the job
   */
  record NotFound(long jobId) implements JobRetryResult {}
}
