package org.fis.iot;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.fis.measure.Quantity;

/**
 * The aggregate of one register over one period, as exact measure-math quantities (thousandths of
 * the base unit).
 */
public sealed interface RegisterAggregate {
  /** The register. */
  Register register();

  /** Readings that carried the register. */
  long count();

  /**
   * Statistics of an instantaneous register.
   *
   * @param register the register
   * @param count readings
   * @param average the count-weighted mean, rounded HALF_EVEN to 0.001 of the base unit
   * @param minimum the smallest reading
   * @param minimumAt its time (the earliest, on a tie)
   * @param maximum the largest reading
   * @param maximumAt its time (the earliest, on a tie)
   */
  record Instantaneous(
      Register register,
      long count,
      Quantity average,
      Quantity minimum,
      Instant minimumAt,
      Quantity maximum,
      Instant maximumAt)
      implements RegisterAggregate {
    /** Validates the record. */
    public Instantaneous {
      Objects.requireNonNull(register, "register");
      Objects.requireNonNull(average, "average");
      Objects.requireNonNull(minimum, "minimum");
      Objects.requireNonNull(minimumAt, "minimumAt");
      Objects.requireNonNull(maximum, "maximum");
      Objects.requireNonNull(maximumAt, "maximumAt");
    }
  }

  /**
   * First and last reading of a cumulative register.
   *
   * @param register the register
   * @param count readings
   * @param first the earliest reading
   * @param firstAt its time
   * @param last the latest reading
   * @param lastAt its time
   */
  record Cumulative(
      Register register, long count, Quantity first, Instant firstAt, Quantity last, Instant lastAt)
      implements RegisterAggregate {
    /** Validates the record. */
    public Cumulative {
      Objects.requireNonNull(register, "register");
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(firstAt, "firstAt");
      Objects.requireNonNull(last, "last");
      Objects.requireNonNull(lastAt, "lastAt");
    }

    /** The register advance in the period, {@code last − first}. */
    public Quantity difference() {
      return last.subtract(first);
    }

    /**
     * The derived mean power between the first and last reading of the period: {@code (last −
     * first) / (lastAt − firstAt)}, rounded HALF_EVEN to 0.001 W (var, VA). Empty with a single
     * reading. Derived on read from the merged first/last, so it is never merged itself.
     *
     * @return the mean power
     */
    public Optional<Quantity> meanPower() {
      Duration span = Duration.between(firstAt, lastAt);
      if (span.isZero() || span.isNegative()) {
        return Optional.empty();
      }
      return Optional.of(difference().perDuration(span, RoundingMode.HALF_EVEN));
    }
  }
}
