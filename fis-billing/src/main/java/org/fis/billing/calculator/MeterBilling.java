package org.fis.billing.calculator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the calculator needs to bill one measurement location (one meter) of a network user:
 * its tariff model, when it was active, its catalogues, and its usage data.
 *
 * <p>Usage comes as cumulative register readings (billed by "reading at the boundary", see {@link
 * ReadingRule}) and/or quarter-hour usage (needed for peak power and for the calendar's high/low
 * split). Either list may be empty; the calculator warns about what it could not bill. The lists
 * may be in any order; duplicates (two readings at one instant, two quarter hours with one start)
 * are rejected.
 *
 * <p>Immutable and thread-safe.
 *
 * @param locationId the measurement location
 * @param meterId the meter
 * @param tariffModel which items are billed
 * @param activeFrom when the location became active for this network user
 * @param activeUntil when it stopped, or {@code null} when still active
 * @param usageCatalogues prices of the usage items of {@code tariffModel}
 * @param supplyCatalogues prices of the supply items
 * @param readings cumulative register readings, any order
 * @param quarterHours quarter-hour usage, any order
 */
public record MeterBilling(
    String locationId,
    String meterId,
    TariffModel tariffModel,
    Instant activeFrom,
    Instant activeUntil,
    CatalogueTimeline usageCatalogues,
    CatalogueTimeline supplyCatalogues,
    List<RegisterReading> readings,
    List<QuarterHourUsage> quarterHours) {

  /** A bound on readings per meter and call: a year of one reading per quarter hour, and more. */
  public static final int READINGS_MAX = 40_000;

  /** A bound on quarter hours per meter and call: more than a year. */
  public static final int QUARTER_HOURS_MAX = 40_000;

  /** Validates the meter's input. */
  public MeterBilling {
    Objects.requireNonNull(locationId, "locationId");
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(tariffModel, "tariffModel");
    Objects.requireNonNull(activeFrom, "activeFrom");
    Objects.requireNonNull(usageCatalogues, "usageCatalogues");
    Objects.requireNonNull(supplyCatalogues, "supplyCatalogues");
    Objects.requireNonNull(readings, "readings");
    Objects.requireNonNull(quarterHours, "quarterHours");
    if (locationId.isBlank() || meterId.isBlank()) {
      throw new IllegalArgumentException("locationId/meterId: must not be blank");
    }
    if (activeUntil != null && !activeUntil.isAfter(activeFrom)) {
      throw new IllegalArgumentException("activeUntil: must be after activeFrom " + activeFrom);
    }
    if (readings.size() > READINGS_MAX) {
      throw new IllegalArgumentException("readings: more than " + READINGS_MAX);
    }
    if (quarterHours.size() > QUARTER_HOURS_MAX) {
      throw new IllegalArgumentException("quarterHours: more than " + QUARTER_HOURS_MAX);
    }
    if (!usageCatalogues.currency().equals(supplyCatalogues.currency())) {
      throw new IllegalArgumentException(
          "supplyCatalogues: currency differs from usage catalogues");
    }
    readings = List.copyOf(readings);
    quarterHours = List.copyOf(quarterHours);
  }

  /** This meter with other usage data (same configuration). */
  public MeterBilling withUsage(
      List<RegisterReading> newReadings, List<QuarterHourUsage> newQuarterHours) {
    return new MeterBilling(
        locationId,
        meterId,
        tariffModel,
        activeFrom,
        activeUntil,
        usageCatalogues,
        supplyCatalogues,
        newReadings,
        newQuarterHours);
  }
}
