package org.fis.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fis.jobs.JobHandler;
import org.fis.jobs.JobProcessor;
import org.fis.jobs.JobQueue;
import org.fis.jobs.NewJob;
import org.jdbi.v3.core.Handle;

/**
 * Connects asynchronous balances to the jobs feature: a posting that touches an asynchronous
 * account enqueues a job of type {@value Ledger#BALANCE_JOB_TYPE} keyed by the account id (in the
 * posting's transaction), and the {@link JobProcessor} runs {@link #handler(Ledger)}, which applies
 * the account's pending balance tasks inside the job's transaction.
 *
 * <pre>{@code
 * JobQueue jobs = JobQueue.create();
 * Ledger ledger = Ledger.create(LedgerConfig.defaults(), clock, AsyncBalanceJobs.queue(jobs));
 * JobProcessor processor = JobProcessor.create(jdbi, JobProcessorConfig.defaults());
 * AsyncBalanceJobs.register(processor, ledger);
 * processor.start();
 * }</pre>
 *
 * <p>Keyed jobs run one at a time per account, in order. Applying is idempotent (each task is
 * applied exactly once, under the account's row lock), so a job that runs twice after a lost lease
 * does no harm. Note the cost of the key: the jobs feature serialises the commits of transactions
 * that enqueue the same key, from the enqueue to the commit (the ledger enqueues last, in
 * account-id order). Stateless and thread-safe.
 */
public final class AsyncBalanceJobs {
  private AsyncBalanceJobs() {}

  /**
   * The port adapter: enqueues one balance job per asynchronous account touched.
   *
   * @param jobs the job queue
   * @return the port for {@link Ledger#create}
   */
  public static BalanceTaskQueue queue(JobQueue jobs) {
    Objects.requireNonNull(jobs, "jobs");
    return new BalanceTaskQueue() {
      @Override
      public void enqueue(Handle handle, String accountId) {
        jobs.enqueue(handle, Ledger.BALANCE_JOB_TYPE, accountId, "{}");
      }

      /** One statement per {@value JobQueue#ENQUEUE_BATCH_SIZE_MAX} accounts. */
      @Override
      public void enqueueAll(Handle handle, List<String> accountIds) {
        for (int from = 0; from < accountIds.size(); from += JobQueue.ENQUEUE_BATCH_SIZE_MAX) {
          List<NewJob> batch = new ArrayList<>();
          for (String accountId :
              accountIds.subList(
                  from, Math.min(accountIds.size(), from + JobQueue.ENQUEUE_BATCH_SIZE_MAX))) {
            batch.add(NewJob.of(Ledger.BALANCE_JOB_TYPE, accountId, "{}"));
          }
          jobs.enqueueAll(handle, batch);
        }
      }
    };
  }

  /**
   * The job handler: applies the pending balance tasks of the account named by the job's key.
   *
   * @param ledger the ledger
   * @return the handler
   */
  public static JobHandler handler(Ledger ledger) {
    Objects.requireNonNull(ledger, "ledger");
    return (handle, job) -> {
      if (job.key() == null) {
        throw new IllegalArgumentException("job " + job.id() + ": a balance job needs a key");
      }
      ledger.applyPendingBalanceTasks(handle, job.key());
    };
  }

  /**
   * Registers {@link #handler(Ledger)} for {@value Ledger#BALANCE_JOB_TYPE} on a processor.
   *
   * @param processor the job processor
   * @param ledger the ledger
   * @return the processor
   */
  public static JobProcessor register(JobProcessor processor, Ledger ledger) {
    Objects.requireNonNull(processor, "processor");
    return processor.register(Ledger.BALANCE_JOB_TYPE, handler(ledger));
  }
}
