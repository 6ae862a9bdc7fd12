package org.fis.iot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * An aggregation period: quarter hours are floored in UTC; days and months start at local midnight
 * in the configured zone, so a day has 23, 24 or 25 hours. Periods are half-open {@code [start,
 * end)}.
 */
public enum Resolution {
  /** 15 minutes, floored in UTC. */
  QUARTER_HOUR(0),
  /** A calendar day in the configured zone. */
  DAY(1),
  /** A calendar month in the configured zone. */
  MONTH(2);

  private static final long QUARTER_HOUR_SECONDS = 900;

  private final int code;

  Resolution(int code) {
    this.code = code;
  }

  /** The code stored in {@code fis_iot.aggregate.resolution}. */
  public int code() {
    return code;
  }

  /**
   * The resolution of a stored code.
   *
   * @param code 0, 1 or 2
   * @return the resolution
   */
  public static Resolution ofCode(int code) {
    for (Resolution resolution : values()) {
      if (resolution.code == code) {
        return resolution;
      }
    }
    throw new IllegalArgumentException("code: not a resolution: " + code);
  }

  /**
   * The start of the period holding an instant.
   *
   * @param instant the instant
   * @param zone the zone of days and months
   * @return the period start
   */
  public Instant periodStart(Instant instant, ZoneId zone) {
    Objects.requireNonNull(instant, "instant");
    Objects.requireNonNull(zone, "zone");
    switch (this) {
      case QUARTER_HOUR:
        return Instant.ofEpochSecond(
            Math.floorDiv(instant.getEpochSecond(), QUARTER_HOUR_SECONDS) * QUARTER_HOUR_SECONDS);
      case DAY:
        return LocalDate.ofInstant(instant, zone).atStartOfDay(zone).toInstant();
      case MONTH:
        return LocalDate.ofInstant(instant, zone).withDayOfMonth(1).atStartOfDay(zone).toInstant();
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * The end (exclusive) of the period that starts at {@code periodStart}.
   *
   * @param periodStart a period start of this resolution
   * @param zone the zone of days and months
   * @return the period end
   */
  public Instant periodEnd(Instant periodStart, ZoneId zone) {
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(zone, "zone");
    switch (this) {
      case QUARTER_HOUR:
        return periodStart.plusSeconds(QUARTER_HOUR_SECONDS);
      case DAY:
        return LocalDate.ofInstant(periodStart, zone).plusDays(1).atStartOfDay(zone).toInstant();
      case MONTH:
        return LocalDate.ofInstant(periodStart, zone)
            .withDayOfMonth(1)
            .plusMonths(1)
            .atStartOfDay(zone)
            .toInstant();
      default:
        throw new AssertionError(this);
    }
  }
}
