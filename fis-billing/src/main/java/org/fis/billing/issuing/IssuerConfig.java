package org.fis.billing.issuing;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.fis.billing.calculator.WarningCode;

/**
 * Configuration of the {@link InvoiceIssuer}. Immutable and thread-safe.
 *
 * @param numberingZone the zone whose calendar year numbers the invoices
 * @param blockingWarnings the host's policy: an invoice whose calculation carries a warning with
 *     one of these codes is not issued but held back for a clerk ({@link IssueResult.Held}: no
 *     number taken, nothing written); empty (the default) issues every invoice with its warnings
 */
public record IssuerConfig(ZoneId numberingZone, Set<WarningCode> blockingWarnings) {
  /** Validates the configuration. */
  public IssuerConfig {
    Objects.requireNonNull(numberingZone, "numberingZone");
    Objects.requireNonNull(blockingWarnings, "blockingWarnings");
    blockingWarnings =
        blockingWarnings.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(blockingWarnings));
  }

  /**
   * A configuration that issues every invoice, warnings or not.
   *
   * @param numberingZone the zone whose calendar year numbers the invoices
   */
  public IssuerConfig(ZoneId numberingZone) {
    this(numberingZone, Set.of());
  }

  /** Numbering by the year in {@code Europe/Zagreb}; no warning blocks issuing. */
  public static IssuerConfig defaults() {
    return new IssuerConfig(ZoneId.of("Europe/Zagreb"), Set.of());
  }

  /** This configuration with another numbering zone. */
  public IssuerConfig withNumberingZone(ZoneId zone) {
    return new IssuerConfig(zone, blockingWarnings);
  }

  /** This configuration with another set of warnings that hold an invoice back. */
  public IssuerConfig withBlockingWarnings(Set<WarningCode> codes) {
    return new IssuerConfig(numberingZone, codes);
  }
}
