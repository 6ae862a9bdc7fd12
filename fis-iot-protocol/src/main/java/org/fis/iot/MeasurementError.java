package org.fis.iot;

import java.util.Objects;

/**
 * Why one measurement (or the whole batch, index -1) was rejected.
 *
 * @param index the measurement's position in the batch, or -1 for the batch itself
 * @param field the offending field, e.g. {@code readAt} or {@code values.VoltageL1AnyT0_V}
 * @param reason a human-readable reason
 */
public record MeasurementError(int index, String field, String reason) {
  /** Validates the record. */
  public MeasurementError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    if (index < -1) {
      throw new IllegalArgumentException("index: must be >= -1, got " + index);
    }
  }
}
