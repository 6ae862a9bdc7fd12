package org.fis.iot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The failed-authentication throttle on a clock the test moves. */
class FailedAuthThrottleTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final FailedAuthThrottle throttle = new FailedAuthThrottle(1_000, nanos::get);

  /** One guess as fast as the throttle lets it: true when admitted (and then failed). */
  private boolean guess(String device, String source) {
    if (throttle.admit(device, source).isPresent()) {
      return false;
    }
    throttle.failed(device, source);
    return true;
  }

  private void advanceMillis(long millis) {
    nanos.addAndGet(millis * 1_000_000L);
  }

  @Test
  void a_guesser_gets_the_burst_then_one_guess_per_second() {
    int admitted = 0;
    for (int i = 0; i < 100; i++) {
      admitted += guess("device-a", "10.0.0.1") ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(FailedAuthThrottle.BURST);
    Optional<FailedAuthThrottle.Refused> refused = throttle.admit("device-a", "10.0.0.1");
    assertThat(refused).map(FailedAuthThrottle.Refused::retryAfterSeconds).contains(1L);
    // A minute at full speed (a guess every 10 ms): exactly one more guess per second.
    int later = 0;
    for (int ms = 0; ms < 60_000; ms += 10) {
      advanceMillis(10);
      later += guess("device-a", "10.0.0.1") ? 1 : 0;
    }
    assertThat(later).isEqualTo(60);
  }

  @Test
  void a_guesser_on_one_address_slows_neither_other_addresses_nor_other_devices() {
    for (int i = 0; i < 100; i++) {
      guess("device-a", "10.0.0.1");
    }
    assertThat(throttle.admit("device-b", "10.0.0.1")).as("same address").isPresent();
    assertThat(throttle.admit("device-b", "10.0.0.2")).isEmpty();
    throttle.succeeded("device-b", "10.0.0.2");
    // Guessing device-a from one address drained device-a's bucket too: a new address for it
    // waits, the one it authenticated from before does not.
    throttle.succeeded("device-a", "10.0.0.9");
    assertThat(throttle.admit("device-a", "10.0.0.3")).isPresent();
    assertThat(throttle.admit("device-a", "10.0.0.9")).isEmpty();
  }

  @Test
  void guessing_one_device_from_many_addresses_is_bounded_by_the_device() {
    throttle.succeeded("device-a", "192.168.1.7");
    int admitted = 0;
    for (int source = 0; source < 200; source++) {
      admitted += guess("device-a", "10.0.1." + source) ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(FailedAuthThrottle.BURST);
    // The device still gets in from where it pushed before.
    assertThat(throttle.admit("device-a", "192.168.1.7")).isEmpty();
  }

  @Test
  void successes_take_no_tokens_so_many_devices_behind_one_address_push_freely() {
    for (int i = 0; i < 10_000; i++) {
      String device = "device-" + (i % 100);
      assertThat(throttle.admit(device, "10.0.0.1")).isEmpty();
      throttle.succeeded(device, "10.0.0.1");
    }
    // And a few failures among them do not lock the address out.
    for (int i = 0; i < FailedAuthThrottle.BURST - 1; i++) {
      guess("device-x", "10.0.0.1");
    }
    assertThat(throttle.admit("device-1", "10.0.0.1")).isEmpty();
  }

  @Test
  void concurrent_failures_admitted_together_are_paid_back_before_the_next_guess() {
    for (int i = 0; i < 50; i++) {
      assertThat(throttle.admit("device-a", "10.0.0.1")).isEmpty(); // 50 in flight at once
    }
    for (int i = 0; i < 50; i++) {
      throttle.failed("device-a", "10.0.0.1");
    }
    advanceMillis(30_000);
    assertThat(throttle.admit("device-b", "10.0.0.1")).isPresent();
    advanceMillis(1_000);
    assertThat(throttle.admit("device-b", "10.0.0.1")).isEmpty();
  }

  @Test
  void memory_is_bounded_however_many_devices_and_addresses_fail() {
    for (int i = 0; i < 20_000; i++) {
      guess("device-" + i, "10.1." + (i / 250) + "." + (i % 250));
      advanceMillis(1);
    }
    assertThat(throttle.bucketCount()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void a_request_without_a_source_is_not_throttled() {
    for (int i = 0; i < 100; i++) {
      assertThat(guess("device-a", "")).isTrue();
    }
    assertThat(throttle.bucketCount()).isZero();
  }
}
