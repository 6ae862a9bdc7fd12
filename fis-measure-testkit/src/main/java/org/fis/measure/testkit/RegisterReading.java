package org.fis.measure.testkit;

import java.time.Instant;
import java.util.Objects;
import org.fis.measure.TariffMeasure;

/**
 * One reading of a meter's cumulative registers at an instant: absolute register values (not
 * advances), e.g. T1/T2 × import/export totals.
 *
 * @param at when the registers were read
 * @param registers the register values
 */
public record RegisterReading(Instant at, TariffMeasure registers) {
  /** Validates. */
  public RegisterReading {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(registers, "registers");
  }
}
