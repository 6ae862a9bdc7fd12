package org.fis.measure.time;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A half-open interval of instants {@code [start, end)}: it contains {@code start} and not {@code
 * end}. Empty intervals ({@code start == end}) are allowed; reversed ones are not.
 *
 * <p>Immutable and thread-safe. No database access.
 *
 * @param start the first instant inside
 * @param end the first instant after
 */
public record Interval(Instant start, Instant end) {
  /** Validates: {@code start <= end}. */
  public Interval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end: " + end + " is before start " + start);
    }
  }

  /**
   * The interval {@code [start, start + duration)}.
   *
   * @param start the start
   * @param duration non-negative
   * @return the interval
   */
  public static Interval of(Instant start, Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration: must not be negative, got " + duration);
    }
    return new Interval(start, start.plus(duration));
  }

  /**
   * The length.
   *
   * @return {@code end − start}
   */
  public Duration duration() {
    return Duration.between(start, end);
  }

  /**
   * Whether the interval is empty.
   *
   * @return true when {@code start == end}
   */
  public boolean isEmpty() {
    return start.equals(end);
  }

  /**
   * Whether an instant lies inside: {@code start <= instant < end}.
   *
   * @param instant the instant
   * @return whether it is contained
   */
  public boolean contains(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /**
   * Whether another interval lies entirely inside this one.
   *
   * @param other the other interval
   * @return whether it is contained
   */
  public boolean contains(Interval other) {
    Objects.requireNonNull(other, "other");
    return !other.start.isBefore(start) && !other.end.isAfter(end);
  }

  /**
   * Whether the intervals share at least one instant.
   *
   * @param other the other interval
   * @return whether they overlap
   */
  public boolean overlaps(Interval other) {
    Objects.requireNonNull(other, "other");
    return start.isBefore(other.end) && other.start.isBefore(end) && !isEmpty() && !other.isEmpty();
  }

  /**
   * The common part.
   *
   * @param other the other interval
   * @return the intersection, or empty when they do not overlap
   */
  public Optional<Interval> intersection(Interval other) {
    if (!overlaps(other)) {
      return Optional.empty();
    }
    Instant from = start.isAfter(other.start) ? start : other.start;
    Instant to = end.isBefore(other.end) ? end : other.end;
    return Optional.of(new Interval(from, to));
  }

  /** {@code [start, end)}. */
  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
