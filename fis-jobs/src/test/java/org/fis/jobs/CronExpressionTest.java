package org.fis.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private static List<Instant> instants(String cron, String after, int count) {
    CronExpression expression = CronExpression.parse(cron);
    List<Instant> result = new ArrayList<>();
    Instant position = Instant.parse(after);
    for (int i = 0; i < count; i++) {
      position = expression.next(position, OSLO).orElseThrow();
      result.add(position);
    }
    return result;
  }

  @Test
  void a_daily_0230_job_on_the_spring_forward_day_runs_once_at_0330_local() {
    // 2026-03-29: Oslo jumps from 02:00 CET to 03:00 CEST; 02:30 does not exist.
    assertThat(instants("30 2 * * *", "2026-03-28T12:00:00Z", 3))
        .containsExactly(
            Instant.parse("2026-03-29T01:30:00Z"), // 03:30 CEST: 02:30 moved by the gap
            Instant.parse("2026-03-30T00:30:00Z"), // 02:30 CEST
            Instant.parse("2026-03-31T00:30:00Z"));
  }

  @Test
  void a_daily_0230_job_on_the_fall_back_day_runs_once_at_the_first_0230() {
    // 2026-10-25: Oslo goes back from 03:00 CEST to 02:00 CET; 02:30 happens twice.
    assertThat(instants("30 2 * * *", "2026-10-24T12:00:00Z", 2))
        .containsExactly(
            Instant.parse("2026-10-25T00:30:00Z"), // 02:30 CEST, the first one
            Instant.parse("2026-10-26T01:30:00Z")); // 02:30 CET the next day, not 01:30Z the same
  }

  @Test
  void a_gap_shifted_time_that_is_also_matched_on_its_own_fires_once_and_in_order() {
    // 02:00 and 02:30 fall into the gap and become 03:00 and 03:30, which are matched too.
    assertThat(instants("0,30 2,3 * * *", "2026-03-28T23:00:00Z", 3))
        .containsExactly(
            Instant.parse("2026-03-29T01:00:00Z"),
            Instant.parse("2026-03-29T01:30:00Z"),
            Instant.parse("2026-03-30T00:00:00Z"));
  }

  @Test
  void instants_strictly_increase_and_match_their_fields_in_the_zone() {
    for (String cron : List.of("*/7 * * * *", "15 */5 1-10 * 1-5", "0 0 1 1,7 *", "59 23 * * 0")) {
      List<Instant> all = instants(cron, "2026-01-01T00:00:00Z", 200);
      for (int i = 1; i < all.size(); i++) {
        assertThat(all.get(i)).as(cron).isAfter(all.get(i - 1));
      }
      for (Instant instant : all) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, OSLO);
        String[] f = cron.split(" ");
        if (f[0].startsWith("*/")) {
          assertThat(local.getMinute() % Integer.parseInt(f[0].substring(2))).as(cron).isZero();
        }
        if (f[1].equals("23")) {
          assertThat(local.getHour()).isEqualTo(23);
        }
      }
    }
  }

  @Test
  void both_day_fields_restricted_match_either_as_in_classic_cron() {
    // The 13th or any Friday, at midnight: 2026-02-06 is a Friday, 2026-02-13 a Friday too.
    assertThat(instants("0 0 13 * 5", "2026-02-01T00:00:00Z", 3))
        .containsExactly(
            Instant.parse("2026-02-05T23:00:00Z"),
            Instant.parse("2026-02-12T23:00:00Z"),
            Instant.parse("2026-02-19T23:00:00Z"));
    assertThat(CronExpression.parse("0 0 * * 7")).isNotNull(); // 7 is Sunday too
  }

  @Test
  void an_expression_that_never_matches_has_no_next_instant() {
    assertThat(CronExpression.parse("0 0 31 2 *").next(Instant.parse("2026-01-01T00:00:00Z"), OSLO))
        .isEmpty();
  }

  @Test
  void bad_expressions_are_rejected_naming_the_field_and_the_reason() {
    assertThatThrownBy(() -> CronExpression.parse("* * * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 5 fields");
    assertThatThrownBy(() -> CronExpression.parse("60 * * * *"))
        .hasMessageContaining("cron minute: 60 is outside 0-59");
    assertThatThrownBy(() -> CronExpression.parse("* 5-2 * * *"))
        .hasMessageContaining("cron hour: range 5-2 runs backwards");
    assertThatThrownBy(() -> CronExpression.parse("* * * JAN *"))
        .hasMessageContaining("cron month: 'JAN' is not a number");
    assertThatThrownBy(() -> CronExpression.parse("* * 1,,2 * *"))
        .hasMessageContaining("cron day-of-month: empty list item");
    assertThatThrownBy(() -> CronExpression.parse("*/0 * * * *"))
        .hasMessageContaining("cron minute: 0 is outside 1-59");
  }
}
