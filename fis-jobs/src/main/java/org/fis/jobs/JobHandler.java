package org.fis.jobs;

import org.jdbi.v3.core.Handle;

/**
 * Runs one job type. Registered with {@link JobProcessor#register(String, JobHandler)}.
 *
 * <p>The processor calls {@link #handle} inside a transaction that it owns; in the same
 * transaction, after the handler returns, it inserts the job's success line, which the database
 * accepts only while this processor still holds the job's lease. So everything the handler writes
 * through {@code handle} commits exactly once, together with the success line, or not at all. The
 * handler must not commit, roll back or close the handle. Effects outside the database (HTTP calls,
 * files) may happen more than once: after a failure, a lost lease or a crash the job runs again.
 *
 * <p>Implementations are called from several processor threads at once and must be thread-safe.
 */
@FunctionalInterface
public interface JobHandler {
  /**
   * Runs the job.
   *
   * @param handle the processor's handle, inside its transaction
   * @param job the job
   * @throws Exception to fail this attempt: the job is retried with backoff, or dead-lettered after
   *     the maximum number of attempts
   */
  void handle(Handle handle, Job job) throws Exception;
}
