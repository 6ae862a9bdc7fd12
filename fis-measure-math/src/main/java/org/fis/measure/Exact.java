package org.fis.measure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Exact integer arithmetic on scaled values; every overflow throws {@link ArithmeticException}. Not
 * API.
 */
final class Exact {
  private Exact() {}

  /**
   * {@code numerator / denominator} rounded with {@code rounding}.
   *
   * @param numerator the dividend
   * @param denominator the divisor, not zero
   * @param rounding how to round an inexact quotient
   * @return the rounded quotient
   */
  static long divide(long numerator, long denominator, RoundingMode rounding) {
    Objects.requireNonNull(rounding, "rounding");
    if (denominator == 0) {
      throw new IllegalArgumentException("divisor: must not be zero");
    }
    if (numerator % denominator == 0 && !(numerator == Long.MIN_VALUE && denominator == -1)) {
      return numerator / denominator;
    }
    return BigDecimal.valueOf(numerator)
        .divide(BigDecimal.valueOf(denominator), 0, rounding)
        .longValueExact();
  }

  /**
   * Splits {@code value} into three parts that sum to it exactly: each part is the quotient rounded
   * toward negative infinity, and the remainder (0, 1 or 2 units) goes to the first parts.
   *
   * @param value the value to split
   * @return the three parts, L1 first
   */
  static long[] splitInThree(long value) {
    long base = Math.floorDiv(value, 3);
    long remainder = Math.floorMod(value, 3);
    return new long[] {base + (remainder > 0 ? 1 : 0), base + (remainder > 1 ? 1 : 0), base};
  }
}
