package org.fis.ledger;

import org.jdbi.v3.core.Handle;

/**
 * The port through which the ledger asks for an asynchronous account's pending balance tasks to be
 * applied later. The production adapter enqueues a job of type {@link Ledger#BALANCE_JOB_TYPE}
 * keyed by the account id on the jobs feature; the job runs {@link Ledger#balanceJobHandler()}.
 * Implementations must write in the caller's transaction (so the request exists only if the posting
 * commits) and be thread-safe.
 */
@FunctionalInterface
public interface BalanceTaskQueue {
  /**
   * Requests that the account's pending balance tasks be applied.
   *
   * @param handle the caller's transaction
   * @param accountId the asynchronous account
   */
  void enqueue(Handle handle, String accountId);

  /**
   * A queue that requests nothing: pending tasks are then applied only by {@link
   * Ledger#consistentBalance} or explicit {@link Ledger#applyPendingBalanceTasks} calls.
   *
   * @return the no-op queue
   */
  static BalanceTaskQueue none() {
    return (handle, accountId) -> {};
  }
}
