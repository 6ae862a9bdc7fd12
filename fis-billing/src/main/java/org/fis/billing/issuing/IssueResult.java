package org.fis.billing.issuing;

import java.util.Objects;

/**
 * The outcome of {@link InvoiceIssuer#issue}: a new invoice, or the one already issued for the same
 * issuer, network user and period. Immutable and thread-safe.
 */
public sealed interface IssueResult {
  /** The invoice, new or existing. */
  IssuedInvoice invoice();

  /**
   * A new invoice was issued in the caller's transaction.
   *
   * @param invoice the new invoice
   */
  record Issued(IssuedInvoice invoice) implements IssueResult {
    /** Validates. */
    public Issued {
      Objects.requireNonNull(invoice, "invoice");
    }
  }

  /**
   * The network user already has an invoice (not credited) for this period: nothing was written.
   *
   * @param invoice the existing invoice
   */
  record AlreadyIssued(IssuedInvoice invoice) implements IssueResult {
    /** Validates. */
    public AlreadyIssued {
      Objects.requireNonNull(invoice, "invoice");
    }
  }
}
