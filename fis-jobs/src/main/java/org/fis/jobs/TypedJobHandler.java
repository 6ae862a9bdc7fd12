package org.fis.jobs;

import org.jdbi.v3.core.Handle;

/**
 * A {@link JobHandler} that receives its payload already deserialised; same transaction contract
 * and thread-safety requirements as {@link JobHandler}. A payload that cannot be deserialised fails
 * the attempt like an exception from the handler.
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface TypedJobHandler<T> {
  /**
   * Runs the job.
   *
   * @param handle the processor's handle, inside its transaction
   * @param job the job (with the raw JSON payload)
   * @param payload the deserialised payload
   * @throws Exception to fail this attempt
   */
  void handle(Handle handle, Job job, T payload) throws Exception;
}
