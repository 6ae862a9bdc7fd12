package org.fis.measure.testkit;

import java.util.List;
import java.util.Objects;
import org.fis.measure.MeasureAccumulator;
import org.fis.measure.MeasureKind;
import org.fis.measure.TariffMeasure;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;

/**
 * A load curve: one energy per quarter hour of a quarter-hour aligned period ("not available" where
 * the quarter hour was not measured).
 *
 * <p>Immutable and thread-safe.
 *
 * @param period the period, quarter-hour aligned
 * @param energies one energy per quarter hour, in order
 */
public record LoadCurve(Interval period, List<TariffMeasure> energies) {
  /** Validates: one energy per quarter hour. */
  public LoadCurve {
    Objects.requireNonNull(period, "period");
    energies = List.copyOf(energies);
    if (!QuarterHours.isStart(period.start()) || !QuarterHours.isStart(period.end())) {
      throw new IllegalArgumentException("period: not quarter-hour aligned: " + period);
    }
    long count = QuarterHours.count(period);
    if (energies.size() != count) {
      throw new IllegalArgumentException(
          "energies: " + energies.size() + " for " + count + " quarter hours of " + period);
    }
  }

  /**
   * The energies of the quarter hours inside a sub-period.
   *
   * @param part a quarter-hour aligned part of the period
   * @return its energies, in order
   */
  public List<TariffMeasure> energiesIn(Interval part) {
    Objects.requireNonNull(part, "part");
    if (!period.contains(part)) {
      throw new IllegalArgumentException("part: " + part + " is not inside " + period);
    }
    int from = (int) QuarterHours.count(new Interval(period.start(), part.start()));
    int to = from + (int) QuarterHours.count(part);
    return energies.subList(from, to);
  }

  /**
   * The sum over a sub-period with {@link MeasureAccumulator}; "not available" when a quarter hour
   * inside is not available or the part is empty.
   *
   * @param part a quarter-hour aligned part of the period
   * @return the sum
   */
  public TariffMeasure sum(Interval part) {
    return MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY).addAll(energiesIn(part)).sum();
  }
}
