package org.fis.examples.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fis.billing.calculator.QuarterHourUsage;
import org.fis.billing.calculator.RegisterReading;
import org.fis.iot.AggregatePage;
import org.fis.iot.AggregateQueries;
import org.fis.iot.MeterAggregate;
import org.fis.iot.Reading;
import org.fis.iot.RegisterAggregate;
import org.fis.iot.Resolution;
import org.fis.measure.MeasureKind;
import org.fis.measure.Quantity;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;
import org.jdbi.v3.core.Handle;

/**
 * The glue between fis-iot-protocol and fis-billing, which know nothing of each other: a meter's
 * billing input for a period, read from IoT storage in the caller's transaction.
 *
 * <ul>
 *   <li>Register readings at both ends of the period, from the raw readings (billing applies its
 *       explicit "last at or before" / "first at or after" rules to them).
 *   <li>Quarter-hour energy from the quarter-hour aggregates: the difference of the cumulative
 *       registers' first readings of consecutive quarter hours.
 * </ul>
 */
final class UsageFromIot {
  static final String ACTIVE_IMPORT = "ActiveEnergyTotalImportT0_Wh";
  static final String REACTIVE_IMPORT = "ReactiveEnergyTotalImportT0_VARh";
  static final String REACTIVE_EXPORT = "ReactiveEnergyTotalExportT0_VARh";

  /** Page size of the aggregate queries (below the IoT default page maximum). */
  static final int PAGE_SIZE = 5_000;

  /** Bound on pages per query: more than ten years of quarter hours. */
  private static final int PAGES_MAX = 100;

  private UsageFromIot() {}

  /** The readings at the period's start and end, where the meter has them. */
  static List<RegisterReading> boundaryReadings(
      Handle handle, AggregateQueries queries, String meterId, Interval period) {
    List<RegisterReading> readings = new ArrayList<>(2);
    for (Instant at : List.of(period.start(), period.end())) {
      List<Reading> found =
          queries.readings(handle, meterId, at, at.plusSeconds(1), null, 1).items();
      if (!found.isEmpty()) {
        Reading reading = found.get(0);
        readings.add(
            RegisterReading.of(
                reading.readAt(),
                reading.measures().get(MeasureKind.ACTIVE_ENERGY),
                reading.measures().get(MeasureKind.REACTIVE_ENERGY)));
      }
    }
    return readings;
  }

  /** The energy of every quarter hour of the period that has readings at both of its ends. */
  static List<QuarterHourUsage> quarterHours(
      Handle handle, AggregateQueries queries, String meterId, Interval period) {
    List<MeterAggregate> aggregates =
        aggregates(
            handle,
            queries,
            meterId,
            Resolution.QUARTER_HOUR,
            period.start(),
            period.end().plus(QuarterHours.LENGTH));
    List<QuarterHourUsage> usage = new ArrayList<>(aggregates.size());
    for (int i = 0; i + 1 < aggregates.size(); i++) {
      MeterAggregate current = aggregates.get(i);
      MeterAggregate next = aggregates.get(i + 1);
      if (!next.periodStart().equals(current.periodEnd())) {
        continue; // a gap: no energy is attributed to a quarter hour without both readings
      }
      usage.add(
          new QuarterHourUsage(
              current.periodStart(),
              difference(current, next, ACTIVE_IMPORT).orElse(null),
              difference(current, next, REACTIVE_IMPORT).orElse(null),
              difference(current, next, REACTIVE_EXPORT).orElse(null)));
    }
    return usage;
  }

  /** Every aggregate of a meter in {@code [from, to)} at a resolution, page by page. */
  static List<MeterAggregate> aggregates(
      Handle handle,
      AggregateQueries queries,
      String meterId,
      Resolution resolution,
      Instant from,
      Instant to) {
    List<MeterAggregate> all = new ArrayList<>();
    Instant after = null;
    for (int page = 0; page < PAGES_MAX; page++) {
      AggregatePage<MeterAggregate> result =
          queries.aggregates(handle, meterId, resolution, from, to, after, PAGE_SIZE);
      all.addAll(result.items());
      if (result.nextAfter().isEmpty()) {
        return all;
      }
      after = result.nextAfter().get();
    }
    throw new IllegalStateException("more than " + PAGES_MAX + " pages of aggregates");
  }

  private static Optional<Quantity> difference(
      MeterAggregate current, MeterAggregate next, String register) {
    if (current.registers().get(register) instanceof RegisterAggregate.Cumulative first
        && next.registers().get(register) instanceof RegisterAggregate.Cumulative second) {
      return Optional.of(second.first().subtract(first.first()));
    }
    return Optional.empty();
  }
}
