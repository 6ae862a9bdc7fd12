package org.fis.iot.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.fis.iot.Measurement;

/**
 * A measurement as sent, in the compact form the ingest engine reads: value {@code i} is register
 * {@code names[i]} with value {@code unscaled[i] × 10^-scales[i]}, or {@code exact[i]} when that is
 * not null (numbers that do not fit a long with a small scale: rare, checked the slow way). The
 * arrays are owned by this object and never changed after construction.
 *
 * @param meterId the meter
 * @param readAt when the meter was read
 * @param names register names, in the order sent
 * @param unscaled unscaled values
 * @param scales decimal scales of the unscaled values
 * @param exact exact values where the unscaled form does not apply; null when none
 */
public record SentMeasurement(
    String meterId,
    Instant readAt,
    String[] names,
    long[] unscaled,
    int[] scales,
    BigDecimal[] exact) {
  /** Validates the arrays' lengths. */
  public SentMeasurement {
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(readAt, "readAt");
    if (unscaled.length != names.length
        || scales.length != names.length
        || (exact != null && exact.length != names.length)) {
      throw new IllegalArgumentException("names, unscaled, scales, exact: lengths differ");
    }
  }

  /** Number of values. */
  public int size() {
    return names.length;
  }

  /** Value {@code i} as a BigDecimal (for tests and error messages). */
  public BigDecimal value(int i) {
    return exact != null && exact[i] != null
        ? exact[i]
        : BigDecimal.valueOf(unscaled[i], scales[i]);
  }

  /** The compact form of a public {@link Measurement}. */
  public static SentMeasurement of(Measurement m) {
    int size = m.values().size();
    String[] names = new String[size];
    long[] unscaled = new long[size];
    int[] scales = new int[size];
    BigDecimal[] exact = null;
    int i = 0;
    for (Map.Entry<String, BigDecimal> e : m.values().entrySet()) {
      names[i] = e.getKey();
      BigDecimal value =
          Objects.requireNonNull(e.getValue(), () -> "values: no value for " + e.getKey());
      if (value.scale() >= 0 && value.scale() <= 18 && value.precision() <= 18) {
        unscaled[i] = value.unscaledValue().longValueExact();
        scales[i] = value.scale();
      } else {
        if (exact == null) {
          exact = new BigDecimal[size];
        }
        exact[i] = value;
      }
      i++;
    }
    return new SentMeasurement(m.meterId(), m.readAt(), names, unscaled, scales, exact);
  }

  /** This measurement as a public {@link Measurement} (tests). */
  public Measurement toMeasurement() {
    Map<String, BigDecimal> values = new java.util.LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      values.put(names[i], value(i));
    }
    return new Measurement(meterId, readAt, values);
  }
}
