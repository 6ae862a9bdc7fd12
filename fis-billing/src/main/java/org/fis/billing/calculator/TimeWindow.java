package org.fis.billing.calculator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open interval of time {@code [start, end)}. Immutable and thread-safe.
 *
 * @param start first instant inside
 * @param end first instant after, later than {@code start}
 */
public record TimeWindow(Instant start, Instant end) {
  /** Validates the window. */
  public TimeWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end: must be after start " + start + ", got " + end);
    }
  }

  /** Whether the instant is inside. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** The length of the window. */
  public Duration duration() {
    return Duration.between(start, end);
  }
}
