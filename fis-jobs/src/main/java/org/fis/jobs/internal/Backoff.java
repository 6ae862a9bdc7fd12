package org.fis.jobs.internal;

import java.time.Duration;

/** Exponential backoff: pure function, thread-safe. */
public final class Backoff {
  /** Doubling stops here; 2^30 times any sensible base is already beyond any sensible maximum. */
  private static final int DOUBLINGS_MAX = 30;

  private Backoff() {}

  /**
   * The delay before the next attempt after attempt number {@code attempt} failed: {@code base ×
   * 2^(attempt − 1)}, at most {@code max}.
   *
   * @param attempt the failed attempt, starting at 1
   * @param base the delay after the first failure
   * @param max the largest delay
   * @return the delay in milliseconds
   */
  public static long delayMillis(int attempt, Duration base, Duration max) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt: must be at least 1, got " + attempt);
    }
    long baseMillis = base.toMillis();
    long maxMillis = max.toMillis();
    int doublings = Math.min(attempt - 1, DOUBLINGS_MAX);
    long delay = baseMillis;
    for (int i = 0; i < doublings && delay < maxMillis; i++) {
      delay = delay * 2;
    }
    return Math.min(delay, maxMillis);
  }
}
