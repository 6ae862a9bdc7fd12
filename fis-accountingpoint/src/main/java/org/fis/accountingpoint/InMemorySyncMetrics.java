package org.fis.accountingpoint;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link SyncMetrics} kept in memory: counters, and per timer the count, total and maximum.
 * Thread-safe. Useful for tests, the examples and hosts without a metrics registry.
 */
public final class InMemorySyncMetrics implements SyncMetrics {
  private final Map<Counter, LongAdder> counters = new EnumMap<>(Counter.class);
  private final Map<Timer, LongAdder> timerCounts = new EnumMap<>(Timer.class);
  private final Map<Timer, LongAdder> timerTotals = new EnumMap<>(Timer.class);
  private final Map<Timer, LongAccumulator> timerMaxima = new EnumMap<>(Timer.class);

  /** Creates empty metrics. */
  public InMemorySyncMetrics() {
    for (Counter counter : Counter.values()) {
      counters.put(counter, new LongAdder());
    }
    for (Timer timer : Timer.values()) {
      timerCounts.put(timer, new LongAdder());
      timerTotals.put(timer, new LongAdder());
      timerMaxima.put(timer, new LongAccumulator(Math::max, 0));
    }
  }

  @Override
  public void increment(Counter counter, long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount: must not be negative, got " + amount);
    }
    counters.get(counter).add(amount);
  }

  @Override
  public void record(Timer timer, Duration duration) {
    long nanos = duration.toNanos();
    timerCounts.get(timer).increment();
    timerTotals.get(timer).add(nanos);
    timerMaxima.get(timer).accumulate(nanos);
  }

  /** The current value of a counter. */
  public long count(Counter counter) {
    return counters.get(counter).sum();
  }

  /** How many timings were recorded. */
  public long count(Timer timer) {
    return timerCounts.get(timer).sum();
  }

  /** The mean of a timer, zero when nothing was recorded. */
  public Duration mean(Timer timer) {
    long count = timerCounts.get(timer).sum();
    return count == 0 ? Duration.ZERO : Duration.ofNanos(timerTotals.get(timer).sum() / count);
  }

  /** The maximum of a timer. */
  public Duration max(Timer timer) {
    return Duration.ofNanos(timerMaxima.get(timer).get());
  }
}
