package org.fis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SettableClockTest {
  private static final Instant T0 = Instant.parse("2026-10-25T00:30:00Z");

  @Test
  void it_stands_still_until_set_or_advanced() {
    SettableClock clock = new SettableClock(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    clock.advance(Duration.ofMinutes(15));
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(900));
    clock.set(T0.minusSeconds(60));
    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(60));
  }

  @Test
  void a_zoned_view_follows_the_clock() {
    SettableClock clock = new SettableClock(T0);
    Clock zagreb = clock.withZone(ZoneId.of("Europe/Zagreb"));
    clock.advance(Duration.ofHours(1));
    assertThat(zagreb.instant()).isEqualTo(T0.plusSeconds(3600));
    assertThat(zagreb.getZone()).isEqualTo(ZoneId.of("Europe/Zagreb"));
    assertThat(clock.withZone(clock.getZone())).isSameAs(clock);
  }

  @Test
  void null_arguments_are_rejected_naming_them() {
    assertThatThrownBy(() -> new SettableClock(null)).hasMessageContaining("start");
    assertThatThrownBy(() -> new SettableClock(T0).set(null)).hasMessageContaining("instant");
  }
}
