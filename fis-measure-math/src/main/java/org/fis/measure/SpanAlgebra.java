package org.fis.measure;

import java.time.Instant;
import java.util.Locale;
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

  /** The questions a span answers. */
  private enum Question {
    MINIMUM,
    MAXIMUM,
    AVERAGE,
    PEAK
  }

  /** See {@link SpanMeasure#minimum()}. */
  static TariffMeasure minimum(SpanMeasure span) {
    return answer(span, Question.MINIMUM);
  }

  /** See {@link SpanMeasure#maximum()}. */
  static TariffMeasure maximum(SpanMeasure span) {
    return answer(span, Question.MAXIMUM);
  }

  /** See {@link SpanMeasure#average()}. */
  static TariffMeasure average(SpanMeasure span) {
    return answer(span, Question.AVERAGE);
  }

  /** See {@link SpanMeasure#peak()}. */
  static TariffMeasure peak(SpanMeasure span) {
    return answer(span, Question.PEAK);
  }

  /**
   * Every variant's answers in one table: a register's minimum and maximum are its first and last
   * reading, a min/max span's and the statistics' peak is their maximum; a question a variant
   * cannot answer throws, it never returns zero.
   */
  private static TariffMeasure answer(SpanMeasure span, Question question) {
    TariffMeasure value;
    if (span instanceof MinMax minMax) {
      value =
          switch (question) {
            case MINIMUM -> minMax.minimumValue();
            case MAXIMUM, PEAK -> minMax.maximumValue();
            case AVERAGE -> null;
          };
    } else if (span instanceof Cumulative register) {
      value =
          switch (question) {
            case MINIMUM -> register.first();
            case MAXIMUM -> register.last();
            case AVERAGE, PEAK -> null;
          };
    } else if (span instanceof Instantaneous statistics) {
      value =
          switch (question) {
            case MINIMUM -> statistics.minimumValue();
            case MAXIMUM, PEAK -> statistics.maximumValue();
            case AVERAGE -> statistics.averageValue();
          };
    } else if (span instanceof Average average) {
      value = question == Question.AVERAGE ? average.averageValue() : null;
    } else if (span instanceof Peak peak) {
      value = question == Question.PEAK ? peak.peakValue() : null;
    } else if (span instanceof NotAvailable) {
      value = TariffMeasure.notAvailable(span.kind());
    } else {
      throw new AssertionError(span);
    }
    if (value == null) {
      throw mismatch(question.name().toLowerCase(Locale.ROOT), span);
    }
    return value;
  }

  private static MeasureMismatchException mismatch(String operation, SpanMeasure span) {
    return new MeasureMismatchException(
        operation + ": not derivable from a " + span.getClass().getSimpleName() + " span");
  }
}
