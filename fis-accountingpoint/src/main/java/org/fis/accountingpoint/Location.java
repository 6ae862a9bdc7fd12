package org.fis.accountingpoint;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The WGS84 position of an accounting point, stored exactly as the decimal the adapter sent.
 *
 * @param latitude degrees, -90 to 90
 * @param longitude degrees, -180 to 180
 */
public record Location(BigDecimal latitude, BigDecimal longitude) {
  private static final BigDecimal LATITUDE_MAX = BigDecimal.valueOf(90);
  private static final BigDecimal LONGITUDE_MAX = BigDecimal.valueOf(180);

  /** Validates the ranges and strips trailing zeros so that equal positions compare equal. */
  public Location {
    Objects.requireNonNull(latitude, "latitude");
    Objects.requireNonNull(longitude, "longitude");
    if (latitude.abs().compareTo(LATITUDE_MAX) > 0) {
      throw new IllegalArgumentException("latitude: must be within [-90, 90], got " + latitude);
    }
    if (longitude.abs().compareTo(LONGITUDE_MAX) > 0) {
      throw new IllegalArgumentException("longitude: must be within [-180, 180], got " + longitude);
    }
    latitude = normalise(latitude);
    longitude = normalise(longitude);
  }

  private static BigDecimal normalise(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
