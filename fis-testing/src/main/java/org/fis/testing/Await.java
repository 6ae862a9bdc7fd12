package org.fis.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Waits until a condition holds, for tests of background work (workers, job processors). The bound
 * is a safety net against a hang, never a timing assertion: the wait ends as soon as the condition
 * holds.
 */
public final class Await {
  /** How often the condition is checked. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(20);

  private Await() {}

  /**
   * Blocks until {@code condition} is true.
   *
   * @param what the condition in words, for the failure message
   * @param bound the longest wait before the test fails
   * @param condition the condition, checked every {@link #POLL_INTERVAL}
   * @throws AssertionError when the bound passes first, or the thread is interrupted
   */
  public static void until(String what, Duration bound, BooleanSupplier condition) {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(bound, "bound");
    Objects.requireNonNull(condition, "condition");
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within the bound of " + bound + ": " + what);
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
