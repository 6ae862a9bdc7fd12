package org.fis.billing.issuing;

import java.util.Objects;
import java.util.UUID;

/** The outcome of {@link InvoiceIssuer#credit}. Immutable and thread-safe. */
public sealed interface CreditResult {
  /**
   * A credit note was issued in the caller's transaction.
   *
   * @param creditNote the new credit note
   */
  record Credited(IssuedInvoice creditNote) implements CreditResult {
    /** Validates. */
    public Credited {
      Objects.requireNonNull(creditNote, "creditNote");
    }
  }

  /**
   * The invoice was credited before: nothing was written.
   *
   * @param creditNote the existing credit note
   */
  record AlreadyCredited(IssuedInvoice creditNote) implements CreditResult {
    /** Validates. */
    public AlreadyCredited {
      Objects.requireNonNull(creditNote, "creditNote");
    }
  }

  /**
   * No such invoice for this issuer.
   *
   * @param invoiceId the id asked for
   */
  record NotFound(UUID invoiceId) implements CreditResult {
    /** Validates. */
    public NotFound {
      Objects.requireNonNull(invoiceId, "invoiceId");
    }
  }

  /**
   * The document is a credit note, which cannot itself be credited.
   *
   * @param invoiceId the id asked for
   */
  record NotCreditable(UUID invoiceId) implements CreditResult {
    /** Validates. */
    public NotCreditable {
      Objects.requireNonNull(invoiceId, "invoiceId");
    }
  }
}
