package org.fis.billing.calculator.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import org.fis.billing.calculator.BilledReadings;
import org.fis.billing.calculator.ItemRounding;

/**
 * An energy amount over a part of the period, either as two boundary register readings (rounded one
 * by one before subtracting, as the reference does) or as a sum of quarter hours, in thousandths of
 * Wh or varh (the fis-measure-math representation). Immutable.
 */
record Amount(
    long startMilli,
    long endMilli,
    boolean registers,
    String basis,
    String register,
    Instant startAt,
    Instant endAt) {
  static Amount sum(long milli, String basis) {
    return new Amount(0, milli, false, basis, null, null, null);
  }

  static Amount zero(String basis) {
    return new Amount(0, 0, false, basis, null, null, null);
  }

  /** Two register readings. */
  static Amount readings(
      String register,
      long startMilli,
      Instant startAt,
      long endMilli,
      Instant endAt,
      String basis) {
    return new Amount(startMilli, endMilli, true, basis, register, startAt, endAt);
  }

  /**
   * The boundary readings as billed (each rounded to the reading scale), or null when this amount
   * is not the difference of two register readings.
   */
  BilledReadings billed(ItemRounding rounding, String unit) {
    if (!registers) {
      return null;
    }
    return new BilledReadings(
        register,
        startAt,
        rounding.reading(kilo(startMilli)),
        endAt,
        rounding.reading(kilo(endMilli)),
        unit);
  }

  /** The raw difference, in thousandths of Wh. */
  long milli() {
    return Math.subtractExact(endMilli, startMilli);
  }

  /** The rounded quantity in kWh (kvarh): readings rounded first, then the difference. */
  BigDecimal quantityK(ItemRounding rounding) {
    BigDecimal end = rounding.reading(kilo(endMilli));
    BigDecimal start = registers ? rounding.reading(kilo(startMilli)) : BigDecimal.ZERO;
    return rounding.quantity(end.subtract(start));
  }

  /** Thousandths of a base unit as kilo-units, exact (scale 6). */
  static BigDecimal kilo(long milli) {
    return BigDecimal.valueOf(milli, 6);
  }

  /** Thousandths of a base unit as a plain base-unit string, e.g. {@code 1500000}. */
  static String base(long milli) {
    BigDecimal value = BigDecimal.valueOf(milli, 3).stripTrailingZeros();
    return (value.scale() < 0 ? value.setScale(0, RoundingMode.UNNECESSARY) : value)
        .toPlainString();
  }
}
