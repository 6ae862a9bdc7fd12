package org.fis.measure.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Quantity;
import org.fis.measure.Tariff;
import org.fis.measure.TariffMeasure;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;

/**
 * A meter's cumulative register series over a period: readings in strictly increasing time inside
 * {@code [period.start, period.end]}, whose registers never decrease. A register reset (a value
 * below the previous one) is refused: {@link IllegalArgumentException} naming the reading and the
 * register. Gaps (quarter hours without a reading) are allowed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param calendar the calendar (zone) the series was read in
 * @param period the period the series covers
 * @param readings the readings, at least two
 */
public record RegisterSeries(
    BillingCalendar calendar, Interval period, List<RegisterReading> readings) {
  /** Validates: order, bounds, no reset. */
  public RegisterSeries {
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(period, "period");
    readings = List.copyOf(readings);
    if (readings.size() < 2) {
      throw new IllegalArgumentException(
          "readings: a series needs at least two readings, got " + readings.size());
    }
    for (int i = 0; i < readings.size(); i++) {
      RegisterReading reading = readings.get(i);
      if (reading.at().isBefore(period.start()) || reading.at().isAfter(period.end())) {
        throw new IllegalArgumentException(
            "readings[" + i + "]: " + reading.at() + " is outside " + period);
      }
      if (i > 0) {
        RegisterReading previous = readings.get(i - 1);
        if (!reading.at().isAfter(previous.at())) {
          throw new IllegalArgumentException(
              "readings[" + i + "]: " + reading.at() + " is not after " + previous.at());
        }
        requireNoReset(previous, reading, i);
      }
    }
  }

  private static void requireNoReset(RegisterReading previous, RegisterReading reading, int index) {
    TariffMeasure advance = reading.registers().subtract(previous.registers());
    for (Tariff tariff : List.of(Tariff.T1, Tariff.T2)) {
      DirectionMeasure direction = advance.tariff(tariff);
      requireNotNegative(direction.importValue(), index, tariff + " import", reading.at());
      requireNotNegative(direction.exportValue(), index, tariff + " export", reading.at());
    }
  }

  private static void requireNotNegative(
      PhaseMeasure advance, int index, String register, Instant at) {
    Optional<Quantity> sum = advance.phaseSum();
    if (sum.isPresent() && sum.get().valueMilli() < 0) {
      throw new IllegalArgumentException(
          "readings["
              + index
              + "]: register "
              + register
              + " decreased by "
              + sum.get().negate()
              + " at "
              + at
              + " (a reset is refused)");
    }
  }

  /**
   * The first reading.
   *
   * @return the reading
   */
  public RegisterReading first() {
    return readings.get(0);
  }

  /**
   * The last reading.
   *
   * @return the reading
   */
  public RegisterReading last() {
    return readings.get(readings.size() - 1);
  }

  /**
   * The register advance from the first to the last reading: the period's consumption when the
   * series starts and ends at the period's bounds.
   *
   * @return last − first
   */
  public TariffMeasure advance() {
    return last().registers().subtract(first().registers());
  }

  /**
   * The register advance between two readings of this series.
   *
   * @param from the earlier reading's instant
   * @param to the later reading's instant
   * @return the advance, or empty if either instant has no reading (a gap)
   */
  public Optional<TariffMeasure> advance(Instant from, Instant to) {
    Optional<RegisterReading> start = readingAt(from);
    Optional<RegisterReading> end = readingAt(to);
    if (start.isEmpty() || end.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(end.get().registers().subtract(start.get().registers()));
  }

  /**
   * The reading at an instant.
   *
   * @param at the instant
   * @return the reading, or empty
   */
  public Optional<RegisterReading> readingAt(Instant at) {
    int low = 0;
    int high = readings.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int order = readings.get(middle).at().compareTo(at);
      if (order == 0) {
        return Optional.of(readings.get(middle));
      } else if (order < 0) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return Optional.empty();
  }

  /**
   * The quarter hours of the period whose start has no reading.
   *
   * @return the gaps, in order
   */
  public List<Interval> gaps() {
    List<Interval> gaps = new ArrayList<>();
    for (Instant start : QuarterHours.within(period)) {
      if (readingAt(start).isEmpty()) {
        gaps.add(QuarterHours.containing(start));
      }
    }
    return gaps;
  }
}
