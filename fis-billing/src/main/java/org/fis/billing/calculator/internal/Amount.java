package org.fis.billing.calculator.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.fis.billing.calculator.ItemRounding;

/**
 * An energy amount over a part of the period, either as two boundary register readings (rounded one
 * by one before subtracting, as the reference does) or as a sum of quarter hours, in Wh or varh.
 * Immutable.
 */
record Amount(long startWh, long endWh, boolean registers, String basis) {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  static Amount sum(long wh, String basis) {
    return new Amount(0, wh, false, basis);
  }

  static Amount zero(String basis) {
    return new Amount(0, 0, false, basis);
  }

  /** The raw difference, in Wh. */
  long wh() {
    return endWh - startWh;
  }

  /** The rounded quantity in kWh (kvarh): readings rounded first, then the difference. */
  BigDecimal quantityK(ItemRounding rounding) {
    BigDecimal end = rounding.reading(kilo(endWh));
    BigDecimal start = registers ? rounding.reading(kilo(startWh)) : BigDecimal.ZERO;
    return rounding.quantity(end.subtract(start));
  }

  static BigDecimal kilo(long wh) {
    return BigDecimal.valueOf(wh).divide(THOUSAND, 3, RoundingMode.UNNECESSARY);
  }
}
