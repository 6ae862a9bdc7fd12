package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How one item is rounded, step by step: each input value (a boundary register reading, a peak, or
 * a quarter-hour sum, in the item's unit) to {@code readingScale}; the quantity to {@code
 * quantityScale}; the catalogue price to {@code unitPriceScale}; the item total (quantity × unit
 * price) to {@code totalScale}; all with {@code mode}. Immutable and thread-safe.
 *
 * @param readingScale decimal places of readings in the item's unit (kWh, kW, kvarh)
 * @param quantityScale decimal places of the quantity
 * @param unitPriceScale decimal places of the unit price
 * @param totalScale decimal places of the item total (money)
 * @param mode the rounding mode of every step
 */
public record ItemRounding(
    int readingScale, int quantityScale, int unitPriceScale, int totalScale, RoundingMode mode) {
  /** The largest scale accepted. */
  public static final int SCALE_MAX = 12;

  /** Validates the rounding. */
  public ItemRounding {
    Objects.requireNonNull(mode, "mode");
    checkScale("readingScale", readingScale);
    checkScale("quantityScale", quantityScale);
    checkScale("unitPriceScale", unitPriceScale);
    checkScale("totalScale", totalScale);
    if (mode == RoundingMode.UNNECESSARY) {
      throw new IllegalArgumentException("mode: UNNECESSARY would throw on real data");
    }
  }

  /** Rounds a reading. */
  public BigDecimal reading(BigDecimal value) {
    return value.setScale(readingScale, mode);
  }

  /** Rounds a quantity. */
  public BigDecimal quantity(BigDecimal value) {
    return value.setScale(quantityScale, mode);
  }

  /** Rounds a unit price. */
  public BigDecimal unitPrice(BigDecimal value) {
    return value.setScale(unitPriceScale, mode);
  }

  /** Rounds a total. */
  public BigDecimal total(BigDecimal value) {
    return value.setScale(totalScale, mode);
  }

  /** This rounding with another mode. */
  public ItemRounding withMode(RoundingMode newMode) {
    return new ItemRounding(readingScale, quantityScale, unitPriceScale, totalScale, newMode);
  }

  /** This rounding with another quantity scale. */
  public ItemRounding withQuantityScale(int scale) {
    return new ItemRounding(readingScale, scale, unitPriceScale, totalScale, mode);
  }

  private static void checkScale(String name, int scale) {
    if (scale < 0 || scale > SCALE_MAX) {
      throw new IllegalArgumentException(
          name + ": must be within [0, " + SCALE_MAX + "], got " + scale);
    }
  }
}
