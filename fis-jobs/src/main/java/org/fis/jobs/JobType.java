package org.fis.jobs;

import java.util.Objects;

/**
 * A job type with a typed JSON payload, for host applications' own jobs: {@link
 * JobQueue#enqueue(org.jdbi.v3.core.Handle, JobType, String, Object)} serialises the payload with
 * Jackson, {@link JobProcessor#register(JobType, TypedJobHandler)} deserialises it.
 *
 * @param name the type name stored with each job (1 to 200 characters)
 * @param payloadClass the payload class, mapped by Jackson (records work)
 * @param <T> the payload type
 */
public record JobType<T>(String name, Class<T> payloadClass) {
  /** Validates the type. */
  public JobType {
    JobQueue.checkType(name, "name");
    Objects.requireNonNull(payloadClass, "payloadClass");
  }

  /**
   * A job type.
   *
   * @param name the type name
   * @param payloadClass the payload class
   * @param <T> the payload type
   * @return the job type
   */
  public static <T> JobType<T> of(String name, Class<T> payloadClass) {
    return new JobType<>(name, payloadClass);
  }
}
