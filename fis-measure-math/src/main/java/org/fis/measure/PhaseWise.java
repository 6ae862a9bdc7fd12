package org.fis.measure;

import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The unary operations of the layers that hold phase measures ({@link DirectionMeasure} and {@link
 * TariffMeasure}), written once: each applies one {@link PhaseMeasure} operation to every phase
 * measure inside, keeping the shape (an import/export pair stays a pair, a dual tariff stays dual,
 * a composite's members are mapped and the composite rebuilt, "not available" stays not available
 * of the resulting kind). Not API: the layers publish these methods as their own.
 *
 * @param <M> the layer's measure type
 */
sealed interface PhaseWise<M> permits DirectionMeasure, TariffMeasure {

  /**
   * What is measured.
   *
   * @return the kind
   */
  MeasureKind kind();

  /**
   * Every value negated (an import/export pair stays a pair of negated registers).
   *
   * @return −this
   */
  default M negate() {
    return mapPhases(PhaseMeasure::negate);
  }

  /**
   * Every value made absolute.
   *
   * @return |this|
   */
  default M abs() {
    return mapPhases(PhaseMeasure::abs);
  }

  /**
   * Exact multiplication by an integer.
   *
   * @param factor the factor
   * @return this × factor
   * @throws ArithmeticException on overflow
   */
  default M multiply(long factor) {
    return mapPhases(phase -> phase.multiply(factor));
  }

  /**
   * Division by an integer, every value rounded to 0.001 base units.
   *
   * @param divisor not zero
   * @param rounding how to round
   * @return this / divisor
   * @throws IllegalArgumentException if the divisor is zero
   */
  default M divide(long divisor, RoundingMode rounding) {
    Objects.requireNonNull(rounding, "rounding");
    if (divisor == 0) {
      throw new IllegalArgumentException("divisor: must not be zero");
    }
    return mapPhases(phase -> phase.divide(divisor, rounding));
  }

  /**
   * The mean power of this energy over a duration (see {@link PhaseMeasure#perDuration}).
   *
   * @param duration positive
   * @param rounding how to round
   * @return the power measure, of kind {@link MeasureKind#power()}
   * @throws MeasureMismatchException if this is not an energy
   */
  default M perDuration(Duration duration, RoundingMode rounding) {
    kind().power();
    return mapPhases(phase -> phase.perDuration(duration, rounding));
  }

  @SuppressWarnings("unchecked")
  private M mapPhases(UnaryOperator<PhaseMeasure> operation) {
    if (this instanceof DirectionMeasure direction) {
      return (M) DirectionAlgebra.map(direction, operation);
    } else if (this instanceof TariffMeasure tariff) {
      return (M) TariffAlgebra.map(tariff, operation);
    }
    throw new AssertionError(this);
  }
}
