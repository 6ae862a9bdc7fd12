package org.fis.examples.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one benchmark run, printed as one JSON object by {@code fis bench <area> --json}.
 *
 * @param area the benchmark area, e.g. {@code ingest}
 * @param metric the unit of {@code value}, e.g. {@code measurements/s}
 * @param value the suite's figure
 * @param baseline what the baseline is, e.g. {@code COPY of the same rows}
 * @param baselineValue the baseline's figure, measured in the same run
 * @param better {@code higher} or {@code lower}: which direction is better for this metric
 * @param quick whether this was a {@code --quick} run
 * @param details further figures (secondary metrics, sizes, settings)
 */
public record BenchResult(
    String area,
    String metric,
    double value,
    String baseline,
    double baselineValue,
    String better,
    boolean quick,
    Map<String, Object> details) {

  /** Validates the result. */
  public BenchResult {
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(baseline, "baseline");
    if (!better.equals("higher") && !better.equals("lower")) {
      throw new IllegalArgumentException("better: must be 'higher' or 'lower', got " + better);
    }
    if (!(value >= 0) || !(baselineValue > 0)) {
      throw new IllegalArgumentException(
          "value and baselineValue: must be finite, non-negative and the baseline positive; got "
              + value
              + " and "
              + baselineValue);
    }
    details = new LinkedHashMap<>(details);
  }

  /** {@code value / baselineValue}. */
  public double ratio() {
    return value / baselineValue;
  }
}
