package org.fis.measure.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillingCalendarTest {
  private static final BillingCalendar ZAGREB = BillingCalendar.defaults();
  private static final BillingCalendar OSLO = ZAGREB.withZone(ZoneId.of("Europe/Oslo"));

  @Test
  void defaults_are_zagreb_and_calendar_months() {
    assertThat(ZAGREB.zone()).isEqualTo(ZoneId.of("Europe/Zagreb"));
    assertThat(ZAGREB.billingStartDay()).isEqualTo(1);
  }

  @Test
  void the_spring_forward_day_has_23_hours_and_92_quarter_hours_in_zagreb_and_oslo() {
    for (BillingCalendar calendar : List.of(ZAGREB, OSLO)) {
      Interval day = calendar.day(LocalDate.of(2024, 3, 31));
      assertThat(day.start()).isEqualTo(Instant.parse("2024-03-30T23:00:00Z"));
      assertThat(day.end()).isEqualTo(Instant.parse("2024-03-31T22:00:00Z"));
      assertThat(day.duration()).isEqualTo(Duration.ofHours(23));
      assertThat(QuarterHours.count(day)).isEqualTo(92);
    }
  }

  @Test
  void the_fall_back_day_has_25_hours_and_100_quarter_hours_in_zagreb_and_oslo() {
    for (BillingCalendar calendar : List.of(ZAGREB, OSLO)) {
      Interval day = calendar.day(LocalDate.of(2024, 10, 27));
      assertThat(day.start()).isEqualTo(Instant.parse("2024-10-26T22:00:00Z"));
      assertThat(day.end()).isEqualTo(Instant.parse("2024-10-27T23:00:00Z"));
      assertThat(day.duration()).isEqualTo(Duration.ofHours(25));
      assertThat(QuarterHours.count(day)).isEqualTo(100);
    }
  }

  @Test
  void an_ordinary_day_has_96_quarter_hours() {
    assertThat(QuarterHours.count(ZAGREB.day(LocalDate.of(2024, 1, 15)))).isEqualTo(96);
  }

  @Test
  void instants_in_the_repeated_fall_back_hour_belong_to_the_fall_back_day() {
    Instant firstPass = Instant.parse("2024-10-27T00:30:00Z"); // 02:30 CEST
    Instant secondPass = Instant.parse("2024-10-27T01:30:00Z"); // 02:30 CET
    assertThat(ZAGREB.dayContaining(firstPass)).isEqualTo(ZAGREB.day(LocalDate.of(2024, 10, 27)));
    assertThat(ZAGREB.dayContaining(secondPass)).isEqualTo(ZAGREB.day(LocalDate.of(2024, 10, 27)));
    assertThat(QuarterHours.floor(firstPass)).isEqualTo(firstPass);
    assertThat(QuarterHours.floor(Instant.parse("2024-10-27T00:44:59Z"))).isEqualTo(firstPass);
  }

  @Test
  void months_are_local_and_january_2024_in_zagreb_is_the_reference_interval() {
    Interval january = ZAGREB.month(YearMonth.of(2024, 1));
    assertThat(january)
        .isEqualTo(
            new Interval(
                Instant.parse("2023-12-31T23:00:00Z"), Instant.parse("2024-01-31T23:00:00Z")));
    assertThat(ZAGREB.monthContaining(Instant.parse("2024-01-31T23:30:00Z")))
        .isEqualTo(ZAGREB.month(YearMonth.of(2024, 2)));
    Interval march = ZAGREB.month(YearMonth.of(2024, 3));
    assertThat(march.duration()).isEqualTo(Duration.ofHours(31 * 24 - 1));
    Interval october = OSLO.month(YearMonth.of(2024, 10));
    assertThat(october.duration()).isEqualTo(Duration.ofHours(31 * 24 + 1));
  }

  @Test
  void the_days_of_a_month_partition_it() {
    for (BillingCalendar calendar : List.of(ZAGREB, OSLO)) {
      for (int m = 1; m <= 12; m++) {
        YearMonth month = YearMonth.of(2024, m);
        List<Interval> days = calendar.daysOf(month);
        assertThat(days).hasSize(month.lengthOfMonth());
        assertThat(days.get(0).start()).isEqualTo(calendar.month(month).start());
        assertThat(days.get(days.size() - 1).end()).isEqualTo(calendar.month(month).end());
        for (int i = 1; i < days.size(); i++) {
          assertThat(days.get(i).start()).isEqualTo(days.get(i - 1).end());
        }
      }
    }
  }

  @Test
  void a_year_is_local() {
    Interval year = ZAGREB.year(Year.of(2024));
    assertThat(year.start()).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
    assertThat(year.duration()).isEqualTo(Duration.ofDays(366));
  }

  @Test
  void billing_periods_follow_the_start_day_and_the_previous_one_is_what_a_run_bills() {
    Instant run = Instant.parse("2024-02-01T00:05:00Z"); // 01:05 local on 1 February
    assertThat(ZAGREB.previousBillingPeriod(run)).isEqualTo(ZAGREB.month(YearMonth.of(2024, 1)));
    BillingCalendar fifteenth = ZAGREB.withBillingStartDay(15);
    Interval period = fifteenth.billingPeriodContaining(Instant.parse("2024-03-10T12:00:00Z"));
    assertThat(period.start()).isEqualTo(Instant.parse("2024-02-14T23:00:00Z"));
    assertThat(period.end()).isEqualTo(Instant.parse("2024-03-14T23:00:00Z"));
    assertThat(fifteenth.previousBillingPeriod(Instant.parse("2024-03-10T12:00:00Z")).end())
        .isEqualTo(period.start());
  }

  @Test
  void billing_periods_starting_in_a_year_are_its_twelve_months() {
    List<Interval> periods = ZAGREB.billingPeriodsStartingIn(ZAGREB.year(Year.of(2024)));
    assertThat(periods).hasSize(12);
    assertThat(periods.get(2)).isEqualTo(ZAGREB.month(YearMonth.of(2024, 3)));
    assertThat(periods.get(11).end()).isEqualTo(ZAGREB.year(Year.of(2025)).start());
  }

  @Test
  void days_starting_in_an_interval_are_whole_days() {
    Interval interval =
        new Interval(Instant.parse("2024-03-30T12:00:00Z"), Instant.parse("2024-04-01T00:00:00Z"));
    List<Interval> days = ZAGREB.daysStartingIn(interval);
    assertThat(days)
        .containsExactly(
            ZAGREB.day(LocalDate.of(2024, 3, 31)), ZAGREB.day(LocalDate.of(2024, 4, 1)));
  }

  @Test
  void invalid_configuration_is_rejected_naming_the_field() {
    assertThatThrownBy(() -> ZAGREB.withBillingStartDay(29))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("billingStartDay: must be 1..28, got 29");
    assertThatThrownBy(() -> ZAGREB.withZone(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("zone");
  }
}
