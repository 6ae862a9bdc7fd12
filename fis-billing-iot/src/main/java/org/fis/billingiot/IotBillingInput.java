package org.fis.billingiot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge from fis-iot-protocol's storage to fis-billing's input: a meter's {@link MeterUsage}
 * for a period, in the caller's transaction.
 *
 * <ul>
 *   <li><b>Register readings</b> at the period's start and end, from the stored raw readings (the
 *       reading taken at exactly that instant, if any), converted with {@link RegisterReading#of}:
 *       T0 from the active energy's total import, T1/T2 from its dual-tariff registers, reactive
 *       import and export. The calculator applies its reading rule and tolerance to them and warns
 *       about a missing one.
 *   <li><b>Quarter-hour energy</b> from the quarter-hour aggregates: the difference between the
 *       first reading of the configured cumulative register in consecutive quarter hours. A quarter
 *       hour without an aggregate, or whose successor is missing, is left out (the calculator
 *       counts and warns about missing quarter hours), so nothing is estimated.
 * </ul>
 *
 * <p>Why a bridge module: fis-billing takes fis-measure-math values and knows no storage, and
 * fis-iot-protocol knows no billing; the host composes them. This module is that composition,
 * shipped and tested once instead of copied into every host.
 *
 * <p>Transactions: every method takes the caller's {@link Handle} and only reads, in the caller's
 * transaction. Thread-safe: holds only configuration.
 */
public final class IotBillingInput {
  private static final Logger LOG = LoggerFactory.getLogger(IotBillingInput.class);

  /** A bound on pages per aggregate query: more than ten years of quarter hours at the default. */
  public static final int PAGES_MAX = 100;

  private final AggregateQueries queries;
  private final IotBillingConfig config;

  private IotBillingInput(AggregateQueries queries, IotBillingConfig config) {
    this.queries = queries;
    this.config = config;
  }

  /**
   * Creates the bridge.
   *
   * @param queries fis-iot-protocol's aggregate queries (its configuration and meter models)
   * @param config which registers to read
   * @return the bridge
   */
  public static IotBillingInput create(AggregateQueries queries, IotBillingConfig config) {
    Objects.requireNonNull(queries, "queries");
    Objects.requireNonNull(config, "config");
    LOG.info("fis-billing-iot: {}", config);
    return new IotBillingInput(queries, config);
  }

  /**
   * The billing input of one meter for a period.
   *
   * @param handle the caller's handle
   * @param meterId the meter
   * @param period the billing period {@code [start, end)}
   * @return readings at both ends (where present) and the quarter hours' energy
   */
  public MeterUsage usage(Handle handle, String meterId, Interval period) {
    Objects.requireNonNull(handle, "handle");
    requireMeter(meterId);
    Objects.requireNonNull(period, "period");
    return new MeterUsage(
        meterId, boundaryReadings(handle, meterId, period), quarterHours(handle, meterId, period));
  }

  /**
   * The register readings taken exactly at the period's start and end, where the meter has them.
   *
   * @param handle the caller's handle
   * @param meterId the meter
   * @param period the period
   * @return zero, one or two readings, in time order
   */
  public List<RegisterReading> boundaryReadings(Handle handle, String meterId, Interval period) {
    Objects.requireNonNull(handle, "handle");
    requireMeter(meterId);
    Objects.requireNonNull(period, "period");
    List<RegisterReading> readings = new ArrayList<>(2);
    for (Instant at : List.of(period.start(), period.end())) {
      List<Reading> found =
          queries.readings(handle, meterId, at, at.plusSeconds(1), null, 1).items();
      if (!found.isEmpty() && found.get(0).measures().containsKey(MeasureKind.ACTIVE_ENERGY)) {
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

  /**
   * The energy of every quarter hour of the period that has readings at both of its ends.
   *
   * @param handle the caller's handle
   * @param meterId the meter
   * @param period the period (its quarter hours; the aggregate of the quarter hour starting at the
   *     period's end is read too, for the last difference)
   * @return the quarter hours in time order
   */
  public List<QuarterHourUsage> quarterHours(Handle handle, String meterId, Interval period) {
    Objects.requireNonNull(handle, "handle");
    requireMeter(meterId);
    Objects.requireNonNull(period, "period");
    List<MeterAggregate> aggregates =
        aggregates(handle, meterId, period.start(), period.end().plus(QuarterHours.LENGTH));
    List<QuarterHourUsage> usage = new ArrayList<>(aggregates.size());
    for (int i = 0; i + 1 < aggregates.size(); i++) {
      MeterAggregate current = aggregates.get(i);
      MeterAggregate next = aggregates.get(i + 1);
      if (!next.periodStart().equals(current.periodEnd())
          || !current.periodStart().isBefore(period.end())) {
        continue; // a gap: no energy is attributed to a quarter hour without both readings
      }
      Optional<Quantity> active = difference(current, next, config.activeImportRegister());
      if (active.isEmpty()) {
        continue;
      }
      usage.add(
          new QuarterHourUsage(
              current.periodStart(),
              active.get(),
              difference(current, next, config.reactiveImportRegister()).orElse(null),
              difference(current, next, config.reactiveExportRegister()).orElse(null)));
    }
    return usage;
  }

  private List<MeterAggregate> aggregates(Handle handle, String meterId, Instant from, Instant to) {
    List<MeterAggregate> all = new ArrayList<>();
    Instant after = null;
    for (int page = 0; page < PAGES_MAX; page++) {
      AggregatePage<MeterAggregate> result =
          queries.aggregates(
              handle, meterId, Resolution.QUARTER_HOUR, from, to, after, config.pageSize());
      all.addAll(result.items());
      if (result.nextAfter().isEmpty()) {
        return all;
      }
      after = result.nextAfter().get();
    }
    throw new IllegalArgumentException(
        "period: more than " + PAGES_MAX + " pages of " + config.pageSize() + " aggregates");
  }

  private static Optional<Quantity> difference(
      MeterAggregate current, MeterAggregate next, String register) {
    if (current.registers().get(register) instanceof RegisterAggregate.Cumulative first
        && next.registers().get(register) instanceof RegisterAggregate.Cumulative second) {
      return Optional.of(second.first().subtract(first.first()));
    }
    return Optional.empty();
  }

  private static void requireMeter(String meterId) {
    Objects.requireNonNull(meterId, "meterId");
    if (meterId.isBlank()) {
      throw new IllegalArgumentException("meterId: must not be blank");
    }
  }
}
