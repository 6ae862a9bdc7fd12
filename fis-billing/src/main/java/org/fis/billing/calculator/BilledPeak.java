package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The peak-power figures of a peak item, before and after rounding: the highest high-tariff
 * quarter-hour mean power exactly as measured, the same rounded to the reading scale, and the
 * quarter hour it occurred in. The item's quantity is the rounded reading rounded to the quantity
 * scale. Immutable and thread-safe.
 *
 * @param measuredKw the peak before rounding, exact, in kW
 * @param roundedKw the peak rounded to the item's reading scale, in kW
 * @param quarterHourStart the start of the quarter hour with the peak
 */
public record BilledPeak(BigDecimal measuredKw, BigDecimal roundedKw, Instant quarterHourStart) {
  /** Validates the figures. */
  public BilledPeak {
    Objects.requireNonNull(measuredKw, "measuredKw");
    Objects.requireNonNull(roundedKw, "roundedKw");
    Objects.requireNonNull(quarterHourStart, "quarterHourStart");
  }
}
