package org.fis.accountingpoint;

import java.time.Instant;

/**
 * One entry of a time-dependent relation of an accounting point, valid over the half-open range
 * {@code [validFrom, validTo)}; a {@code null} {@code validTo} is an open end.
 */
public sealed interface TimelinePeriod
    permits EndUserPeriod, EnergySupplierPeriod, MeteringGridAreaPeriod, EnergyDirectionPeriod {
  /** Start of validity, inclusive. */
  Instant validFrom();

  /** End of validity, exclusive; {@code null} for an open end. */
  Instant validTo();

  /**
   * Validates a half-open range.
   *
   * @param validFrom the start, not null
   * @param validTo the end or null
   */
  static void checkRange(Instant validFrom, Instant validTo) {
    if (validFrom == null) {
      throw new NullPointerException("validFrom");
    }
    if (validTo != null && !validFrom.isBefore(validTo)) {
      throw new IllegalArgumentException(
          "validTo: must be after validFrom " + validFrom + ", got " + validTo);
    }
  }
}
