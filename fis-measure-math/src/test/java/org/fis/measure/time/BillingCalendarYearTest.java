package org.fis.measure.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Years containing an instant, a year's month starts, the previous month (issue #17). */
class BillingCalendarYearTest {
  private static final BillingCalendar ZAGREB = BillingCalendar.defaults();

  @Test
  void the_year_containing_an_instant_is_local_new_year_to_new_year() {
    // 31 Dec 2023 23:30 UTC is already 2024 in Zagreb.
    Interval year = ZAGREB.yearContaining(Instant.parse("2023-12-31T23:30:00Z"));
    assertThat(year).isEqualTo(ZAGREB.year(Year.of(2024)));
    assertThat(year.start()).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
    assertThat(
            ZAGREB.withZone(ZoneId.of("UTC")).yearContaining(Instant.parse("2023-12-31T23:30:00Z")))
        .isEqualTo(
            new Interval(
                Instant.parse("2023-01-01T00:00:00Z"), Instant.parse("2024-01-01T00:00:00Z")));
  }

  @Test
  void the_months_of_a_year_partition_it_and_their_starts_follow_dst() {
    List<Interval> months = ZAGREB.monthsOf(Year.of(2024));
    assertThat(months).hasSize(12);
    assertThat(months.get(0).start()).isEqualTo(ZAGREB.year(Year.of(2024)).start());
    assertThat(months.get(11).end()).isEqualTo(ZAGREB.year(Year.of(2024)).end());
    for (int i = 1; i < 12; i++) {
      assertThat(months.get(i).start()).isEqualTo(months.get(i - 1).end());
    }
    List<Instant> starts = ZAGREB.monthStartsOf(Year.of(2024));
    assertThat(starts).hasSize(12);
    assertThat(starts.get(2)).isEqualTo(Instant.parse("2024-02-29T23:00:00Z")); // CET
    assertThat(starts.get(3)).isEqualTo(Instant.parse("2024-03-31T22:00:00Z")); // CEST
    assertThat(starts.get(10)).isEqualTo(Instant.parse("2024-10-31T23:00:00Z")); // CET again
  }

  @Test
  void the_previous_month_does_not_depend_on_the_billing_start_day() {
    Instant run = Instant.parse("2024-04-10T08:00:00Z");
    BillingCalendar fifteenth = ZAGREB.withBillingStartDay(15);
    assertThat(ZAGREB.previousMonth(run)).isEqualTo(ZAGREB.month(YearMonth.of(2024, 3)));
    assertThat(fifteenth.previousMonth(run)).isEqualTo(ZAGREB.month(YearMonth.of(2024, 3)));
    assertThat(fifteenth.previousBillingPeriod(run).start())
        .isEqualTo(fifteenth.startOf(java.time.LocalDate.of(2024, 2, 15)));
    assertThat(ZAGREB.startOfPreviousMonth(run)).isEqualTo(Instant.parse("2024-02-29T23:00:00Z"));
    // In January, the previous month is December of the year before.
    assertThat(ZAGREB.startOfPreviousMonth(Instant.parse("2024-01-01T00:30:00Z")))
        .isEqualTo(Instant.parse("2023-11-30T23:00:00Z"));
  }
}
