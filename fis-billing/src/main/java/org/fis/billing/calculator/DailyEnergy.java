package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Active energy imported on one local day of the calendar's zone, from quarter-hour data, for the
 * invoice's consumption chart. Immutable and thread-safe.
 *
 * @param date the local day
 * @param activeImportKwh energy in kWh, 3 decimals (exact Wh)
 */
public record DailyEnergy(LocalDate date, BigDecimal activeImportKwh) {
  /** Validates the value. */
  public DailyEnergy {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(activeImportKwh, "activeImportKwh");
  }
}
