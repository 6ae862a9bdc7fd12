package org.fis.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final Duration BASE = Duration.ofSeconds(1);
  private static final Duration MAX = Duration.ofMinutes(1);

  @Test
  void the_delay_doubles_after_each_failed_attempt_up_to_the_maximum() {
    assertThat(Backoff.delayMillis(1, BASE, MAX)).isEqualTo(1_000);
    assertThat(Backoff.delayMillis(2, BASE, MAX)).isEqualTo(2_000);
    assertThat(Backoff.delayMillis(6, BASE, MAX)).isEqualTo(32_000);
    assertThat(Backoff.delayMillis(7, BASE, MAX)).isEqualTo(60_000);
    assertThat(Backoff.delayMillis(1_000, BASE, MAX)).isEqualTo(60_000);
  }

  @Test
  void huge_attempt_numbers_do_not_overflow() {
    assertThat(Backoff.delayMillis(Integer.MAX_VALUE, Duration.ofDays(1), Duration.ofDays(365)))
        .isEqualTo(Duration.ofDays(365).toMillis());
  }

  @Test
  void attempt_numbers_start_at_one() {
    assertThatThrownBy(() -> Backoff.delayMillis(0, BASE, MAX)).hasMessageStartingWith("attempt");
  }
}
