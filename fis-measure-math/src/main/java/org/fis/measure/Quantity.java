package org.fis.measure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * An exact scalar quantity: a {@link MeasureKind} and a value in thousandths of its base unit (mWh,
 * mW, mV, mA, 0.001 ¤), held in a {@code long}. The range is ±9.22·10¹⁵ base units (9.22 TWh, 9.22
 * TW); every operation that would leave it throws {@link ArithmeticException}. Only {@link
 * #divide}, {@link #multiply(BigDecimal, RoundingMode)} and {@link #perDuration} can be inexact,
 * and they take or document their rounding.
 *
 * <p>Immutable and thread-safe. No database access.
 *
 * @param kind what is measured
 * @param valueMilli the value in thousandths of the base unit
 */
public record Quantity(MeasureKind kind, long valueMilli) implements Comparable<Quantity> {
  /** The number of decimal places of the base unit held exactly: 3 (thousandths). */
  public static final int SCALE = 3;

  private static final long HOUR_NANOS = 3_600_000_000_000L;

  /** Validates the quantity. */
  public Quantity {
    Objects.requireNonNull(kind, "kind");
  }

  /**
   * A quantity from a value in thousandths of the base unit.
   *
   * @param kind what is measured
   * @param valueMilli e.g. 1500 for 1.5 Wh
   * @return the quantity
   */
  public static Quantity ofMilli(MeasureKind kind, long valueMilli) {
    return new Quantity(kind, valueMilli);
  }

  /**
   * Zero of a kind (a real zero: a value, not "not available").
   *
   * @param kind what is measured
   * @return the zero
   */
  public static Quantity zero(MeasureKind kind) {
    return new Quantity(kind, 0);
  }

  /**
   * A quantity from a decimal value in a unit, converted exactly.
   *
   * @param value e.g. {@code 1.5}
   * @param unit e.g. {@link Unit#KWH}
   * @return the quantity
   * @throws IllegalArgumentException naming the value if it has more precision than 0.001 base
   *     units or is out of range
   */
  public static Quantity of(BigDecimal value, Unit unit) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(unit, "unit");
    try {
      long milli =
          value
              .movePointRight(unit.exponent() + SCALE)
              .setScale(0, RoundingMode.UNNECESSARY)
              .longValueExact();
      return new Quantity(unit.kind(), milli);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "value: "
              + value.toPlainString()
              + " "
              + unit.symbol()
              + " is not representable exactly in thousandths of "
              + unit.kind().baseUnitSymbol()
              + " within ±9.22e15 "
              + unit.kind().baseUnitSymbol(),
          e);
    }
  }

  /**
   * A quantity from a decimal string in a unit, e.g. {@code of("1.5", Unit.KWH)}.
   *
   * @param value a decimal number
   * @param unit the unit of {@code value}
   * @return the quantity
   * @throws IllegalArgumentException if the string is not a number or not representable
   */
  public static Quantity of(String value, Unit unit) {
    Objects.requireNonNull(value, "value");
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("value: '" + value + "' is not a decimal number", e);
    }
    return of(decimal, unit);
  }

  /**
   * A quantity from a whole number of a unit, e.g. {@code of(5, Unit.KWH)}.
   *
   * @param value the whole number
   * @param unit the unit
   * @return the quantity
   */
  public static Quantity of(long value, Unit unit) {
    return of(BigDecimal.valueOf(value), unit);
  }

  /**
   * The value in a unit of the same kind, exactly (a power-of-ten shift never rounds).
   *
   * @param unit the target unit
   * @return the exact value, e.g. {@code 1.500} for 1500 Wh in kWh
   * @throws MeasureMismatchException if the unit is of another kind
   */
  public BigDecimal to(Unit unit) {
    Objects.requireNonNull(unit, "unit");
    requireKind(unit.kind(), "unit");
    return BigDecimal.valueOf(valueMilli, SCALE + unit.exponent());
  }

  /**
   * The value in the base unit with scale 3, e.g. {@code 1.500} for 1.5 Wh.
   *
   * @return the exact value
   */
  public BigDecimal toBaseUnit() {
    return BigDecimal.valueOf(valueMilli, SCALE);
  }

  /**
   * The sum.
   *
   * @param other a quantity of the same kind
   * @return this + other
   * @throws MeasureMismatchException if the kinds differ
   * @throws ArithmeticException on overflow
   */
  public Quantity add(Quantity other) {
    requireKind(other.kind, "other");
    return new Quantity(kind, Math.addExact(valueMilli, other.valueMilli));
  }

  /**
   * The difference.
   *
   * @param other a quantity of the same kind
   * @return this − other
   * @throws MeasureMismatchException if the kinds differ
   * @throws ArithmeticException on overflow
   */
  public Quantity subtract(Quantity other) {
    requireKind(other.kind, "other");
    return new Quantity(kind, Math.subtractExact(valueMilli, other.valueMilli));
  }

  /**
   * The negation.
   *
   * @return −this
   */
  public Quantity negate() {
    return new Quantity(kind, Math.negateExact(valueMilli));
  }

  /**
   * The absolute value.
   *
   * @return |this|
   */
  public Quantity abs() {
    return new Quantity(kind, Math.absExact(valueMilli));
  }

  /**
   * Multiplication by an integer, exact.
   *
   * @param factor the factor
   * @return this × factor
   * @throws ArithmeticException on overflow
   */
  public Quantity multiply(long factor) {
    return new Quantity(kind, Math.multiplyExact(valueMilli, factor));
  }

  /**
   * Multiplication by a decimal factor, rounded to 0.001 base units.
   *
   * @param factor the factor
   * @param rounding how to round the product to thousandths
   * @return this × factor
   */
  public Quantity multiply(BigDecimal factor, RoundingMode rounding) {
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(rounding, "rounding");
    return new Quantity(
        kind,
        BigDecimal.valueOf(valueMilli).multiply(factor).setScale(0, rounding).longValueExact());
  }

  /**
   * Division by an integer, rounded to 0.001 base units.
   *
   * @param divisor the divisor, not zero
   * @param rounding how to round an inexact quotient
   * @return this / divisor
   */
  public Quantity divide(long divisor, RoundingMode rounding) {
    return new Quantity(kind, Exact.divide(valueMilli, divisor, rounding));
  }

  /**
   * The mean power of this energy over a duration: Wh / h → W, rounded to 0.001 W.
   *
   * @param duration the positive duration the energy was delivered in
   * @param rounding how to round
   * @return the power
   * @throws MeasureMismatchException if this is not an energy
   */
  public Quantity perDuration(Duration duration, RoundingMode rounding) {
    MeasureKind power = kind.power();
    long nanos = positiveNanos(duration);
    if (HOUR_NANOS % nanos == 0) {
      // A whole fraction of an hour (a quarter hour: × 4) is exact without rounding.
      return new Quantity(power, Math.multiplyExact(valueMilli, HOUR_NANOS / nanos));
    }
    BigDecimal milliPower =
        BigDecimal.valueOf(valueMilli)
            .multiply(BigDecimal.valueOf(HOUR_NANOS))
            .divide(BigDecimal.valueOf(nanos), 0, rounding);
    return new Quantity(power, milliPower.longValueExact());
  }

  /**
   * The energy of this constant power over a duration: W × h → Wh, rounded to 0.001 Wh.
   *
   * @param duration the positive duration
   * @param rounding how to round
   * @return the energy
   * @throws MeasureMismatchException if this is not a power
   */
  public Quantity overDuration(Duration duration, RoundingMode rounding) {
    MeasureKind energy = kind.energy();
    long nanos = positiveNanos(duration);
    BigDecimal milliEnergy =
        BigDecimal.valueOf(valueMilli)
            .multiply(BigDecimal.valueOf(nanos))
            .divide(BigDecimal.valueOf(HOUR_NANOS), 0, rounding);
    return new Quantity(energy, milliEnergy.longValueExact());
  }

  /**
   * The larger of two quantities of the same kind.
   *
   * @param other the other quantity
   * @return the maximum
   */
  public Quantity max(Quantity other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /**
   * The smaller of two quantities of the same kind.
   *
   * @param other the other quantity
   * @return the minimum
   */
  public Quantity min(Quantity other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /**
   * Whether the value is zero.
   *
   * @return true for a real zero
   */
  public boolean isZero() {
    return valueMilli == 0;
  }

  /**
   * The sign.
   *
   * @return −1, 0 or 1
   */
  public int signum() {
    return Long.signum(valueMilli);
  }

  /**
   * Orders quantities of the same kind by value.
   *
   * @throws MeasureMismatchException if the kinds differ
   */
  @Override
  public int compareTo(Quantity other) {
    requireKind(other.kind, "other");
    return Long.compare(valueMilli, other.valueMilli);
  }

  /** The value and base unit, e.g. {@code 1.500 Wh}. */
  @Override
  public String toString() {
    return toBaseUnit().toPlainString() + " " + kind.baseUnitSymbol();
  }

  private void requireKind(MeasureKind other, String parameter) {
    if (other != kind) {
      throw new MeasureMismatchException(parameter + ": cannot combine " + kind + " with " + other);
    }
  }

  private static long positiveNanos(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration: must be positive, got " + duration);
    }
    return duration.toNanos();
  }
}
