package org.fis.billing.calculator;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.fis.measure.time.Interval;

/**
 * What to bill: one network user, one period {@code [start, end)}, and the user's measurement
 * locations. Immutable and thread-safe.
 *
 * @param networkUserId the network user billed
 * @param period the billing period, not empty, typically a month in the calendar's zone (see {@link
 *     org.fis.measure.time.BillingCalendar#month})
 * @param meters the user's locations/meters, any order, at least one, no meter twice
 */
public record InvoiceRequest(String networkUserId, Interval period, List<MeterBilling> meters) {
  /** A bound on meters per invoice. */
  public static final int METERS_MAX = 10_000;

  /** Validates the request. */
  public InvoiceRequest {
    Objects.requireNonNull(networkUserId, "networkUserId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(meters, "meters");
    if (period.isEmpty()) {
      throw new IllegalArgumentException("period: must not be empty");
    }
    if (networkUserId.isBlank()) {
      throw new IllegalArgumentException("networkUserId: must not be blank");
    }
    if (meters.isEmpty() || meters.size() > METERS_MAX) {
      throw new IllegalArgumentException(
          "meters: between 1 and " + METERS_MAX + " expected, got " + meters.size());
    }
    Set<String> seen = new HashSet<>();
    for (MeterBilling meter : meters) {
      if (!seen.add(meter.locationId() + "\u0000" + meter.meterId())) {
        throw new IllegalArgumentException(
            "meters: location " + meter.locationId() + " meter " + meter.meterId() + " twice");
      }
    }
    meters = List.copyOf(meters);
  }
}
