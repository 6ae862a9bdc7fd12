package org.fis.iot;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.fis.iot.internal.Measures;
import org.fis.measure.MeasureKind;
import org.fis.measure.Quantity;
import org.fis.measure.TariffMeasure;

/**
 * One stored raw reading of a meter, as exact quantities.
 *
 * @param meterId the meter
 * @param readAt when it was read
 * @param values per register, its value (absent registers were not sent)
 * @param registers the registers of the values, by name
 */
public record Reading(
    String meterId, Instant readAt, Map<String, Quantity> values, Map<String, Register> registers) {
  /** Validates the record. */
  public Reading {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(readAt, "readAt");
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    registers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(registers));
  }

  /**
   * The reading as measure-math values per measure kind (phase, direction and tariff arranged as in
   * {@link MeterAggregate#measures()}).
   *
   * @return the measures
   */
  public Map<MeasureKind, TariffMeasure> measures() {
    return Measures.ofReading(registers, values);
  }
}
