package org.fis.billingiot;

import java.util.List;
import java.util.Objects;
import org.fis.billing.calculator.QuarterHourUsage;
import org.fis.billing.calculator.RegisterReading;

/**
 * A meter's billing input for one period, read from IoT storage: what {@code
 * org.fis.billing.calculator.MeterBilling} takes as readings and quarter hours. Immutable and
 * thread-safe.
 *
 * @param meterId the meter
 * @param readings the register readings at the period's start and end, where the meter has them
 *     (zero, one or two; the calculator warns about a missing one)
 * @param quarterHours the energy of every quarter hour of the period that has readings at both
 *     ends, in time order (a gap is left out, never filled)
 */
public record MeterUsage(
    String meterId, List<RegisterReading> readings, List<QuarterHourUsage> quarterHours) {
  /** Validates and copies. */
  public MeterUsage {
    Objects.requireNonNull(meterId, "meterId");
    readings = List.copyOf(readings);
    quarterHours = List.copyOf(quarterHours);
  }
}
