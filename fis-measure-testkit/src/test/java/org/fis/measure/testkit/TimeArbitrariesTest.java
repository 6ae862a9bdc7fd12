package org.fis.measure.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;
import org.junit.jupiter.api.Test;

/** The calendar generators: DST changes are covered, splits lie inside, bounds are checked. */
class TimeArbitrariesTest {

  @Property(tries = 400)
  void intervals_are_quarter_hour_aligned_and_often_contain_a_dst_change(
      @ForAll Interval interval) {
    assertThat(QuarterHours.isStart(interval.start())).isTrue();
    assertThat(QuarterHours.isStart(interval.end())).isTrue();
    boolean straddles =
        TimeArbitraries.dstChanges(ZoneId.of("Europe/Zagreb")).stream()
            .anyMatch(interval::contains);
    Statistics.label("contains a DST change").collect(straddles);
    Statistics.label("contains a DST change")
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 30));
  }

  @Provide
  Arbitrary<TimeArbitraries.SplitPeriod> splits() {
    return TimeArbitraries.splitPeriods();
  }

  @Property(tries = 200)
  void a_split_lies_strictly_inside_and_its_parts_partition_the_period(
      @ForAll("splits") TimeArbitraries.SplitPeriod split) {
    assertThat(split.left().end()).isEqualTo(split.right().start());
    assertThat(split.left().duration().plus(split.right().duration())).isEqualTo(split.duration());
    assertThat(split.left().isEmpty()).isFalse();
    assertThat(split.right().isEmpty()).isFalse();
  }

  @Provide
  Arbitrary<TimeArbitraries.CalendarPeriod> periods() {
    return TimeArbitraries.calendarPeriods();
  }

  @Property(tries = 200)
  void billing_periods_start_on_their_calendar_s_start_day(
      @ForAll("periods") TimeArbitraries.CalendarPeriod period) {
    assertThat(period.calendar().dateOf(period.period().start()).getDayOfMonth())
        .isEqualTo(period.calendar().billingStartDay());
  }

  @Test
  void utc_has_no_dst_changes_and_zagreb_has_two_a_year() {
    assertThat(TimeArbitraries.dstChanges(ZoneId.of("UTC"))).isEmpty();
    assertThat(TimeArbitraries.dstChanges(ZoneId.of("Europe/Zagreb"))).hasSize(80);
  }

  @Test
  void bad_bounds_are_rejected_naming_the_parameter() {
    assertThatThrownBy(() -> TimeArbitraries.intervals(ZoneId.of("UTC"), 1))
        .hasMessageContaining("quarterHoursMax");
    assertThatThrownBy(
            () ->
                TimeArbitraries.months(
                    java.time.YearMonth.of(2024, 2), java.time.YearMonth.of(2024, 1)))
        .hasMessageContaining("last");
    assertThatThrownBy(() -> MeasureArbitraries.quantities(org.fis.measure.Unit.KWH, 5, 1))
        .hasMessageContaining("maximum");
  }
}
