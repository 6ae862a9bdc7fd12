package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the {@link InvoiceCalculator}. Immutable and thread-safe.
 *
 * @param calendar the high/low tariff calendar
 * @param rounding the rounding policy
 * @param readingRule which reading stands for the register at a boundary
 * @param readingTolerance how far from the boundary that reading may be without a warning
 * @param reactiveFactor k in max(0, |Q import| + |Q export| − k × P import); 0.33 ≈ cos φ 0.95
 * @param tariffDisagreementToleranceWh absolute tolerance between the meter's T1 register and the
 *     calendar's high-tariff energy before a warning
 * @param tariffDisagreementTolerancePercent relative tolerance (of the total) for the same check;
 *     the larger of the two applies
 */
public record CalculatorConfig(
    TariffCalendar calendar,
    RoundingPolicy rounding,
    ReadingRule readingRule,
    Duration readingTolerance,
    BigDecimal reactiveFactor,
    long tariffDisagreementToleranceWh,
    BigDecimal tariffDisagreementTolerancePercent) {

  /** Default k of the excess reactive energy item. */
  public static final BigDecimal REACTIVE_FACTOR_DEFAULT = new BigDecimal("0.33");

  /** Validates the configuration. */
  public CalculatorConfig {
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(rounding, "rounding");
    Objects.requireNonNull(readingRule, "readingRule");
    Objects.requireNonNull(readingTolerance, "readingTolerance");
    Objects.requireNonNull(reactiveFactor, "reactiveFactor");
    Objects.requireNonNull(
        tariffDisagreementTolerancePercent, "tariffDisagreementTolerancePercent");
    if (readingTolerance.isNegative()) {
      throw new IllegalArgumentException("readingTolerance: must not be negative");
    }
    if (reactiveFactor.signum() < 0) {
      throw new IllegalArgumentException("reactiveFactor: must not be negative");
    }
    if (tariffDisagreementToleranceWh < 0 || tariffDisagreementTolerancePercent.signum() < 0) {
      throw new IllegalArgumentException("tariffDisagreementTolerance: must not be negative");
    }
  }

  /**
   * Defaults: {@link TariffCalendar#defaults()}, {@link RoundingPolicy#defaults()}, first reading
   * at or after the boundary within 15 minutes, k = 0.33, tariff disagreement above 1 kWh and 1 %.
   */
  public static CalculatorConfig defaults() {
    return new CalculatorConfig(
        TariffCalendar.defaults(),
        RoundingPolicy.defaults(),
        ReadingRule.FIRST_AT_OR_AFTER,
        Duration.ofMinutes(15),
        REACTIVE_FACTOR_DEFAULT,
        1000,
        BigDecimal.ONE);
  }

  /** This configuration with another calendar. */
  public CalculatorConfig withCalendar(TariffCalendar value) {
    return new CalculatorConfig(
        value,
        rounding,
        readingRule,
        readingTolerance,
        reactiveFactor,
        tariffDisagreementToleranceWh,
        tariffDisagreementTolerancePercent);
  }

  /** This configuration with another rounding policy. */
  public CalculatorConfig withRounding(RoundingPolicy value) {
    return new CalculatorConfig(
        calendar,
        value,
        readingRule,
        readingTolerance,
        reactiveFactor,
        tariffDisagreementToleranceWh,
        tariffDisagreementTolerancePercent);
  }

  /** This configuration with another reading rule and tolerance. */
  public CalculatorConfig withReadingRule(ReadingRule value, Duration tolerance) {
    return new CalculatorConfig(
        calendar,
        rounding,
        value,
        tolerance,
        reactiveFactor,
        tariffDisagreementToleranceWh,
        tariffDisagreementTolerancePercent);
  }

  /** This configuration with another reactive factor k. */
  public CalculatorConfig withReactiveFactor(BigDecimal value) {
    return new CalculatorConfig(
        calendar,
        rounding,
        readingRule,
        readingTolerance,
        value,
        tariffDisagreementToleranceWh,
        tariffDisagreementTolerancePercent);
  }

  /** This configuration with other tariff disagreement tolerances. */
  public CalculatorConfig withTariffDisagreementTolerance(long toleranceWh, BigDecimal percent) {
    return new CalculatorConfig(
        calendar, rounding, readingRule, readingTolerance, reactiveFactor, toleranceWh, percent);
  }
}
