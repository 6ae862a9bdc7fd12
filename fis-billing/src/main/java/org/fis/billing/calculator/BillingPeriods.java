package org.fis.billing.calculator;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Billing periods in a configured zone: a month is {@code [local 1st 00:00, next 1st 00:00)}, so it
 * has 28 to 31 days of 23, 24 or 25 hours. Stateless and thread-safe.
 */
public final class BillingPeriods {
  private BillingPeriods() {}

  /**
   * The month in the zone, as a half-open window of instants.
   *
   * @param month the calendar month
   * @param zone the zone, e.g. {@code Europe/Zagreb}
   * @return {@code [start of month, start of next month)}
   */
  public static TimeWindow month(YearMonth month, ZoneId zone) {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(zone, "zone");
    return new TimeWindow(
        month.atDay(1).atStartOfDay(zone).toInstant(),
        month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
  }

  /**
   * The month before the one that contains the instant, in the zone: what a monthly billing run on
   * the 1st bills.
   *
   * @param now the instant of the run
   * @param zone the zone
   * @return the previous month
   */
  public static TimeWindow previousMonth(Instant now, ZoneId zone) {
    Objects.requireNonNull(now, "now");
    return month(YearMonth.from(now.atZone(zone)).minusMonths(1), zone);
  }
}
