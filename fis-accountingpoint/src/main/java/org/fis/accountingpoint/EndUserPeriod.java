package org.fis.accountingpoint;

import java.time.Instant;
import java.util.Objects;

/**
 * The end user of an accounting point over {@code [validFrom, validTo)}. The business id is
 * personal data for persons; it is never logged.
 *
 * @param businessId organisation number (9 digits) or person id (11 digits)
 * @param entityType person or organisation, consistent with the id's shape
 * @param validFrom start, inclusive
 * @param validTo end, exclusive, or null for an open end
 */
public record EndUserPeriod(
    String businessId, EntityType entityType, Instant validFrom, Instant validTo)
    implements TimelinePeriod {
  /** Validates the period. */
  public EndUserPeriod {
    Objects.requireNonNull(businessId, "businessId");
    Objects.requireNonNull(entityType, "entityType");
    String problem = BusinessIds.endUserProblem(businessId, entityType);
    if (problem != null) {
      throw new IllegalArgumentException("businessId: " + problem);
    }
    TimelinePeriod.checkRange(validFrom, validTo);
  }

  @Override
  public String toString() {
    return "EndUserPeriod[" + entityType.code() + " <hidden>, " + validFrom + ", " + validTo + "]";
  }
}
