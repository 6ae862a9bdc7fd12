package org.fis.measure.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;

/**
 * jqwik {@link Arbitrary}s for the calendar side: zones with and without DST, billing calendars,
 * months, instants, quarter-hour intervals that straddle DST changes, billing periods, and periods
 * split at an inner quarter hour (for additivity laws).
 *
 * <p>Stateless and thread-safe: each call returns a new arbitrary.
 */
public final class TimeArbitraries {
  /** The zones generated: two European ones with DST, one without, one American with DST. */
  public static final List<String> ZONES =
      List.of("Europe/Zagreb", "Europe/Oslo", "UTC", "America/New_York");

  /** The first month generated. */
  public static final YearMonth MONTH_MIN = YearMonth.of(2000, 1);

  /** The last month generated. */
  public static final YearMonth MONTH_MAX = YearMonth.of(2040, 1);

  /** The longest interval generated: 40 days of quarter hours. */
  public static final int QUARTER_HOURS_MAX = 40 * 96;

  private TimeArbitraries() {}

  /**
   * The zones of {@link #ZONES}.
   *
   * @return the zones
   */
  public static Arbitrary<ZoneId> zones() {
    return Arbitraries.of(ZONES).map(ZoneId::of);
  }

  /**
   * Billing calendars in {@link #zones()} with every billing start day 1–28.
   *
   * @return the calendars
   */
  public static Arbitrary<BillingCalendar> calendars() {
    return zones()
        .flatMap(
            zone ->
                Arbitraries.integers().between(1, 28).map(day -> new BillingCalendar(zone, day)));
  }

  /**
   * Months from {@link #MONTH_MIN} to {@link #MONTH_MAX}.
   *
   * @return the months
   */
  public static Arbitrary<YearMonth> months() {
    return months(MONTH_MIN, MONTH_MAX);
  }

  /**
   * Months in a range.
   *
   * @param first the first month
   * @param last the last month, not before {@code first}
   * @return the months
   */
  public static Arbitrary<YearMonth> months(YearMonth first, YearMonth last) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(last, "last");
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("last: " + last + " is before first " + first);
    }
    int low = first.getYear() * 12 + first.getMonthValue() - 1;
    int high = last.getYear() * 12 + last.getMonthValue() - 1;
    return Arbitraries.integers().between(low, high).map(m -> YearMonth.of(m / 12, m % 12 + 1));
  }

  /**
   * Instants (whole seconds) from 2000 to 2040.
   *
   * @return the instants
   */
  public static Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(EPOCH_SECOND_MIN, EPOCH_SECOND_MAX)
        .map(Instant::ofEpochSecond);
  }

  private static final long EPOCH_SECOND_MIN = 946_684_800L;
  private static final long EPOCH_SECOND_MAX = 2_208_988_800L;

  /**
   * Quarter-hour aligned intervals of 0 to {@link #QUARTER_HOURS_MAX} quarter hours; about half of
   * them straddle a DST change of {@code Europe/Zagreb}.
   *
   * @return the intervals
   */
  public static Arbitrary<Interval> intervals() {
    return intervals(ZoneId.of(ZONES.get(0)));
  }

  /**
   * Quarter-hour aligned intervals of 0 to {@link #QUARTER_HOURS_MAX} quarter hours; about half of
   * them contain a DST change of {@code zone} (when it has any between 2000 and 2040).
   *
   * @param zone the zone whose changes the intervals straddle
   * @return the intervals
   */
  public static Arbitrary<Interval> intervals(ZoneId zone) {
    return intervals(zone, QUARTER_HOURS_MAX);
  }

  /**
   * As {@link #intervals(ZoneId)} with at most {@code quarterHoursMax} quarter hours.
   *
   * @param zone the zone whose changes the intervals straddle
   * @param quarterHoursMax the longest interval, 2–{@link #QUARTER_HOURS_MAX} quarter hours
   * @return the intervals
   */
  public static Arbitrary<Interval> intervals(ZoneId zone, int quarterHoursMax) {
    Objects.requireNonNull(zone, "zone");
    if (quarterHoursMax < 2 || quarterHoursMax > QUARTER_HOURS_MAX) {
      throw new IllegalArgumentException(
          "quarterHoursMax: must be 2.." + QUARTER_HOURS_MAX + ", got " + quarterHoursMax);
    }
    List<Instant> changes = dstChanges(zone);
    Arbitrary<Integer> lengths = Arbitraries.integers().between(0, quarterHoursMax);
    Arbitrary<Interval> anywhere =
        Combinators.combine(instants(), lengths)
            .as((start, count) -> quarterHours(QuarterHours.floor(start), count));
    if (changes.isEmpty()) {
      return anywhere;
    }
    Arbitrary<Interval> aroundChange =
        Combinators.combine(Arbitraries.of(changes), lengths, lengths)
            .as(
                (change, before, after) ->
                    new Interval(
                        change.minus(QuarterHours.LENGTH.multipliedBy(before / 2 + 1)),
                        change.plus(QuarterHours.LENGTH.multipliedBy(after / 2))));
    return Arbitraries.oneOf(anywhere, aroundChange);
  }

  private static Interval quarterHours(Instant start, int count) {
    return Interval.of(start, QuarterHours.LENGTH.multipliedBy(count));
  }

  /**
   * The DST changes of a zone between 2000 and 2040, in order.
   *
   * @param zone the zone
   * @return the instants of its offset changes (empty for UTC)
   */
  public static List<Instant> dstChanges(ZoneId zone) {
    ZoneRules rules = zone.getRules();
    List<Instant> changes = new ArrayList<>();
    Instant cursor = Instant.ofEpochSecond(EPOCH_SECOND_MIN);
    Instant end = Instant.ofEpochSecond(EPOCH_SECOND_MAX);
    for (int i = 0; i < DST_CHANGES_MAX; i++) {
      ZoneOffsetTransition next = rules.nextTransition(cursor);
      if (next == null || !next.getInstant().isBefore(end)) {
        break;
      }
      changes.add(next.getInstant());
      cursor = next.getInstant();
    }
    return changes;
  }

  private static final int DST_CHANGES_MAX = 200;

  /**
   * Billing periods of a calendar from 2000 to 2040 (in European zones, those spanning the end of
   * March or October contain a DST change).
   *
   * @param calendar the calendar
   * @return the periods
   */
  public static Arbitrary<Interval> billingPeriods(BillingCalendar calendar) {
    Objects.requireNonNull(calendar, "calendar");
    return months().map(calendar::billingPeriod);
  }

  /**
   * A billing calendar and one of its billing periods.
   *
   * @return pairs of calendar and period
   */
  public static Arbitrary<CalendarPeriod> calendarPeriods() {
    return calendars()
        .flatMap(
            calendar ->
                billingPeriods(calendar).map(period -> new CalendarPeriod(calendar, period)));
  }

  /**
   * A billing period of a calendar.
   *
   * @param calendar the calendar
   * @param period one of its billing periods
   */
  public record CalendarPeriod(BillingCalendar calendar, Interval period) {
    /** Validates. */
    public CalendarPeriod {
      Objects.requireNonNull(calendar, "calendar");
      Objects.requireNonNull(period, "period");
    }
  }

  /**
   * Periods split at an inner quarter hour: from {@link #intervals()} of at least two quarter
   * hours.
   *
   * @return the split periods
   */
  public static Arbitrary<SplitPeriod> splitPeriods() {
    return splitPeriods(intervals().filter(interval -> QuarterHours.count(interval) >= 2));
  }

  /**
   * Given periods (quarter-hour aligned, at least two quarter hours) split at an inner quarter
   * hour.
   *
   * @param periods the periods
   * @return the split periods
   */
  public static Arbitrary<SplitPeriod> splitPeriods(Arbitrary<Interval> periods) {
    return periods.flatMap(
        period -> {
          long count = QuarterHours.count(period);
          return Arbitraries.longs()
              .between(1, count - 1)
              .map(
                  at ->
                      new SplitPeriod(
                          period, period.start().plus(QuarterHours.LENGTH.multipliedBy(at))));
        });
  }

  /**
   * A period and an instant strictly inside it where it is split into {@link #left()} and {@link
   * #right()}.
   *
   * @param period the whole period
   * @param at the split instant, strictly inside
   */
  public record SplitPeriod(Interval period, Instant at) {
    /** Validates: {@code at} strictly inside the period. */
    public SplitPeriod {
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(at, "at");
      if (!at.isAfter(period.start()) || !at.isBefore(period.end())) {
        throw new IllegalArgumentException("at: " + at + " is not strictly inside " + period);
      }
    }

    /**
     * The part before the split.
     *
     * @return {@code [start, at)}
     */
    public Interval left() {
      return new Interval(period.start(), at);
    }

    /**
     * The part from the split on.
     *
     * @return {@code [at, end)}
     */
    public Interval right() {
      return new Interval(at, period.end());
    }

    /**
     * The length of the whole period.
     *
     * @return the duration
     */
    public Duration duration() {
      return period.duration();
    }
  }
}
