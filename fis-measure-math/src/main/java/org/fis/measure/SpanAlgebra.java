package org.fis.measure;

import java.time.Instant;
import java.util.Objects;
import org.fis.measure.SpanMeasure.Average;
import org.fis.measure.SpanMeasure.Cumulative;
import org.fis.measure.SpanMeasure.Instantaneous;
import org.fis.measure.SpanMeasure.MinMax;
import org.fis.measure.SpanMeasure.NotAvailable;
import org.fis.measure.SpanMeasure.Peak;
import org.fis.measure.time.Interval;

/** The span layer's operations. Not API. */
final class SpanAlgebra {
  private SpanAlgebra() {}

  /** Requires two non-null tariff measures of one kind. */
  static void requireSameKind(TariffMeasure a, TariffMeasure b, String parameter) {
    Objects.requireNonNull(a, "value");
    Objects.requireNonNull(b, parameter);
    if (a.kind() != b.kind()) {
      throw new MeasureMismatchException(
          parameter + ": cannot combine " + a.kind() + " with " + b.kind());
    }
  }

  /** Requires an instant inside an interval. */
  static void requireInside(Interval interval, Instant instant, String parameter) {
    Objects.requireNonNull(instant, parameter);
    if (!interval.contains(instant)) {
      throw new IllegalArgumentException(
          parameter + ": " + instant + " is outside the interval " + interval);
    }
  }

  /** See {@link SpanMeasure#minimum()}. */
  static TariffMeasure minimum(SpanMeasure span) {
    if (span instanceof MinMax minMax) {
      return minMax.minimumValue();
    } else if (span instanceof Cumulative register) {
      return register.first();
    } else if (span instanceof Instantaneous statistics) {
      return statistics.minimumValue();
    } else if (span instanceof NotAvailable) {
      return TariffMeasure.notAvailable(span.kind());
    } else if (span instanceof Average || span instanceof Peak) {
      throw mismatch("minimum", span);
    }
    throw new AssertionError(span);
  }

  /** See {@link SpanMeasure#maximum()}. */
  static TariffMeasure maximum(SpanMeasure span) {
    if (span instanceof MinMax minMax) {
      return minMax.maximumValue();
    } else if (span instanceof Cumulative register) {
      return register.last();
    } else if (span instanceof Instantaneous statistics) {
      return statistics.maximumValue();
    } else if (span instanceof NotAvailable) {
      return TariffMeasure.notAvailable(span.kind());
    } else if (span instanceof Average || span instanceof Peak) {
      throw mismatch("maximum", span);
    }
    throw new AssertionError(span);
  }

  /** See {@link SpanMeasure#average()}. */
  static TariffMeasure average(SpanMeasure span) {
    if (span instanceof Average average) {
      return average.averageValue();
    } else if (span instanceof Instantaneous statistics) {
      return statistics.averageValue();
    } else if (span instanceof NotAvailable) {
      return TariffMeasure.notAvailable(span.kind());
    } else if (span instanceof MinMax || span instanceof Peak || span instanceof Cumulative) {
      throw mismatch("average", span);
    }
    throw new AssertionError(span);
  }

  /** See {@link SpanMeasure#peak()}. */
  static TariffMeasure peak(SpanMeasure span) {
    if (span instanceof Peak peak) {
      return peak.peakValue();
    } else if (span instanceof Instantaneous statistics) {
      return statistics.maximumValue();
    } else if (span instanceof MinMax minMax) {
      return minMax.maximumValue();
    } else if (span instanceof NotAvailable) {
      return TariffMeasure.notAvailable(span.kind());
    } else if (span instanceof Average || span instanceof Cumulative) {
      throw mismatch("peak", span);
    }
    throw new AssertionError(span);
  }

  private static MeasureMismatchException mismatch(String operation, SpanMeasure span) {
    return new MeasureMismatchException(
        operation + ": not derivable from a " + span.getClass().getSimpleName() + " span");
  }
}
