package org.fis.measure.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Quarter hours, floored in UTC. Every zone the suite targets has whole-hour or half-hour offsets,
 * so a UTC quarter hour is also a local quarter hour, and flooring in UTC never moves an instant
 * forward (the reference system's local flooring did, in the fall-back hour).
 *
 * <p>Stateless and thread-safe. No database access.
 */
public final class QuarterHours {
  /** Fifteen minutes. */
  public static final Duration LENGTH = Duration.ofMinutes(15);

  /** The bound on {@link #within}: 400 days of quarter hours. */
  public static final int COUNT_MAX = 400 * 96;

  private static final long LENGTH_SECONDS = 15 * 60;

  private QuarterHours() {}

  /**
   * The start of the quarter hour containing an instant: never after it.
   *
   * @param instant any instant
   * @return the floor, a multiple of 15 minutes since the epoch
   */
  public static Instant floor(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return Instant.ofEpochSecond(
        Math.floorDiv(instant.getEpochSecond(), LENGTH_SECONDS) * LENGTH_SECONDS);
  }

  /**
   * Whether an instant is the start of a quarter hour.
   *
   * @param instant any instant
   * @return whether {@code floor(instant) == instant}
   */
  public static boolean isStart(Instant instant) {
    return floor(instant).equals(instant);
  }

  /**
   * The quarter hour {@code [floor(instant), floor(instant) + 15 min)}.
   *
   * @param instant any instant
   * @return the quarter hour containing it
   */
  public static Interval containing(Instant instant) {
    return Interval.of(floor(instant), LENGTH);
  }

  /**
   * The number of quarter hours in an interval whose ends are quarter-hour starts.
   *
   * @param interval aligned on quarter hours
   * @return the count
   */
  public static long count(Interval interval) {
    requireAligned(interval);
    return interval.duration().getSeconds() / LENGTH_SECONDS;
  }

  /**
   * The starts of the quarter hours in an interval whose ends are quarter-hour starts.
   *
   * @param interval aligned, at most {@link #COUNT_MAX} quarter hours
   * @return the starts, ascending
   */
  public static List<Instant> within(Interval interval) {
    long count = count(interval);
    if (count > COUNT_MAX) {
      throw new IllegalArgumentException(
          "interval: " + count + " quarter hours exceed the bound " + COUNT_MAX);
    }
    List<Instant> starts = new ArrayList<>((int) count);
    for (long i = 0; i < count; i++) {
      starts.add(interval.start().plusSeconds(i * LENGTH_SECONDS));
    }
    return starts;
  }

  private static void requireAligned(Interval interval) {
    Objects.requireNonNull(interval, "interval");
    if (!isStart(interval.start()) || !isStart(interval.end())) {
      throw new IllegalArgumentException(
          "interval: " + interval + " does not start and end on quarter hours");
    }
  }
}
