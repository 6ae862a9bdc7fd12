package org.fis.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that tests set and advance by hand, for code that takes an injected clock (every
 * FIS module does). Thread-safe: the instant is read and written atomically, so concurrency tests
 * may advance it while workers read it. {@link #withZone} returns a view that follows this clock.
 */
public final class SettableClock extends Clock {
  private final ZoneId zone;
  private final SettableClock source;
  private volatile Instant now;

  /**
   * Creates a clock standing at {@code start}, in UTC.
   *
   * @param start the initial instant
   */
  public SettableClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
    this.zone = ZoneOffset.UTC;
    this.source = null;
  }

  private SettableClock(SettableClock source, ZoneId zone) {
    this.source = source;
    this.zone = zone;
  }

  /**
   * Moves the clock to an instant (backwards too).
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    root().now = instant;
  }

  /**
   * Moves the clock forward (or backward, for a negative duration).
   *
   * @param duration how far
   */
  public void advance(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    SettableClock root = root();
    synchronized (root) {
      root.now = root.now.plus(duration);
    }
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new SettableClock(root(), zone);
  }

  @Override
  public Instant instant() {
    return root().now;
  }

  private SettableClock root() {
    return source == null ? this : source;
  }
}
