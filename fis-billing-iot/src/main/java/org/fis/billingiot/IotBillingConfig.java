package org.fis.billingiot;

import java.util.Objects;

/**
 * Which stored registers the bridge reads, and how many aggregates per page. Immutable and
 * thread-safe.
 *
 * @param activeImportRegister the cumulative active-import register (T0) of the quarter-hour
 *     aggregates, default {@value #ACTIVE_IMPORT_DEFAULT}
 * @param reactiveImportRegister the cumulative reactive-import register, default {@value
 *     #REACTIVE_IMPORT_DEFAULT}
 * @param reactiveExportRegister the cumulative reactive-export register, default {@value
 *     #REACTIVE_EXPORT_DEFAULT}
 * @param pageSize aggregates per query page, 1 to {@value #PAGE_SIZE_MAX}
 */
public record IotBillingConfig(
    String activeImportRegister,
    String reactiveImportRegister,
    String reactiveExportRegister,
    int pageSize) {
  /** The ABB B2x / Schneider iEM3xxx total active import register. */
  public static final String ACTIVE_IMPORT_DEFAULT = "ActiveEnergyTotalImportT0_Wh";

  /** The total reactive import register. */
  public static final String REACTIVE_IMPORT_DEFAULT = "ReactiveEnergyTotalImportT0_VARh";

  /** The total reactive export register. */
  public static final String REACTIVE_EXPORT_DEFAULT = "ReactiveEnergyTotalExportT0_VARh";

  /** Aggregates per page by default (below fis-iot-protocol's page maximum). */
  public static final int PAGE_SIZE_DEFAULT = 5_000;

  /** A bound on the page size. */
  public static final int PAGE_SIZE_MAX = 10_000;

  /** Validates the configuration. */
  public IotBillingConfig {
    requireName(activeImportRegister, "activeImportRegister");
    requireName(reactiveImportRegister, "reactiveImportRegister");
    requireName(reactiveExportRegister, "reactiveExportRegister");
    if (pageSize < 1 || pageSize > PAGE_SIZE_MAX) {
      throw new IllegalArgumentException(
          "pageSize: " + pageSize + ", must be 1 to " + PAGE_SIZE_MAX);
    }
  }

  /** The built-in meter models' total registers, pages of {@value #PAGE_SIZE_DEFAULT}. */
  public static IotBillingConfig defaults() {
    return new IotBillingConfig(
        ACTIVE_IMPORT_DEFAULT, REACTIVE_IMPORT_DEFAULT, REACTIVE_EXPORT_DEFAULT, PAGE_SIZE_DEFAULT);
  }

  /** This configuration with another page size. */
  public IotBillingConfig withPageSize(int size) {
    return new IotBillingConfig(
        activeImportRegister, reactiveImportRegister, reactiveExportRegister, size);
  }

  /** This configuration with other register names. */
  public IotBillingConfig withRegisters(
      String activeImport, String reactiveImport, String reactiveExport) {
    return new IotBillingConfig(activeImport, reactiveImport, reactiveExport, pageSize);
  }

  private static void requireName(String value, String field) {
    Objects.requireNonNull(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + ": must not be blank");
    }
  }
}
