package org.fis.billing.calculator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.fis.measure.time.Interval;

/**
 * The server-side high/low tariff calendar: a quarter hour is in the high tariff (T1) when its
 * start falls, in the calendar's zone, on a high-tariff weekday that is not a holiday and inside
 * that day's high window; otherwise it is in the low tariff (T2).
 *
 * <p>The high window depends on the season: summer hours apply on days when the zone observes
 * daylight saving time (judged at local noon, so a change day has one season), winter hours
 * otherwise. A window is {@code [start, end)} in local wall-clock time and does not cross midnight.
 * The defaults are the rule the reference names for HEP ODS (07–21 in winter, 08–22 in summer,
 * every day, no holidays) in {@code Europe/Zagreb}; a host configures its operator's real rule.
 *
 * <p>Immutable and thread-safe.
 *
 * @param zone the zone the windows are read in
 * @param winterHighStart start of the high window in winter time
 * @param winterHighEnd end of the high window in winter time
 * @param summerHighStart start of the high window in summer time
 * @param summerHighEnd end of the high window in summer time
 * @param highTariffDays weekdays that have a high window
 * @param holidays local dates that are low tariff all day
 */
public record TariffCalendar(
    ZoneId zone,
    LocalTime winterHighStart,
    LocalTime winterHighEnd,
    LocalTime summerHighStart,
    LocalTime summerHighEnd,
    Set<DayOfWeek> highTariffDays,
    Set<LocalDate> holidays) {

  /** A bound on the days one call may classify (about 30 years). */
  public static final int DAYS_MAX = 11_000;

  /** Validates the calendar. */
  public TariffCalendar {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(winterHighStart, "winterHighStart");
    Objects.requireNonNull(winterHighEnd, "winterHighEnd");
    Objects.requireNonNull(summerHighStart, "summerHighStart");
    Objects.requireNonNull(summerHighEnd, "summerHighEnd");
    Objects.requireNonNull(highTariffDays, "highTariffDays");
    Objects.requireNonNull(holidays, "holidays");
    if (!winterHighEnd.isAfter(winterHighStart)) {
      throw new IllegalArgumentException(
          "winterHighEnd: must be after winterHighStart (windows do not cross midnight)");
    }
    if (!summerHighEnd.isAfter(summerHighStart)) {
      throw new IllegalArgumentException(
          "summerHighEnd: must be after summerHighStart (windows do not cross midnight)");
    }
    highTariffDays =
        highTariffDays.isEmpty()
            ? Set.of()
            : java.util.Collections.unmodifiableSet(EnumSet.copyOf(highTariffDays));
    holidays = Set.copyOf(holidays);
  }

  /** 07:00–21:00 winter, 08:00–22:00 summer, every day, no holidays, in {@code Europe/Zagreb}. */
  public static TariffCalendar defaults() {
    return new TariffCalendar(
        ZoneId.of("Europe/Zagreb"),
        LocalTime.of(7, 0),
        LocalTime.of(21, 0),
        LocalTime.of(8, 0),
        LocalTime.of(22, 0),
        EnumSet.allOf(DayOfWeek.class),
        Set.of());
  }

  /** This calendar in another zone. */
  public TariffCalendar withZone(ZoneId newZone) {
    return new TariffCalendar(
        newZone,
        winterHighStart,
        winterHighEnd,
        summerHighStart,
        summerHighEnd,
        highTariffDays,
        holidays);
  }

  /** This calendar with other winter hours. */
  public TariffCalendar withWinterHours(LocalTime start, LocalTime end) {
    return new TariffCalendar(
        zone, start, end, summerHighStart, summerHighEnd, highTariffDays, holidays);
  }

  /** This calendar with other summer hours. */
  public TariffCalendar withSummerHours(LocalTime start, LocalTime end) {
    return new TariffCalendar(
        zone, winterHighStart, winterHighEnd, start, end, highTariffDays, holidays);
  }

  /** This calendar with other high-tariff weekdays. */
  public TariffCalendar withHighTariffDays(Set<DayOfWeek> days) {
    return new TariffCalendar(
        zone, winterHighStart, winterHighEnd, summerHighStart, summerHighEnd, days, holidays);
  }

  /** This calendar with other holidays. */
  public TariffCalendar withHolidays(Set<LocalDate> dates) {
    return new TariffCalendar(
        zone,
        winterHighStart,
        winterHighEnd,
        summerHighStart,
        summerHighEnd,
        highTariffDays,
        dates);
  }

  /** Whether the instant falls in the high tariff. */
  public boolean isHigh(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    LocalDate date = instant.atZone(zone).toLocalDate();
    Interval window = highWindow(date);
    return window != null && window.contains(instant);
  }

  /**
   * The high-tariff windows that intersect {@code [from, to)}, clipped to it, ascending.
   *
   * @param from start of the interval
   * @param to end of the interval
   * @return the windows, at most one per local day
   */
  public List<Interval> highWindows(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    List<Interval> windows = new ArrayList<>();
    if (!to.isAfter(from)) {
      return windows;
    }
    LocalDate date = from.atZone(zone).toLocalDate();
    LocalDate last = to.atZone(zone).toLocalDate();
    for (int day = 0; !date.isAfter(last); day++, date = date.plusDays(1)) {
      if (day >= DAYS_MAX) {
        throw new IllegalArgumentException("to: more than " + DAYS_MAX + " days after from");
      }
      Interval window = highWindow(date);
      if (window == null) {
        continue;
      }
      Instant start = later(window.start(), from);
      Instant end = earlier(window.end(), to);
      if (end.isAfter(start)) {
        windows.add(new Interval(start, end));
      }
    }
    return windows;
  }

  private Interval highWindow(LocalDate date) {
    if (!highTariffDays.contains(date.getDayOfWeek()) || holidays.contains(date)) {
      return null;
    }
    boolean summer =
        zone.getRules().isDaylightSavings(ZonedDateTime.of(date, LocalTime.NOON, zone).toInstant());
    LocalTime start = summer ? summerHighStart : winterHighStart;
    LocalTime end = summer ? summerHighEnd : winterHighEnd;
    return new Interval(
        ZonedDateTime.of(date, start, zone).toInstant(),
        ZonedDateTime.of(date, end, zone).toInstant());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
