package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The VAT of one rate on an invoice: {@code vat = round(base × ratePercent / 100)}. Immutable and
 * thread-safe.
 *
 * @param ratePercent the rate
 * @param base the sum of the item totals at this rate
 * @param vat the tax
 */
public record VatLine(BigDecimal ratePercent, BigDecimal base, BigDecimal vat) {
  /** Validates the line. */
  public VatLine {
    Objects.requireNonNull(ratePercent, "ratePercent");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(vat, "vat");
  }
}
