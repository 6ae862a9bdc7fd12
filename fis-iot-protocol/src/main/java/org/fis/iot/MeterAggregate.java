package org.fis.iot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fis.iot.internal.Measures;
import org.fis.measure.MeasureKind;
import org.fis.measure.TariffMeasure;

/**
 * The aggregate of one meter over one period (quarter hour, day or month), what billing consumes.
 *
 * @param meterId the meter
 * @param resolution the period kind
 * @param periodStart start, inclusive
 * @param periodEnd end, exclusive
 * @param count readings merged in
 * @param registers per register name, its statistics (registers without readings are absent)
 */
public record MeterAggregate(
    String meterId,
    Resolution resolution,
    Instant periodStart,
    Instant periodEnd,
    long count,
    Map<String, RegisterAggregate> registers) {
  /** Validates the record. */
  public MeterAggregate {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(resolution, "resolution");
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(periodEnd, "periodEnd");
    registers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(registers));
  }

  /**
   * The aggregate as measure-math values, per measure kind: instantaneous registers become {@code
   * PhaseMeasure.Instantaneous} statistics, cumulative ones {@code PhaseMeasure.Cumulative} (first,
   * last), arranged by phase (three-phase and total as a composite), direction (import/export, net,
   * non-directional) and tariff (T0 single, T1/T2 dual).
   *
   * @return the measures
   */
  public Map<MeasureKind, TariffMeasure> measures() {
    return Measures.ofAggregate(registers.values());
  }
}
