package org.fis.billing.issuing;

import java.util.Objects;

/**
 * The outcome of {@link InvoiceIssuer#issue}: a new invoice, or the one already issued for the same
 * issuer, network user and period. Immutable and thread-safe.
 */
public sealed interface IssueResult {
  /**
   * The invoice, new or existing.
   *
   * @throws IllegalStateException for {@link Held}, which issued nothing
   */
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

  /**
   * The host's policy ({@link IssuerConfig#blockingWarnings()}) holds this invoice back: nothing
   * was written and no number was taken. A clerk reviews the draft (e.g. on {@code
   * org.fis.billing.output.InvoiceReviewHtml}), fixes the input, and issues again.
   *
   * @param draft the calculated invoice that was not issued
   * @param blocking the warnings that the policy marks blocking (a subset of the draft's warnings)
   */
  record Held(
      org.fis.billing.calculator.Invoice draft,
      java.util.List<org.fis.billing.calculator.Warning> blocking)
      implements IssueResult {
    /** Validates. */
    public Held {
      Objects.requireNonNull(draft, "draft");
      Objects.requireNonNull(blocking, "blocking");
      if (blocking.isEmpty()) {
        throw new IllegalArgumentException("blocking: must name at least one warning");
      }
      blocking = java.util.List.copyOf(blocking);
    }

    @Override
    public IssuedInvoice invoice() {
      throw new IllegalStateException(
          "held back by the blocking-warning policy: nothing was issued (" + blocking + ")");
    }
  }
}
