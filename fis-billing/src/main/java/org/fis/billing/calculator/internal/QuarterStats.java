package org.fis.billing.calculator.internal;

import java.time.Instant;
import java.util.List;
import org.fis.measure.time.Interval;

/**
 * One pass over the quarter hours of one part: sums, high-tariff sum, peak in the high tariff
 * strictly inside the part. Immutable after {@link #of}.
 */
final class QuarterStats {
  private static final long QUARTER_SECONDS = 900;

  long count;
  long countInside;
  long activeMilli;
  long highMilli;
  long reactiveImportMilli;
  long reactiveExportMilli;
  long peakHighMilliW;
  long highCountInside;
  Instant peakAt;

  private QuarterStats() {}

  static QuarterStats of(UsageSeries series, Interval part, List<Interval> highWindows) {
    QuarterStats stats = new QuarterStats();
    long partEnd = part.end().getEpochSecond();
    long partStart = UsageSeries.ceilSeconds(part.start());
    long[] windowStart = new long[highWindows.size()];
    long[] windowEnd = new long[highWindows.size()];
    for (int w = 0; w < windowStart.length; w++) {
      windowStart[w] = highWindows.get(w).start().getEpochSecond();
      windowEnd[w] = highWindows.get(w).end().getEpochSecond();
    }
    int first = UsageSeries.lowerBound(series.quarterStartSeconds, partStart);
    int last = UsageSeries.lowerBound(series.quarterStartSeconds, partEnd);
    int window = 0;
    long peakAtSeconds = Long.MIN_VALUE;
    for (int i = first; i < last; i++) {
      long start = series.quarterStartSeconds[i];
      long milli = series.quarterActiveMilli[i];
      stats.count++;
      stats.activeMilli = Math.addExact(stats.activeMilli, milli);
      stats.reactiveImportMilli =
          Math.addExact(stats.reactiveImportMilli, series.quarterReactiveImportMilli[i]);
      stats.reactiveExportMilli =
          Math.addExact(stats.reactiveExportMilli, series.quarterReactiveExportMilli[i]);
      while (window < windowEnd.length && windowEnd[window] <= start) {
        window++;
      }
      boolean high = window < windowEnd.length && windowStart[window] <= start;
      boolean inside = start + QUARTER_SECONDS <= partEnd;
      if (high) {
        stats.highMilli = Math.addExact(stats.highMilli, milli);
      }
      if (inside) {
        stats.countInside++;
      }
      if (high && inside) {
        stats.highCountInside++;
        // Mean power of a quarter hour: energy × 4 per hour, exact in thousandths.
        long powerMilliW = Math.multiplyExact(milli, 4L);
        if (powerMilliW > stats.peakHighMilliW || peakAtSeconds == Long.MIN_VALUE) {
          stats.peakHighMilliW = powerMilliW;
          peakAtSeconds = start;
        }
      }
    }
    stats.peakAt = peakAtSeconds == Long.MIN_VALUE ? null : Instant.ofEpochSecond(peakAtSeconds);
    return stats;
  }

  /** How many quarter hours start inside {@code [start, end)}. */
  static long expected(Interval part) {
    long first = -Math.floorDiv(-UsageSeries.ceilSeconds(part.start()), QUARTER_SECONDS);
    long endSeconds = UsageSeries.ceilSeconds(part.end());
    long last = Math.floorDiv(endSeconds - 1, QUARTER_SECONDS);
    return Math.max(0, last - first + 1);
  }
}
