package org.fis.accountingpoint;

import java.time.Instant;
import java.util.Objects;

/**
 * The metering grid area of an accounting point over {@code [validFrom, validTo)}.
 *
 * @param eic the area's EIC-Y code (16 characters, check character)
 * @param validFrom start, inclusive
 * @param validTo end, exclusive, or null for an open end
 */
public record MeteringGridAreaPeriod(String eic, Instant validFrom, Instant validTo)
    implements TimelinePeriod {
  /** Validates the period. */
  public MeteringGridAreaPeriod {
    Objects.requireNonNull(eic, "eic");
    String problem = BusinessIds.eicYProblem(eic);
    if (problem != null) {
      throw new IllegalArgumentException("eic: " + problem + ": " + eic);
    }
    TimelinePeriod.checkRange(validFrom, validTo);
  }
}
