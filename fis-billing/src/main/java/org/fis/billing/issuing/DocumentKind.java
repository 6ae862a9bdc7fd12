package org.fis.billing.issuing;

/** Whether an issued document bills or credits. Immutable and thread-safe. */
public enum DocumentKind {
  /** An invoice. */
  INVOICE,
  /** A credit note that cancels one invoice in full; its amounts are the invoice's, negated. */
  CREDIT_NOTE
}
