package org.fis.ledger;

/** How an account's running balance is maintained. Immutable. */
public enum BalanceMode {
  /**
   * The running balance is updated in the posting's transaction, under the account's row lock:
   * always current, but concurrent postings to the account serialise.
   */
  SYNCHRONOUS,
  /**
   * The posting writes a balance task in its transaction; the task is applied later by the job
   * handler ({@link AsyncBalanceJobs#handler(Ledger)}) or by {@link Ledger#consistentBalance}.
   * Postings to a hot account then do not wait for each other. Cannot carry a balance constraint.
   */
  ASYNCHRONOUS
}
