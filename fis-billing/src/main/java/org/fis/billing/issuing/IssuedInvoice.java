package org.fis.billing.issuing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.fis.billing.calculator.Invoice;

/**
 * An issued, immutable document: an invoice or a credit note, with its gapless number. Immutable
 * and thread-safe.
 *
 * @param invoiceId the document's id (from the issuer's id supplier)
 * @param issuerId who issued it; numbers are gapless per issuer and year
 * @param number the printed number, {@code <year>-<sequence, 6 digits>}
 * @param year the numbering year (of {@code issuedAt} in the issuer's zone)
 * @param sequence the sequence within issuer and year, from 1, without gaps
 * @param kind invoice or credit note
 * @param revision 0 for the first invoice of a network user and period, +1 after each credit note;
 *     a credit note has the revision of the invoice it credits
 * @param creditedInvoiceId the credited invoice, for a credit note; otherwise {@code null}
 * @param creditReason why, for a credit note; otherwise {@code null}
 * @param issuedAt when it was issued (the issuer's clock)
 * @param invoice the amounts (negated for a credit note)
 */
public record IssuedInvoice(
    UUID invoiceId,
    String issuerId,
    String number,
    int year,
    long sequence,
    DocumentKind kind,
    int revision,
    UUID creditedInvoiceId,
    String creditReason,
    Instant issuedAt,
    Invoice invoice) {

  /** Validates the document. */
  public IssuedInvoice {
    Objects.requireNonNull(invoiceId, "invoiceId");
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(invoice, "invoice");
    if (sequence <= 0 || revision < 0) {
      throw new IllegalArgumentException("sequence/revision: out of range");
    }
    if ((kind == DocumentKind.CREDIT_NOTE) != (creditedInvoiceId != null)) {
      throw new IllegalArgumentException("creditedInvoiceId: set exactly for credit notes");
    }
  }
}
