package org.fis.iot;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One reading of one meter as a device sends it: register values in the register's sent unit. Not
 * yet validated against the meter's model (see {@link MeasurementIngest}).
 *
 * @param meterId the meter
 * @param readAt when the meter was read
 * @param values register name to value, in insertion order
 */
public record Measurement(String meterId, Instant readAt, Map<String, BigDecimal> values) {
  /** Validates the record. */
  public Measurement {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(readAt, "readAt");
    Objects.requireNonNull(values, "values");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
