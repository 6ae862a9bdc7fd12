package org.fis.measure.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IntervalAndQuarterHoursTest {
  private static final Instant START = Instant.parse("2024-05-01T00:00:00Z");

  @Test
  void intervals_are_half_open() {
    Interval hour = Interval.of(START, Duration.ofHours(1));
    assertThat(hour.contains(START)).isTrue();
    assertThat(hour.contains(START.plusSeconds(3599))).isTrue();
    assertThat(hour.contains(hour.end())).isFalse();
    assertThat(hour.overlaps(Interval.of(hour.end(), Duration.ofHours(1)))).isFalse();
    assertThat(hour).hasToString("[2024-05-01T00:00:00Z, 2024-05-01T01:00:00Z)");
  }

  @Test
  void intersection_contains_and_empty_intervals() {
    Interval a = Interval.of(START, Duration.ofHours(2));
    Interval b = Interval.of(START.plusSeconds(3600), Duration.ofHours(2));
    assertThat(a.intersection(b))
        .contains(Interval.of(START.plusSeconds(3600), Duration.ofHours(1)));
    assertThat(a.contains(Interval.of(START, Duration.ofHours(1)))).isTrue();
    assertThat(a.contains(b)).isFalse();
    Interval empty = new Interval(START, START);
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.overlaps(a)).isFalse();
    assertThat(a.intersection(Interval.of(a.end(), Duration.ofHours(1)))).isEmpty();
  }

  @Test
  void reversed_intervals_and_negative_durations_are_rejected() {
    assertThatThrownBy(() -> new Interval(START, START.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("end:");
    assertThatThrownBy(() -> Interval.of(START, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration:");
  }

  @Test
  void quarter_hours_floor_in_utc_and_never_move_forward() {
    Instant t = Instant.parse("2024-05-01T10:44:59.999Z");
    assertThat(QuarterHours.floor(t)).isEqualTo(Instant.parse("2024-05-01T10:30:00Z"));
    assertThat(QuarterHours.floor(Instant.parse("1969-12-31T23:59:59Z")))
        .isEqualTo(Instant.parse("1969-12-31T23:45:00Z"));
    assertThat(QuarterHours.isStart(START)).isTrue();
    assertThat(QuarterHours.containing(t))
        .isEqualTo(Interval.of(Instant.parse("2024-05-01T10:30:00Z"), Duration.ofMinutes(15)));
  }

  @Test
  void quarter_hours_within_an_aligned_interval() {
    Interval hour = Interval.of(START, Duration.ofHours(1));
    assertThat(QuarterHours.count(hour)).isEqualTo(4);
    assertThat(QuarterHours.within(hour))
        .containsExactly(
            START, START.plusSeconds(900), START.plusSeconds(1800), START.plusSeconds(2700));
  }

  @Test
  void quarter_hour_counting_rejects_unaligned_and_oversized_intervals() {
    assertThatThrownBy(
            () -> QuarterHours.count(Interval.of(START.plusSeconds(1), Duration.ofHours(1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not start and end on quarter hours");
    assertThatThrownBy(() -> QuarterHours.within(Interval.of(START, Duration.ofDays(401))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exceed the bound");
  }
}
