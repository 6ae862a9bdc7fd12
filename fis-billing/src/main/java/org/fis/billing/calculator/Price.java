package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The unit price of one item in one catalogue version, and the VAT rate that applies to it.
 * Immutable and thread-safe.
 *
 * @param unitPrice price per unit of the item ({@link ItemKind#unit()}), in the catalogue's
 *     currency, not negative
 * @param vatRatePercent VAT rate in percent, e.g. {@code 13} or {@code 25}, from 0 to 100
 */
public record Price(BigDecimal unitPrice, BigDecimal vatRatePercent) {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  /** Validates the price. */
  public Price {
    Objects.requireNonNull(unitPrice, "unitPrice");
    Objects.requireNonNull(vatRatePercent, "vatRatePercent");
    if (unitPrice.signum() < 0) {
      throw new IllegalArgumentException("unitPrice: must not be negative, got " + unitPrice);
    }
    if (vatRatePercent.signum() < 0 || vatRatePercent.compareTo(HUNDRED) > 0) {
      throw new IllegalArgumentException(
          "vatRatePercent: must be within [0, 100], got " + vatRatePercent);
    }
    if (vatRatePercent.stripTrailingZeros().scale() > 4) {
      throw new IllegalArgumentException(
          "vatRatePercent: at most 4 decimals, got " + vatRatePercent);
    }
  }

  /**
   * Shorthand for tests and configuration code.
   *
   * @param unitPrice the unit price as a decimal string, e.g. {@code "0.052300"}
   * @param vatRatePercent the VAT rate as a decimal string, e.g. {@code "13"}
   * @return the price
   */
  public static Price of(String unitPrice, String vatRatePercent) {
    return new Price(new BigDecimal(unitPrice), new BigDecimal(vatRatePercent));
  }
}
