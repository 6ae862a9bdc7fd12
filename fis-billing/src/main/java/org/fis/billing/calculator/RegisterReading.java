package org.fis.billing.calculator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.fis.measure.MeasureKind;
import org.fis.measure.MeasureMismatchException;
import org.fis.measure.Quantity;
import org.fis.measure.TariffMeasure;
import org.fis.measure.Unit;

/**
 * One reading of a meter's cumulative registers at an instant, as fis-measure-math quantities
 * (exact to 0.001 Wh / varh). Registers the meter does not have are {@code null} (not available),
 * never zero: a zero is a real reading.
 *
 * <p>Hosts build it with {@link #of(Instant, TariffMeasure, TariffMeasure)} from the measures of
 * their store (e.g. the first reading of each quarter-hour aggregate), which resolves composites
 * the way fis-measure-math does. Immutable and thread-safe.
 *
 * @param at when the registers were read
 * @param activeImport total active energy imported (T0), not negative
 * @param activeImportHigh the meter's high-tariff (T1) import register, or {@code null}
 * @param activeImportLow the meter's low-tariff (T2) import register, or {@code null}
 * @param reactiveImport total reactive energy imported, or {@code null}
 * @param reactiveExport total reactive energy exported, or {@code null}
 */
public record RegisterReading(
    Instant at,
    Quantity activeImport,
    Quantity activeImportHigh,
    Quantity activeImportLow,
    Quantity reactiveImport,
    Quantity reactiveExport) {

  /** Validates the reading. */
  public RegisterReading {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(activeImport, "activeImport");
    check("activeImport", activeImport, MeasureKind.ACTIVE_ENERGY);
    if ((activeImportHigh == null) != (activeImportLow == null)) {
      throw new IllegalArgumentException(
          "activeImportHigh/activeImportLow: a meter has both tariff registers or neither");
    }
    if (activeImportHigh != null) {
      check("activeImportHigh", activeImportHigh, MeasureKind.ACTIVE_ENERGY);
      check("activeImportLow", activeImportLow, MeasureKind.ACTIVE_ENERGY);
    }
    if (reactiveImport != null) {
      check("reactiveImport", reactiveImport, MeasureKind.REACTIVE_ENERGY);
    }
    if (reactiveExport != null) {
      check("reactiveExport", reactiveExport, MeasureKind.REACTIVE_ENERGY);
    }
  }

  /**
   * A reading from the meter's tariff measures of cumulative energy.
   *
   * @param at when the registers were read
   * @param activeEnergy active energy registers: single (T0), dual (T1/T2) or a composite of both;
   *     T0 is its {@link TariffMeasure#total()} import, T1/T2 its dual view when it has one
   * @param reactiveEnergy reactive energy registers, or not available
   * @return the reading
   * @throws IllegalArgumentException when no active import total is available
   */
  public static RegisterReading of(
      Instant at, TariffMeasure activeEnergy, TariffMeasure reactiveEnergy) {
    Objects.requireNonNull(activeEnergy, "activeEnergy");
    Objects.requireNonNull(reactiveEnergy, "reactiveEnergy");
    Quantity total =
        activeEnergy
            .total()
            .importValue()
            .phaseSum()
            .orElseThrow(
                () -> new IllegalArgumentException("activeEnergy: no import total available"));
    Quantity high = null;
    Quantity low = null;
    Optional<TariffMeasure.Dual> dual = dualView(activeEnergy);
    if (dual.isPresent()) {
      Optional<Quantity> t1 = dual.get().t1().importValue().phaseSum();
      Optional<Quantity> t2 = dual.get().t2().importValue().phaseSum();
      if (t1.isPresent() && t2.isPresent()) {
        high = t1.get();
        low = t2.get();
      }
    }
    Quantity reactiveImport = null;
    Quantity reactiveExport = null;
    if (reactiveEnergy.isAvailable()) {
      reactiveImport = reactiveEnergy.total().importValue().phaseSum().orElse(null);
      reactiveExport = reactiveEnergy.total().exportValue().phaseSum().orElse(null);
    }
    return new RegisterReading(at, total, high, low, reactiveImport, reactiveExport);
  }

  /** A reading of a single-tariff meter with reactive registers, in whole Wh and varh. */
  public static RegisterReading single(
      Instant at, long activeImportWh, long reactiveImportVarh, long reactiveExportVarh) {
    return new RegisterReading(
        at,
        Quantity.of(activeImportWh, Unit.WH),
        null,
        null,
        Quantity.of(reactiveImportVarh, Unit.VARH),
        Quantity.of(reactiveExportVarh, Unit.VARH));
  }

  /** A reading of a dual-tariff meter with reactive registers, in whole Wh; T0 is T1 + T2. */
  public static RegisterReading dual(
      Instant at, long highWh, long lowWh, long reactiveImportVarh, long reactiveExportVarh) {
    return new RegisterReading(
        at,
        Quantity.of(Math.addExact(highWh, lowWh), Unit.WH),
        Quantity.of(highWh, Unit.WH),
        Quantity.of(lowWh, Unit.WH),
        Quantity.of(reactiveImportVarh, Unit.VARH),
        Quantity.of(reactiveExportVarh, Unit.VARH));
  }

  /** Whether the meter reported its own T1/T2 registers. */
  public boolean hasTariffRegisters() {
    return activeImportHigh != null;
  }

  /** Whether the meter reported both reactive registers. */
  public boolean hasReactiveRegisters() {
    return reactiveImport != null && reactiveExport != null;
  }

  private static Optional<TariffMeasure.Dual> dualView(TariffMeasure measure) {
    try {
      return Optional.of(measure.dualView());
    } catch (MeasureMismatchException singleTariffOnly) {
      return Optional.empty();
    }
  }

  private static void check(String name, Quantity value, MeasureKind kind) {
    if (value.kind() != kind) {
      throw new IllegalArgumentException(name + ": expected " + kind + ", got " + value.kind());
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + ": must not be negative, got " + value);
    }
  }
}
