package org.fis.billing.calculator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.fis.billing.calculator.QuarterHourUsage;
import org.fis.billing.calculator.RegisterReading;

/**
 * One meter's usage data sorted by time, in primitive arrays (thousandths of Wh/varh) for the hot
 * loops, with duplicate detection. Not thread-safe to build, immutable afterwards.
 */
final class UsageSeries {
  final List<RegisterReading> readings;
  final long[] readingSeconds;
  final boolean readingsHaveTariffRegisters;
  final boolean readingsHaveReactive;
  final long[] quarterStartSeconds;
  final long[] quarterActiveMilli;
  final long[] quarterReactiveImportMilli;
  final long[] quarterReactiveExportMilli;
  final boolean quartersHaveReactive;

  UsageSeries(List<RegisterReading> readingsAnyOrder, List<QuarterHourUsage> quartersAnyOrder) {
    readings = sortedReadings(readingsAnyOrder);
    readingSeconds = new long[readings.size()];
    boolean tariff = !readings.isEmpty();
    boolean reactive = !readings.isEmpty();
    for (int i = 0; i < readings.size(); i++) {
      RegisterReading reading = readings.get(i);
      readingSeconds[i] = reading.at().getEpochSecond();
      tariff &= reading.hasTariffRegisters();
      reactive &= reading.hasReactiveRegisters();
      if (i > 0 && readings.get(i - 1).at().equals(reading.at())) {
        throw new IllegalArgumentException("readings: two readings at " + reading.at());
      }
    }
    readingsHaveTariffRegisters = tariff;
    readingsHaveReactive = reactive;

    List<QuarterHourUsage> quarters = sortedQuarters(quartersAnyOrder);
    int count = quarters.size();
    quarterStartSeconds = new long[count];
    quarterActiveMilli = new long[count];
    quarterReactiveImportMilli = new long[count];
    quarterReactiveExportMilli = new long[count];
    boolean quarterReactive = count > 0;
    for (int i = 0; i < count; i++) {
      QuarterHourUsage quarter = quarters.get(i);
      quarterStartSeconds[i] = quarter.start().getEpochSecond();
      if (i > 0 && quarterStartSeconds[i] == quarterStartSeconds[i - 1]) {
        throw new IllegalArgumentException(
            "quarterHours: two quarter hours start at " + quarter.start());
      }
      quarterActiveMilli[i] = quarter.activeImport().valueMilli();
      if (quarter.hasReactive()) {
        quarterReactiveImportMilli[i] = quarter.reactiveImport().valueMilli();
        quarterReactiveExportMilli[i] = quarter.reactiveExport().valueMilli();
      } else {
        quarterReactive = false;
      }
    }
    quartersHaveReactive = quarterReactive;
  }

  boolean hasReadings() {
    return !readings.isEmpty();
  }

  boolean hasQuarters() {
    return quarterStartSeconds.length > 0;
  }

  /** Index of the first quarter hour starting at or after the instant. */
  int firstQuarterAtOrAfter(Instant instant) {
    return lowerBound(quarterStartSeconds, ceilSeconds(instant));
  }

  /** Index of the first reading at or after the instant (readings.size() if none). */
  int firstReadingAtOrAfter(Instant instant) {
    int index = lowerBound(readingSeconds, instant.getEpochSecond());
    // Readings may carry nanoseconds: step over one at the same second but before the instant.
    while (index < readings.size() && readings.get(index).at().isBefore(instant)) {
      index++;
    }
    return index;
  }

  static long ceilSeconds(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }

  static int lowerBound(long[] sorted, long key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static List<RegisterReading> sortedReadings(List<RegisterReading> input) {
    if (isSorted(input, Comparator.comparing(RegisterReading::at))) {
      return input;
    }
    List<RegisterReading> copy = new ArrayList<>(input);
    copy.sort(Comparator.comparing(RegisterReading::at));
    return copy;
  }

  private static List<QuarterHourUsage> sortedQuarters(List<QuarterHourUsage> input) {
    if (isSorted(input, Comparator.comparing(QuarterHourUsage::start))) {
      return input;
    }
    List<QuarterHourUsage> copy = new ArrayList<>(input);
    copy.sort(Comparator.comparing(QuarterHourUsage::start));
    return copy;
  }

  private static <T> boolean isSorted(List<T> list, Comparator<T> order) {
    for (int i = 1; i < list.size(); i++) {
      if (order.compare(list.get(i - 1), list.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }
}
