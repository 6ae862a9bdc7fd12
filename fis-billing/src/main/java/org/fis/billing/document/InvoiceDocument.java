package org.fis.billing.document;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.fis.billing.issuing.DocumentKind;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.issuing.Snapshot;

/**
 * Everything an invoice document prints: the issued invoice, both parties, and its legal lines
 * (issue date, due date, payment reference, VAT number, currency), with the dates as local dates in
 * the issuer's zone. The renderers in {@code org.fis.billing.output} take this. Immutable and
 * thread-safe.
 *
 * @param issued the issued invoice or credit note
 * @param profile the issuer's printed identity and terms
 * @param networkUser the network user's name and address, as archived with the invoice
 * @param issueDate the issue date (the issue instant's date in the profile's zone)
 * @param dueDate the due date ({@code issueDate + paymentTermDays})
 * @param paymentReference what the network user quotes when paying
 */
public record InvoiceDocument(
    IssuedInvoice issued,
    IssuerProfile profile,
    Party networkUser,
    LocalDate issueDate,
    LocalDate dueDate,
    String paymentReference) {

  /** The snapshot kind holding the network user's name and address. */
  public static final String NETWORK_USER_SNAPSHOT = "network-user";

  /** Validates the document. */
  public InvoiceDocument {
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(networkUser, "networkUser");
    Objects.requireNonNull(issueDate, "issueDate");
    Objects.requireNonNull(dueDate, "dueDate");
    Objects.requireNonNull(paymentReference, "paymentReference");
    if (dueDate.isBefore(issueDate)) {
      throw new IllegalArgumentException("dueDate: before the issue date");
    }
  }

  /**
   * The document of an issued invoice, with the network user read from its archived snapshot of
   * kind {@value #NETWORK_USER_SNAPSHOT} (see {@link Party#fromSnapshot}).
   *
   * @param issued the issued invoice
   * @param snapshots its archived snapshots ({@code InvoiceIssuer.snapshots})
   * @param profile the issuer's printed identity and terms
   * @return the document
   * @throws IllegalArgumentException when no network-user snapshot names a name and address
   */
  public static InvoiceDocument of(
      IssuedInvoice issued, List<Snapshot> snapshots, IssuerProfile profile) {
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(snapshots, "snapshots");
    Objects.requireNonNull(profile, "profile");
    Snapshot user =
        snapshots.stream()
            .filter(s -> s.kind().equals(NETWORK_USER_SNAPSHOT))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "snapshots: no '"
                            + NETWORK_USER_SNAPSHOT
                            + "' snapshot with the network user's name and address (invoice "
                            + issued.number()
                            + ")"));
    LocalDate issueDate = issued.issuedAt().atZone(profile.zone()).toLocalDate();
    return new InvoiceDocument(
        issued,
        profile,
        Party.fromSnapshot(user),
        issueDate,
        issueDate.plusDays(profile.paymentTermDays()),
        paymentReference(profile, issued));
  }

  /** The payment reference: the profile's prefix and the invoice number. */
  static String paymentReference(IssuerProfile profile, IssuedInvoice issued) {
    String number = issued.number();
    return profile.referencePrefix().isEmpty() ? number : profile.referencePrefix() + " " + number;
  }

  /** The first day of the period, in the issuer's zone. */
  public LocalDate periodFirstDay() {
    return issued.invoice().period().start().atZone(profile.zone()).toLocalDate();
  }

  /**
   * The last day of the period, inclusive, in the issuer's zone (the period is stored half-open,
   * {@code [start, end)}: its last day is the day before {@code end}).
   */
  public LocalDate periodLastDay() {
    return issued.invoice().period().end().atZone(profile.zone()).toLocalDate().minusDays(1);
  }

  /** Whether this is a credit note. */
  public boolean creditNote() {
    return issued.kind() == DocumentKind.CREDIT_NOTE;
  }
}
