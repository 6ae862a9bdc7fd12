package org.fis.billing.calculator;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.fis.measure.MeasureKind;
import org.fis.measure.Quantity;
import org.fis.measure.Unit;
import org.fis.measure.time.QuarterHours;

/**
 * The energy one meter imported in one quarter hour {@code [start, start + 15 min)}, as
 * fis-measure-math quantities; its mean power is {@link #meanImportPower()}. Quarter hours are
 * floored in UTC. Reactive energies the meter does not measure are {@code null}, never zero.
 *
 * <p>Hosts fill it from their quarter-hour aggregates (the energy difference of the quarter hour).
 * Immutable and thread-safe.
 *
 * @param start the quarter hour's start ({@link QuarterHours#isStart})
 * @param activeImport active energy imported in the quarter hour, not negative
 * @param reactiveImport reactive energy imported, or {@code null}
 * @param reactiveExport reactive energy exported, or {@code null}
 */
public record QuarterHourUsage(
    Instant start, Quantity activeImport, Quantity reactiveImport, Quantity reactiveExport) {
  /** The length of a quarter hour. */
  public static final Duration LENGTH = QuarterHours.LENGTH;

  /** Validates the quarter hour. */
  public QuarterHourUsage {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(activeImport, "activeImport");
    if (!QuarterHours.isStart(start)) {
      throw new IllegalArgumentException("start: not the start of a UTC quarter hour: " + start);
    }
    check("activeImport", activeImport, MeasureKind.ACTIVE_ENERGY);
    if (reactiveImport != null) {
      check("reactiveImport", reactiveImport, MeasureKind.REACTIVE_ENERGY);
    }
    if (reactiveExport != null) {
      check("reactiveExport", reactiveExport, MeasureKind.REACTIVE_ENERGY);
    }
  }

  /**
   * A quarter hour in whole Wh and varh.
   *
   * @param start the quarter hour's start
   * @param activeImportWh active energy imported
   * @param reactiveImportVarh reactive energy imported, or {@code null}
   * @param reactiveExportVarh reactive energy exported, or {@code null}
   * @return the quarter hour
   */
  public static QuarterHourUsage ofWh(
      Instant start, long activeImportWh, Long reactiveImportVarh, Long reactiveExportVarh) {
    return new QuarterHourUsage(
        start,
        Quantity.of(activeImportWh, Unit.WH),
        reactiveImportVarh == null ? null : Quantity.of(reactiveImportVarh, Unit.VARH),
        reactiveExportVarh == null ? null : Quantity.of(reactiveExportVarh, Unit.VARH));
  }

  /** The quarter hour's end (exclusive). */
  public Instant end() {
    return start.plus(LENGTH);
  }

  /** The mean import power over the quarter hour (exact: 4 × the energy per hour). */
  public Quantity meanImportPower() {
    return activeImport.perDuration(LENGTH, RoundingMode.UNNECESSARY);
  }

  /** Whether both reactive energies are present. */
  public boolean hasReactive() {
    return reactiveImport != null && reactiveExport != null;
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
