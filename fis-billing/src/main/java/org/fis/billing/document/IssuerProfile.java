package org.fis.billing.document;

import java.time.ZoneId;
import java.util.Objects;

/**
 * What the issuer prints on every invoice besides the amounts: its identity, where to pay, the
 * payment term, and the zone whose calendar dates are printed. Immutable and thread-safe.
 *
 * @param issuer the issuer's name, address and VAT number (the VAT number is required)
 * @param iban the account the network user pays to
 * @param paymentTermDays days from the issue date to the due date, 1 to {@value
 *     #PAYMENT_TERM_DAYS_MAX}
 * @param referencePrefix printed before the invoice number to form the payment reference (e.g. a
 *     national reference model such as {@code HR01}); may be empty
 * @param zone the zone of the printed dates (issue date, due date, the inclusive period)
 */
public record IssuerProfile(
    Party issuer, String iban, int paymentTermDays, String referencePrefix, ZoneId zone) {
  /** A bound on the payment term. */
  public static final int PAYMENT_TERM_DAYS_MAX = 365;

  /** The payment term when none is configured. */
  public static final int PAYMENT_TERM_DAYS_DEFAULT = 15;

  /** Validates the profile. */
  public IssuerProfile {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(zone, "zone");
    if (issuer.vatNumber().isBlank()) {
      throw new IllegalArgumentException("issuer.vatNumber: required on an invoice");
    }
    if (iban == null || iban.isBlank()) {
      throw new IllegalArgumentException("iban: must not be blank");
    }
    if (paymentTermDays < 1 || paymentTermDays > PAYMENT_TERM_DAYS_MAX) {
      throw new IllegalArgumentException(
          "paymentTermDays: " + paymentTermDays + ", must be 1 to " + PAYMENT_TERM_DAYS_MAX);
    }
    referencePrefix = referencePrefix == null ? "" : referencePrefix.strip();
  }

  /**
   * A profile with the default payment term and no reference prefix.
   *
   * @param issuer the issuer
   * @param iban where to pay
   * @param zone the zone of the printed dates
   * @return the profile
   */
  public static IssuerProfile of(Party issuer, String iban, ZoneId zone) {
    return new IssuerProfile(issuer, iban, PAYMENT_TERM_DAYS_DEFAULT, "", zone);
  }

  /** This profile with another payment term. */
  public IssuerProfile withPaymentTermDays(int days) {
    return new IssuerProfile(issuer, iban, days, referencePrefix, zone);
  }

  /** This profile with another payment reference prefix. */
  public IssuerProfile withReferencePrefix(String prefix) {
    return new IssuerProfile(issuer, iban, paymentTermDays, prefix, zone);
  }
}
