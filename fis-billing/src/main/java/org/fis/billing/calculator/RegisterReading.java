package org.fis.billing.calculator;

import java.time.Instant;
import java.util.Objects;

/**
 * One reading of a meter's cumulative registers at an instant, in whole Wh / varh. Registers the
 * meter does not have are {@code null} (not available), never zero: a zero is a real reading.
 *
 * <p>Hosts fill it from their measurement store, e.g. the first raw reading of each quarter hour
 * (see the module README). Immutable and thread-safe.
 *
 * @param at when the registers were read
 * @param activeImportWh total active energy imported (T0), not negative
 * @param activeImportHighWh the meter's high-tariff (T1) import register, or {@code null}
 * @param activeImportLowWh the meter's low-tariff (T2) import register, or {@code null}
 * @param reactiveImportVarh total reactive energy imported, or {@code null}
 * @param reactiveExportVarh total reactive energy exported, or {@code null}
 */
public record RegisterReading(
    Instant at,
    long activeImportWh,
    Long activeImportHighWh,
    Long activeImportLowWh,
    Long reactiveImportVarh,
    Long reactiveExportVarh) {

  /** Validates the reading. */
  public RegisterReading {
    Objects.requireNonNull(at, "at");
    requireNotNegative("activeImportWh", activeImportWh);
    if ((activeImportHighWh == null) != (activeImportLowWh == null)) {
      throw new IllegalArgumentException(
          "activeImportHighWh/activeImportLowWh: a meter has both tariff registers or neither");
    }
    if (activeImportHighWh != null) {
      requireNotNegative("activeImportHighWh", activeImportHighWh);
      requireNotNegative("activeImportLowWh", activeImportLowWh);
    }
    if (reactiveImportVarh != null) {
      requireNotNegative("reactiveImportVarh", reactiveImportVarh);
    }
    if (reactiveExportVarh != null) {
      requireNotNegative("reactiveExportVarh", reactiveExportVarh);
    }
  }

  /** A reading of a single-tariff meter with reactive registers. */
  public static RegisterReading single(
      Instant at, long activeImportWh, long reactiveImportVarh, long reactiveExportVarh) {
    return new RegisterReading(
        at, activeImportWh, null, null, reactiveImportVarh, reactiveExportVarh);
  }

  /** A reading of a dual-tariff meter with reactive registers; T0 is T1 + T2. */
  public static RegisterReading dual(
      Instant at, long highWh, long lowWh, long reactiveImportVarh, long reactiveExportVarh) {
    return new RegisterReading(
        at, Math.addExact(highWh, lowWh), highWh, lowWh, reactiveImportVarh, reactiveExportVarh);
  }

  /** Whether the meter reported its own T1/T2 registers. */
  public boolean hasTariffRegisters() {
    return activeImportHighWh != null;
  }

  /** Whether the meter reported both reactive registers. */
  public boolean hasReactiveRegisters() {
    return reactiveImportVarh != null && reactiveExportVarh != null;
  }

  private static void requireNotNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": must not be negative, got " + value);
    }
  }
}
