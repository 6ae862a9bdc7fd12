package org.fis.accountingpoint;

import java.time.Instant;
import java.util.Objects;

/**
 * The energy supplier of an accounting point over {@code [validFrom, validTo)}.
 *
 * @param gln the supplier's GLN (13 digits, GS1 check digit)
 * @param validFrom start, inclusive
 * @param validTo end, exclusive, or null for an open end
 */
public record EnergySupplierPeriod(String gln, Instant validFrom, Instant validTo)
    implements TimelinePeriod {
  /** Validates the period. */
  public EnergySupplierPeriod {
    Objects.requireNonNull(gln, "gln");
    String problem = BusinessIds.glnProblem(gln);
    if (problem != null) {
      throw new IllegalArgumentException("gln: " + problem + ": " + gln);
    }
    TimelinePeriod.checkRange(validFrom, validTo);
  }
}
