package org.fis.measure.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Days, months, years and billing periods in a configured zone, as half-open UTC {@link Interval}s.
 * A local day starts at the first valid local instant of the date (00:00, or later if the zone
 * skips midnight), so days have 23, 24 or 25 hours across DST changes. A billing period starts on
 * {@link #billingStartDay()} of a month and ends where the next one starts.
 *
 * <p>Immutable and thread-safe; no database access. Configure with {@link #defaults()} and the
 * {@code withXxx} methods.
 *
 * @param zone the zone of days and months, e.g. {@code Europe/Zagreb}
 * @param billingStartDay the day of month billing periods start on, 1–28
 */
public record BillingCalendar(ZoneId zone, int billingStartDay) {
  /** The default zone: Europe/Zagreb. */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Zagreb");

  /** The default billing start day: the 1st (billing periods are calendar months). */
  public static final int DEFAULT_BILLING_START_DAY = 1;

  /** The bound on the number of days or periods one call returns. */
  public static final int PERIOD_COUNT_MAX = 1000;

  /** Validates. */
  public BillingCalendar {
    Objects.requireNonNull(zone, "zone");
    if (billingStartDay < 1 || billingStartDay > 28) {
      throw new IllegalArgumentException("billingStartDay: must be 1..28, got " + billingStartDay);
    }
  }

  /**
   * Europe/Zagreb, calendar-month billing periods.
   *
   * @return the default calendar
   */
  public static BillingCalendar defaults() {
    return new BillingCalendar(DEFAULT_ZONE, DEFAULT_BILLING_START_DAY);
  }

  /**
   * A copy with another zone.
   *
   * @param zone the zone
   * @return the copy
   */
  public BillingCalendar withZone(ZoneId zone) {
    return new BillingCalendar(zone, billingStartDay);
  }

  /**
   * A copy with another billing start day.
   *
   * @param billingStartDay 1–28
   * @return the copy
   */
  public BillingCalendar withBillingStartDay(int billingStartDay) {
    return new BillingCalendar(zone, billingStartDay);
  }

  /**
   * The first instant of a local date.
   *
   * @param date the date
   * @return its start
   */
  public Instant startOf(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return date.atStartOfDay(zone).toInstant();
  }

  /**
   * The local date an instant falls on.
   *
   * @param instant the instant
   * @return the date in this calendar's zone
   */
  public LocalDate dateOf(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return instant.atZone(zone).toLocalDate();
  }

  /**
   * A local day as {@code [start of day, start of next day)}: 23, 24 or 25 hours.
   *
   * @param date the date
   * @return the day
   */
  public Interval day(LocalDate date) {
    return new Interval(startOf(date), startOf(date.plusDays(1)));
  }

  /**
   * The local day containing an instant.
   *
   * @param instant the instant
   * @return the day
   */
  public Interval dayContaining(Instant instant) {
    return day(dateOf(instant));
  }

  /**
   * A local month.
   *
   * @param month the month
   * @return {@code [start of its first day, start of the next month)}
   */
  public Interval month(YearMonth month) {
    Objects.requireNonNull(month, "month");
    return new Interval(startOf(month.atDay(1)), startOf(month.plusMonths(1).atDay(1)));
  }

  /**
   * The local month containing an instant.
   *
   * @param instant the instant
   * @return the month
   */
  public Interval monthContaining(Instant instant) {
    return month(YearMonth.from(dateOf(instant)));
  }

  /**
   * A local year.
   *
   * @param year the year
   * @return {@code [1 January, next 1 January)}
   */
  public Interval year(Year year) {
    Objects.requireNonNull(year, "year");
    return new Interval(startOf(year.atDay(1)), startOf(year.plusYears(1).atDay(1)));
  }

  /**
   * The local year containing an instant.
   *
   * @param instant the instant
   * @return {@code [1 January, next 1 January)} of the instant's local year
   */
  public Interval yearContaining(Instant instant) {
    return year(Year.from(dateOf(instant)));
  }

  /**
   * The twelve months of a local year, in order; they partition {@link #year(Year)}.
   *
   * @param year the year
   * @return its months (each a {@link #month(YearMonth)})
   */
  public List<Interval> monthsOf(Year year) {
    Objects.requireNonNull(year, "year");
    List<Interval> months = new ArrayList<>(12);
    for (int month = 1; month <= 12; month++) {
      months.add(month(year.atMonth(month)));
    }
    return months;
  }

  /**
   * The first instants of the twelve months of a local year, in order.
   *
   * @param year the year
   * @return the month starts, January first
   */
  public List<Instant> monthStartsOf(Year year) {
    return monthsOf(year).stream().map(Interval::start).toList();
  }

  /**
   * The local month before the one containing an instant (independent of the billing start day;
   * compare {@link #previousBillingPeriod(Instant)}).
   *
   * @param instant the instant
   * @return the previous month
   */
  public Interval previousMonth(Instant instant) {
    return month(YearMonth.from(dateOf(instant)).minusMonths(1));
  }

  /**
   * The first instant of the local month before the one containing an instant.
   *
   * @param instant the instant
   * @return the start of the previous month
   */
  public Instant startOfPreviousMonth(Instant instant) {
    return previousMonth(instant).start();
  }

  /**
   * The days of a month, in order; they partition {@link #month(YearMonth)}.
   *
   * @param month the month
   * @return its days
   */
  public List<Interval> daysOf(YearMonth month) {
    Objects.requireNonNull(month, "month");
    List<Interval> days = new ArrayList<>(month.lengthOfMonth());
    for (int day = 1; day <= month.lengthOfMonth(); day++) {
      days.add(day(month.atDay(day)));
    }
    return days;
  }

  /**
   * The days whose start lies in an interval, as whole local days (the last may end after it).
   *
   * @param interval the interval
   * @return the days, at most {@link #PERIOD_COUNT_MAX}
   */
  public List<Interval> daysStartingIn(Interval interval) {
    Objects.requireNonNull(interval, "interval");
    List<Interval> days = new ArrayList<>();
    LocalDate date = dateOf(interval.start());
    if (startOf(date).isBefore(interval.start())) {
      date = date.plusDays(1);
    }
    while (startOf(date).isBefore(interval.end())) {
      if (days.size() == PERIOD_COUNT_MAX) {
        throw new IllegalArgumentException(
            "interval: more than " + PERIOD_COUNT_MAX + " days in " + interval);
      }
      days.add(day(date));
      date = date.plusDays(1);
    }
    return days;
  }

  /**
   * The billing period that starts in a month: {@code [billingStartDay of month, billingStartDay of
   * the next month)}.
   *
   * @param month the month the period starts in
   * @return the period
   */
  public Interval billingPeriod(YearMonth month) {
    Objects.requireNonNull(month, "month");
    return new Interval(
        startOf(month.atDay(billingStartDay)), startOf(month.plusMonths(1).atDay(billingStartDay)));
  }

  /**
   * The billing period containing an instant.
   *
   * @param instant the instant
   * @return the period
   */
  public Interval billingPeriodContaining(Instant instant) {
    LocalDate date = dateOf(instant);
    YearMonth month = YearMonth.from(date);
    return date.getDayOfMonth() >= billingStartDay
        ? billingPeriod(month)
        : billingPeriod(month.minusMonths(1));
  }

  /**
   * The last billing period that ended at or before an instant: what a monthly billing run at
   * {@code now} bills.
   *
   * @param now the instant of the run
   * @return the previous period
   */
  public Interval previousBillingPeriod(Instant now) {
    Interval current = billingPeriodContaining(now);
    ZonedDateTime start = current.start().atZone(zone);
    return billingPeriod(YearMonth.from(start.toLocalDate()).minusMonths(1));
  }

  /**
   * The billing periods that start inside an interval, in order.
   *
   * @param interval the interval
   * @return the periods, at most {@link #PERIOD_COUNT_MAX}
   */
  public List<Interval> billingPeriodsStartingIn(Interval interval) {
    Objects.requireNonNull(interval, "interval");
    List<Interval> periods = new ArrayList<>();
    Interval period = billingPeriodContaining(interval.start());
    if (period.start().isBefore(interval.start())) {
      period = billingPeriodContaining(period.end());
    }
    while (period.start().isBefore(interval.end())) {
      if (periods.size() == PERIOD_COUNT_MAX) {
        throw new IllegalArgumentException(
            "interval: more than " + PERIOD_COUNT_MAX + " billing periods in " + interval);
      }
      periods.add(period);
      period = billingPeriodContaining(period.end());
    }
    return periods;
  }
}
