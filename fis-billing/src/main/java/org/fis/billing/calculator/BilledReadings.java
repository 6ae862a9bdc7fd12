package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The two boundary register readings an energy item was billed from, as the document prints them:
 * each reading in kilo-units (kWh, kvarh) rounded to the item's reading scale, the way the quantity
 * was computed ({@code quantity = round_q(end − start)}). Immutable and thread-safe.
 *
 * @param register which register, e.g. {@code active import T1}
 * @param startAt when the start reading was taken (may differ from the part's start within the
 *     reading tolerance)
 * @param start the start reading, rounded as billed, in {@code unit}
 * @param endAt when the end reading was taken
 * @param end the end reading, rounded as billed, in {@code unit}
 * @param unit {@code kWh} or {@code kvarh}
 */
public record BilledReadings(
    String register,
    Instant startAt,
    BigDecimal start,
    Instant endAt,
    BigDecimal end,
    String unit) {
  /** Validates the readings. */
  public BilledReadings {
    Objects.requireNonNull(register, "register");
    Objects.requireNonNull(startAt, "startAt");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(endAt, "endAt");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(unit, "unit");
  }

  /** {@code end − start}, before the quantity rounding. */
  public BigDecimal difference() {
    return end.subtract(start);
  }
}
