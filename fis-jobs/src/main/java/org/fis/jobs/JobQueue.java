package org.fis.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fis.jobs.internal.JobStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Enqueues and inspects jobs, inside the caller's transaction.
 *
 * <p>Every method takes the caller's {@link Handle} first, runs in its transaction and never
 * commits, rolls back or opens a connection: a job enqueued in a transaction that rolls back never
 * existed. Jobs with the same non-null key run one at a time in enqueue order (see {@link
 * #enqueue(Handle, String, String, String)}); jobs without a key or with different keys run in
 * parallel.
 *
 * <p>Thread-safe and stateless apart from its Jackson mapper: one instance may serve the whole
 * application.
 */
public final class JobQueue {
  /** The largest number of jobs in one {@link #enqueueAll} call. */
  public static final int ENQUEUE_BATCH_SIZE_MAX = 10_000;

  /** The largest page of {@link #dead}. */
  public static final int PAGE_SIZE_MAX = 1_000;

  private final ObjectMapper mapper;
  private final boolean notifying;

  private JobQueue(ObjectMapper mapper, boolean notifying) {
    this.mapper = mapper;
    this.notifying = notifying;
  }

  /**
   * A queue whose typed payloads are written with a Jackson mapper that knows {@code java.time}.
   *
   * @return the queue
   */
  public static JobQueue create() {
    return new JobQueue(new ObjectMapper().registerModule(new JavaTimeModule()), false);
  }

  /**
   * A queue whose typed payloads are written with the given mapper.
   *
   * @param mapper the host's Jackson mapper
   * @return the queue
   */
  public static JobQueue create(ObjectMapper mapper) {
    return new JobQueue(Objects.requireNonNull(mapper, "mapper"), false);
  }

  /**
   * This queue, also sending {@code NOTIFY fis_jobs} in the caller's transaction with every enqueue
   * (delivered at commit, once per transaction however many jobs it enqueued), so that processors
   * listening for it ({@link JobProcessorConfig#listenToEnqueues()}) claim at once instead of at
   * their next poll. Off by default: PostgreSQL serialises the commits of all transactions that
   * sent a notification (a global lock at commit), which costs throughput when many transactions
   * enqueue at once; polling remains the fallback either way.
   *
   * @param value whether to notify
   * @return a queue with the same mapper
   */
  public JobQueue withNotify(boolean value) {
    return new JobQueue(mapper, value);
  }

  /**
   * Enqueues a job that may run as soon as the caller's transaction commits.
   *
   * <p>For a non-null key, takes a transaction-scoped advisory lock on the key until the caller's
   * transaction ends, so that jobs with the same key get ids in commit order: concurrent
   * transactions enqueueing the same key wait for each other from the enqueue to their commit.
   * Enqueue keyed jobs late in the transaction, and several keys in a fixed order (or use {@link
   * #enqueueAll}, which orders the locks), to keep that wait short and free of deadlocks.
   *
   * @param handle the caller's handle, in its transaction
   * @param type the job type, 1 to 200 characters
   * @param key the ordering key, 1 to 500 characters, or {@code null} for no ordering
   * @param payloadJson the payload, valid JSON
   * @return the job id
   * @throws IllegalArgumentException when an argument is invalid (nothing is written)
   * @throws JobException when the database fails
   */
  public long enqueue(Handle handle, String type, String key, String payloadJson) {
    return enqueue(handle, type, key, payloadJson, null);
  }

  /**
   * Enqueues a job that may run from {@code runAt} on (compared with the database clock).
   *
   * @param handle the caller's handle, in its transaction
   * @param type the job type, 1 to 200 characters
   * @param key the ordering key or {@code null}; see {@link #enqueue(Handle, String, String,
   *     String)}
   * @param payloadJson the payload, valid JSON
   * @param runAt the earliest time to run, or {@code null} for the transaction's start
   * @return the job id
   */
  public long enqueue(Handle handle, String type, String key, String payloadJson, Instant runAt) {
    checkType(type, "type");
    checkKey(key, "key");
    return enqueueOne(handle, type, key, payloadJson, runAt, NewJob.PRIORITY_MIN);
  }

  private long enqueueOne(
      Handle handle, String type, String key, String payloadJson, Instant runAt, int priority) {
    Objects.requireNonNull(handle, "handle");
    checkJson(payloadJson, "payloadJson");
    try {
      long id = JobStore.enqueue(handle, type, key, payloadJson, runAt, priority);
      if (notifying) {
        JobStore.notifyEnqueued(handle);
      }
      return id;
    } catch (JdbiException e) {
      throw new JobException("enqueue of a " + type + " job failed", e);
    }
  }

  /**
   * Enqueues one job described by a {@link NewJob} (e.g. with a priority).
   *
   * @param handle the caller's handle, in its transaction
   * @param job the job; see {@link #enqueue(Handle, String, String, String)} for keys
   * @return the job id
   * @throws IllegalArgumentException when the payload is not valid JSON (nothing is written)
   * @throws JobException when the database fails
   */
  public long enqueue(Handle handle, NewJob job) {
    Objects.requireNonNull(job, "job");
    return enqueueOne(
        handle, job.type(), job.key(), job.payloadJson(), job.runAt(), job.priority());
  }

  /**
   * Enqueues a job whose payload is serialised from a value.
   *
   * @param handle the caller's handle, in its transaction
   * @param type the job type and payload class
   * @param key the ordering key or {@code null}
   * @param payload the payload, serialised with this queue's Jackson mapper
   * @param <T> the payload type
   * @return the job id
   */
  public <T> long enqueue(Handle handle, JobType<T> type, String key, T payload) {
    return enqueue(handle, type, key, payload, null);
  }

  /**
   * Enqueues a job whose payload is serialised from a value, to run from {@code runAt} on.
   *
   * @param handle the caller's handle, in its transaction
   * @param type the job type and payload class
   * @param key the ordering key or {@code null}
   * @param payload the payload
   * @param runAt the earliest time to run, or {@code null}
   * @param <T> the payload type
   * @return the job id
   */
  public <T> long enqueue(Handle handle, JobType<T> type, String key, T payload, Instant runAt) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    return enqueue(handle, type.name(), key, toJson(payload), runAt);
  }

  /**
   * Enqueues many jobs in one statement. Key locks are taken in a fixed order, so concurrent
   * callers cannot deadlock on them; ids follow the list order.
   *
   * @param handle the caller's handle, in its transaction
   * @param jobs 1 to {@value #ENQUEUE_BATCH_SIZE_MAX} jobs
   * @return the job ids, in the order of {@code jobs}
   */
  public List<Long> enqueueAll(Handle handle, List<NewJob> jobs) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(jobs, "jobs");
    if (jobs.isEmpty() || jobs.size() > ENQUEUE_BATCH_SIZE_MAX) {
      throw new IllegalArgumentException(
          "jobs: must hold 1 to " + ENQUEUE_BATCH_SIZE_MAX + " jobs, got " + jobs.size());
    }
    for (int i = 0; i < jobs.size(); i++) {
      NewJob job = Objects.requireNonNull(jobs.get(i), "jobs[" + i + "]");
      checkJson(job.payloadJson(), "jobs[" + i + "].payloadJson");
    }
    try {
      List<Long> ids = JobStore.enqueueAll(handle, jobs);
      if (notifying) {
        JobStore.notifyEnqueued(handle);
      }
      return ids;
    } catch (JdbiException e) {
      throw new JobException("enqueue of " + jobs.size() + " jobs failed", e);
    }
  }

  /**
   * A job and its current state; finished jobs are also found after archival.
   *
   * @param handle the caller's handle
   * @param jobId the job id
   * @return the job, or empty if no job has this id
   */
  public Optional<JobView> find(Handle handle, long jobId) {
    Objects.requireNonNull(handle, "handle");
    try {
      return JobStore.find(handle, jobId);
    } catch (JdbiException e) {
      throw new JobException("reading job failed", e, jobId);
    }
  }

  /**
   * The dead-letter list: jobs that failed their last allowed attempt, by id.
   *
   * @param handle the caller's handle
   * @param afterJobId only jobs with a larger id (0 for the first page): keyset pagination
   * @param limit the page size, 1 to {@value #PAGE_SIZE_MAX}
   * @return the dead jobs
   */
  public List<JobView> dead(Handle handle, long afterJobId, int limit) {
    Objects.requireNonNull(handle, "handle");
    if (limit < 1 || limit > PAGE_SIZE_MAX) {
      throw new IllegalArgumentException("limit: must be 1 to " + PAGE_SIZE_MAX + ", got " + limit);
    }
    try {
      return JobStore.dead(handle, afterJobId, limit);
    } catch (JdbiException e) {
      throw new JobException("reading dead jobs failed", e);
    }
  }

  /**
   * Retries a dead job by hand: it becomes waiting with a fresh count of attempts.
   *
   * @param handle the caller's handle, in its transaction
   * @param jobId the job id
   * @return {@link JobRetryResult.Retried}, or why not
   */
  public JobRetryResult retryDead(Handle handle, long jobId) {
    Objects.requireNonNull(handle, "handle");
    try {
      if (JobStore.retryDead(handle, jobId)) {
        return new JobRetryResult.Retried(jobId);
      }
      return JobStore.find(handle, jobId)
          .filter(view -> !view.archived())
          .<JobRetryResult>map(view -> new JobRetryResult.NotDead(jobId, view.state()))
          .orElse(new JobRetryResult.NotFound(jobId));
    } catch (JdbiException e) {
      throw new JobException("retry of dead job failed", e, jobId);
    }
  }

  /**
   * Cancels a job that is waiting, waiting for a retry, dead, or whose lease has expired. A
   * cancelled job never runs again and no longer holds back later jobs with its key. A worker whose
   * lease expired before the cancellation cannot complete the job any more.
   *
   * @param handle the caller's handle, in its transaction
   * @param jobId the job id
   * @return {@link JobCancelResult.Cancelled}, or why not
   */
  public JobCancelResult cancel(Handle handle, long jobId) {
    Objects.requireNonNull(handle, "handle");
    try {
      if (JobStore.cancel(handle, jobId)) {
        return new JobCancelResult.Cancelled(jobId);
      }
      return JobStore.find(handle, jobId)
          .filter(view -> !view.archived())
          .<JobCancelResult>map(view -> new JobCancelResult.NotCancellable(jobId, view.state()))
          .orElse(new JobCancelResult.NotFound(jobId));
    } catch (JdbiException e) {
      throw new JobException("cancel failed", e, jobId);
    }
  }

  private String toJson(Object payload) {
    try {
      return mapper.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "payload: cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static final ObjectMapper PARSER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  static void checkJson(String json, String name) {
    Objects.requireNonNull(json, name);
    try {
      if (PARSER.readTree(json).isMissingNode()) {
        throw new IllegalArgumentException(name + ": not valid JSON: empty");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(name + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    // PostgreSQL's jsonb cannot store the NUL character.
    if (json.contains("\\u0000")) {
      throw new IllegalArgumentException(name + ": \\u0000 cannot be stored by PostgreSQL jsonb");
    }
  }

  static void checkType(String type, String name) {
    Objects.requireNonNull(type, name);
    if (type.isBlank() || type.length() > 200) {
      throw new IllegalArgumentException(
          name + ": must be 1 to 200 characters and not blank, got '" + type + "'");
    }
  }

  static void checkKey(String key, String name) {
    if (key != null && (key.isEmpty() || key.length() > 500)) {
      throw new IllegalArgumentException(
          name + ": must be null or 1 to 500 characters, got " + key.length());
    }
  }
}
