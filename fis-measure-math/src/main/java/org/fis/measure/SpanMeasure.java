package org.fis.measure;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;
import org.fis.measure.time.Interval;

/**
 * A measure over an interval: minimum and maximum, average, peak, a cumulative register's first and
 * last reading, instantaneous statistics, or explicitly {@link NotAvailable}. Each value is a
 * {@link TariffMeasure}.
 *
 * <p>An operation a variant cannot answer (the average of a min/max span, the peak of a register)
 * throws {@link MeasureMismatchException}; it never returns zero.
 *
 * <p>Immutable and thread-safe. No database access.
 */
public sealed interface SpanMeasure
    permits SpanMeasure.NotAvailable,
        SpanMeasure.MinMax,
        SpanMeasure.Average,
        SpanMeasure.Peak,
        SpanMeasure.Cumulative,
        SpanMeasure.Instantaneous {

  /**
   * The interval the measure spans.
   *
   * @return the half-open interval
   */
  Interval interval();

  /**
   * What is measured.
   *
   * @return the kind
   */
  MeasureKind kind();

  /**
   * The minimum: a min/max span's minimum, a register's first reading, the statistics' minimum.
   *
   * @return the minimum
   * @throws MeasureMismatchException for average and peak spans
   */
  default TariffMeasure minimum() {
    return SpanAlgebra.minimum(this);
  }

  /**
   * The maximum: a min/max span's maximum, a register's last reading, the statistics' maximum.
   *
   * @return the maximum
   * @throws MeasureMismatchException for average and peak spans
   */
  default TariffMeasure maximum() {
    return SpanAlgebra.maximum(this);
  }

  /**
   * The average of an average span or of statistics.
   *
   * @return the average
   * @throws MeasureMismatchException for min/max, peak and cumulative spans
   */
  default TariffMeasure average() {
    return SpanAlgebra.average(this);
  }

  /**
   * The peak: a peak span's peak, the statistics' or a min/max span's maximum.
   *
   * @return the peak
   * @throws MeasureMismatchException for average and cumulative spans
   */
  default TariffMeasure peak() {
    return SpanAlgebra.peak(this);
  }

  /**
   * {@code maximum() − minimum()}: a register's advance over the interval, or the range of values.
   *
   * @return the difference
   */
  default TariffMeasure difference() {
    return maximum().subtract(minimum());
  }

  /**
   * The difference per duration of the interval: an energy span gives its mean power (Wh / h → W),
   * every value rounded to 0.001 base units.
   *
   * @param rounding how to round
   * @return the mean power
   * @throws MeasureMismatchException if the span is not an energy
   * @throws IllegalArgumentException if the interval is empty
   */
  default TariffMeasure differencePerDuration(RoundingMode rounding) {
    if (interval().isEmpty()) {
      throw new IllegalArgumentException("interval: empty, no mean over " + interval());
    }
    return difference().perDuration(interval().duration(), rounding);
  }

  /**
   * Explicitly not available: every accessor returns "not available" of the kind.
   *
   * @param interval the interval
   * @param kind what would have been measured
   */
  record NotAvailable(Interval interval, MeasureKind kind) implements SpanMeasure {
    /** Validates. */
    public NotAvailable {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(kind, "kind");
    }
  }

  /**
   * The minimum and maximum over the interval.
   *
   * @param interval the interval
   * @param minimumValue the minimum
   * @param maximumValue the maximum
   */
  record MinMax(Interval interval, TariffMeasure minimumValue, TariffMeasure maximumValue)
      implements SpanMeasure {
    /** Validates. */
    public MinMax {
      Objects.requireNonNull(interval, "interval");
      SpanAlgebra.requireSameKind(minimumValue, maximumValue, "maximumValue");
    }

    @Override
    public MeasureKind kind() {
      return minimumValue.kind();
    }
  }

  /**
   * The average over the interval.
   *
   * @param interval the interval
   * @param averageValue the average
   */
  record Average(Interval interval, TariffMeasure averageValue) implements SpanMeasure {
    /** Validates. */
    public Average {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(averageValue, "averageValue");
    }

    @Override
    public MeasureKind kind() {
      return averageValue.kind();
    }
  }

  /**
   * The peak over the interval.
   *
   * @param interval the interval
   * @param peakValue the peak
   */
  record Peak(Interval interval, TariffMeasure peakValue) implements SpanMeasure {
    /** Validates. */
    public Peak {
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(peakValue, "peakValue");
    }

    @Override
    public MeasureKind kind() {
      return peakValue.kind();
    }
  }

  /**
   * A cumulative register's first and last reading in the interval.
   *
   * @param interval the interval
   * @param first the first reading
   * @param last the last reading
   */
  record Cumulative(Interval interval, TariffMeasure first, TariffMeasure last)
      implements SpanMeasure {
    /** Validates. */
    public Cumulative {
      Objects.requireNonNull(interval, "interval");
      SpanAlgebra.requireSameKind(first, last, "last");
    }

    @Override
    public MeasureKind kind() {
      return first.kind();
    }
  }

  /**
   * Instantaneous statistics over the interval.
   *
   * @param interval the interval
   * @param averageValue the average
   * @param minimumValue the minimum
   * @param minimumAt when the minimum occurred, inside the interval
   * @param maximumValue the maximum
   * @param maximumAt when the maximum occurred, inside the interval
   */
  record Instantaneous(
      Interval interval,
      TariffMeasure averageValue,
      TariffMeasure minimumValue,
      Instant minimumAt,
      TariffMeasure maximumValue,
      Instant maximumAt)
      implements SpanMeasure {
    /** Validates: one kind, times inside the interval. */
    public Instantaneous {
      Objects.requireNonNull(interval, "interval");
      SpanAlgebra.requireSameKind(averageValue, minimumValue, "minimumValue");
      SpanAlgebra.requireSameKind(averageValue, maximumValue, "maximumValue");
      SpanAlgebra.requireInside(interval, minimumAt, "minimumAt");
      SpanAlgebra.requireInside(interval, maximumAt, "maximumAt");
    }

    @Override
    public MeasureKind kind() {
      return averageValue.kind();
    }
  }
}
