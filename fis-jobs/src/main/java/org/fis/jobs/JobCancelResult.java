package org.fis.jobs;

/** The outcome of {@link JobQueue#cancel}: a business outcome, not an error. */
public sealed interface JobCancelResult {
  /**
   * The job will never run (again); it no longer blocks later jobs with its key.
   *
   * @param jobId the job
   */
  record Cancelled(long jobId) implements JobCancelResult {}

  /**
   * The job is running under a valid lease or is already final, so it was not cancelled.
   *
   * @param jobId the job
   * @param state its current state
   */
  record NotCancellable(long jobId, JobState state) implements JobCancelResult {}

  /**
   * No live job has this id.
   *
   * @param jobId the job
   */
  record NotFound(long jobId) implements JobCancelResult {}
}
