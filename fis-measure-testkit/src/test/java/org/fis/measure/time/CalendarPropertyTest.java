package org.fis.measure.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.fis.measure.testkit.TimeArbitraries;

/** Calendar laws across zones with DST (moved from fis-measure-math with the generators). */
class CalendarPropertyTest {

  @Provide
  Arbitrary<BillingCalendar> calendars() {
    return TimeArbitraries.calendars();
  }

  @Provide
  Arbitrary<YearMonth> months() {
    return TimeArbitraries.months();
  }

  @Property(tries = 300)
  void the_days_of_a_month_partition_it_and_hold_92_96_or_100_quarter_hours(
      @ForAll("calendars") BillingCalendar calendar, @ForAll("months") YearMonth month) {
    List<Interval> days = calendar.daysOf(month);
    Interval whole = calendar.month(month);
    assertThat(days.get(0).start()).isEqualTo(whole.start());
    assertThat(days.get(days.size() - 1).end()).isEqualTo(whole.end());
    long quarterHours = 0;
    for (int i = 0; i < days.size(); i++) {
      if (i > 0) {
        assertThat(days.get(i).start()).isEqualTo(days.get(i - 1).end());
      }
      long count = QuarterHours.count(days.get(i));
      assertThat(count).isIn(92L, 96L, 100L);
      quarterHours += count;
    }
    assertThat(quarterHours).isEqualTo(QuarterHours.count(whole));
  }

  @Property(tries = 300)
  void every_instant_lies_in_exactly_its_day_month_and_billing_period(
      @ForAll("calendars") BillingCalendar calendar,
      @ForAll @LongRange(min = 946_684_800L, max = 2_208_988_800L) long epochSecond) {
    Instant instant = Instant.ofEpochSecond(epochSecond);
    Interval day = calendar.dayContaining(instant);
    assertThat(day.contains(instant)).isTrue();
    assertThat(calendar.monthContaining(instant).contains(day)).isTrue();
    Interval period = calendar.billingPeriodContaining(instant);
    assertThat(period.contains(instant)).isTrue();
    assertThat(calendar.previousBillingPeriod(instant).end()).isEqualTo(period.start());
    LocalDate date = calendar.dateOf(period.start());
    assertThat(date.getDayOfMonth()).isEqualTo(calendar.billingStartDay());
  }

  @Property(tries = 300)
  void quarter_hour_floor_is_never_after_the_instant_and_less_than_15_minutes_before(
      @ForAll @LongRange(min = -4_000_000_000L, max = 4_000_000_000L) long epochSecond,
      @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
    Instant instant = Instant.ofEpochSecond(epochSecond, nanos);
    Instant floor = QuarterHours.floor(instant);
    assertThat(floor).isBeforeOrEqualTo(instant);
    assertThat(floor.plus(QuarterHours.LENGTH)).isAfter(instant);
    assertThat(QuarterHours.isStart(floor)).isTrue();
  }
}
