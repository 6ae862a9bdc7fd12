package org.fis.billing.calculator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.billing.calculator.Fixtures.local;
import static org.fis.billing.calculator.Fixtures.localDate;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fis.measure.time.Interval;
import org.junit.jupiter.api.Test;

class TariffCalendarTest {
  private final TariffCalendar calendar = TariffCalendar.defaults();

  @Test
  void winter_high_tariff_is_seven_to_twenty_one_local_time() {
    assertThat(calendar.isHigh(local("2026-01-15T06:45"))).isFalse();
    assertThat(calendar.isHigh(local("2026-01-15T07:00"))).isTrue();
    assertThat(calendar.isHigh(local("2026-01-15T20:45"))).isTrue();
    assertThat(calendar.isHigh(local("2026-01-15T21:00"))).isFalse();
  }

  @Test
  void summer_high_tariff_is_eight_to_twenty_two_local_time() {
    assertThat(calendar.isHigh(local("2026-07-15T07:45"))).isFalse();
    assertThat(calendar.isHigh(local("2026-07-15T08:00"))).isTrue();
    assertThat(calendar.isHigh(local("2026-07-15T21:45"))).isTrue();
    assertThat(calendar.isHigh(local("2026-07-15T22:00"))).isFalse();
  }

  @Test
  void the_days_of_the_clock_changes_have_one_season_and_a_fourteen_hour_window() {
    // 29 March 2026 (23 h, summer at noon) and 25 October 2026 (25 h, winter at noon).
    List<Interval> spring = calendar.highWindows(localDate("2026-03-29"), localDate("2026-03-30"));
    List<Interval> autumn = calendar.highWindows(localDate("2026-10-25"), localDate("2026-10-26"));

    assertThat(spring)
        .containsExactly(new Interval(local("2026-03-29T08:00"), local("2026-03-29T22:00")));
    assertThat(autumn)
        .containsExactly(new Interval(local("2026-10-25T07:00"), local("2026-10-25T21:00")));
    assertThat(spring.get(0).duration()).isEqualTo(Duration.ofHours(14));
  }

  @Test
  void weekends_and_holidays_can_be_low_tariff_all_day() {
    TariffCalendar weekdays =
        calendar
            .withHighTariffDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
            .withHolidays(Set.of(LocalDate.of(2026, 1, 6)));

    assertThat(weekdays.isHigh(local("2026-01-10T12:00"))).as("Saturday").isFalse();
    assertThat(weekdays.isHigh(local("2026-01-06T12:00"))).as("holiday").isFalse();
    assertThat(weekdays.isHigh(local("2026-01-07T12:00"))).as("Wednesday").isTrue();
    assertThat(weekdays.highWindows(Fixtures.JANUARY.start(), Fixtures.JANUARY.end())).hasSize(21);
  }

  @Test
  void windows_are_read_in_the_configured_zone() {
    TariffCalendar oslo =
        calendar
            .withZone(ZoneId.of("Europe/Oslo"))
            .withWinterHours(LocalTime.of(6, 0), LocalTime.of(22, 0));
    assertThat(oslo.isHigh(java.time.Instant.parse("2026-01-15T05:00:00Z"))).isTrue();
    assertThat(oslo.isHigh(java.time.Instant.parse("2026-01-15T04:59:59Z"))).isFalse();
  }

  @Test
  void high_windows_are_clipped_to_the_interval() {
    List<Interval> windows =
        calendar.highWindows(local("2026-01-15T12:00"), local("2026-01-16T08:00"));
    assertThat(windows)
        .containsExactly(
            new Interval(local("2026-01-15T12:00"), local("2026-01-15T21:00")),
            new Interval(local("2026-01-16T07:00"), local("2026-01-16T08:00")));
  }

  @Test
  void a_window_that_crosses_midnight_is_rejected() {
    assertThatThrownBy(() -> calendar.withWinterHours(LocalTime.of(22, 0), LocalTime.of(6, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("winterHighEnd");
  }
}
