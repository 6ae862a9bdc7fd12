package org.fis.ledger;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The port through which the ledger asks for an asynchronous account's pending balance tasks to be
 * applied later. The production adapter enqueues a job of type {@link Ledger#BALANCE_JOB_TYPE}
 * keyed by the account id on fis-jobs ({@link AsyncBalanceJobs}); the job runs {@link
 * AsyncBalanceJobs#handler(Ledger)}. Implementations must write in the caller's transaction (so the
 * request exists only if the posting commits) and be thread-safe.
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
   * Requests that the pending balance tasks of several accounts be applied. The ledger calls this
   * once per {@code submit} with the asynchronous accounts touched, sorted by account id; the
   * default calls {@link #enqueue} for each in that order. Implementations that can write all
   * requests in one statement should, taking any per-account locks in the given order.
   *
   * @param handle the caller's transaction
   * @param accountIds the asynchronous accounts, sorted, without duplicates
   */
  default void enqueueAll(Handle handle, List<String> accountIds) {
    for (String accountId : accountIds) {
      enqueue(handle, accountId);
    }
  }

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
