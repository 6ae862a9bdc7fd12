package org.fis.ledger;

/**
 * A write to the journal, identified by its ledger and operation id: the idempotency key. Submit
 * one or many with {@link Ledger#submit}. Implementations are immutable records.
 */
public sealed interface LedgerCommand
    permits PostingRequest,
        SupersedeRequest,
        ReversalRequest,
        HoldRequest,
        CaptureRequest,
        VoidRequest {
  /**
   * The ledger written to.
   *
   * @return the ledger id
   */
  String ledgerId();

  /**
   * The operation id: the idempotency key within the ledger.
   *
   * @return the operation id
   */
  String operationId();
}
