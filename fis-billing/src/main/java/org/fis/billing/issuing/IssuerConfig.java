package org.fis.billing.issuing;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Configuration of the {@link InvoiceIssuer}. Immutable and thread-safe.
 *
 * @param numberingZone the zone whose calendar year numbers the invoices
 */
public record IssuerConfig(ZoneId numberingZone) {
  /** Validates the configuration. */
  public IssuerConfig {
    Objects.requireNonNull(numberingZone, "numberingZone");
  }

  /** Numbering by the year in {@code Europe/Zagreb}. */
  public static IssuerConfig defaults() {
    return new IssuerConfig(ZoneId.of("Europe/Zagreb"));
  }

  /** This configuration with another numbering zone. */
  public IssuerConfig withNumberingZone(ZoneId zone) {
    return new IssuerConfig(zone);
  }
}
