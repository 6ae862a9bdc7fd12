package org.fis.billing.calculator.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.ReadingRule;
import org.fis.billing.calculator.RegisterReading;
import org.fis.billing.calculator.Warning;
import org.fis.billing.calculator.WarningCode;

/**
 * The reading that stands for the registers at each boundary, by the configured {@link
 * ReadingRule}; when no reading is within the tolerance, the nearest one is used and a warning says
 * so (once per boundary). Not thread-safe: one per meter calculation.
 */
final class BoundaryReadings {
  private final CalculatorConfig config;
  private final String meterId;
  private final UsageSeries series;
  private final Map<Instant, RegisterReading> chosen = new HashMap<>();
  private final List<Warning> warnings = new ArrayList<>();

  BoundaryReadings(CalculatorConfig config, String meterId, UsageSeries series) {
    this.config = config;
    this.meterId = meterId;
    this.series = series;
  }

  List<Warning> warnings() {
    return warnings;
  }

  /** The reading for the boundary, or {@code null} when the meter has no readings at all. */
  RegisterReading at(Instant boundary) {
    if (!series.hasReadings()) {
      return null;
    }
    return chosen.computeIfAbsent(boundary, this::choose);
  }

  private RegisterReading choose(Instant boundary) {
    List<RegisterReading> readings = series.readings;
    int after = series.firstReadingAtOrAfter(boundary);
    RegisterReading atOrAfter = after < readings.size() ? readings.get(after) : null;
    RegisterReading atOrBefore;
    if (atOrAfter != null && atOrAfter.at().equals(boundary)) {
      atOrBefore = atOrAfter;
    } else {
      atOrBefore = after > 0 ? readings.get(after - 1) : null;
    }
    RegisterReading preferred =
        config.readingRule() == ReadingRule.FIRST_AT_OR_AFTER ? atOrAfter : atOrBefore;
    if (preferred != null && gap(preferred, boundary).compareTo(config.readingTolerance()) <= 0) {
      return preferred;
    }
    RegisterReading nearest = nearest(atOrBefore, atOrAfter, boundary);
    warnings.add(
        new Warning(
            WarningCode.READING_OUTSIDE_TOLERANCE,
            "meter "
                + meterId
                + ": no reading "
                + (config.readingRule() == ReadingRule.FIRST_AT_OR_AFTER
                    ? "at or after "
                    : "at or before ")
                + boundary
                + " within "
                + config.readingTolerance()
                + "; used the nearest reading, at "
                + nearest.at()
                + " ("
                + gap(nearest, boundary)
                + " away)"));
    return nearest;
  }

  private static RegisterReading nearest(RegisterReading a, RegisterReading b, Instant boundary) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return gap(a, boundary).compareTo(gap(b, boundary)) <= 0 ? a : b;
  }

  private static Duration gap(RegisterReading reading, Instant boundary) {
    return Duration.between(reading.at(), boundary).abs();
  }
}
