package org.fis.accountingpoint;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waiting for a condition in concurrency tests (a safety bound, not a timing check). */
final class Await {
  private Await() {}

  static void until(String what, Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within the bound of " + bound + ": " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
