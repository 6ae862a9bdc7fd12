package org.fis.billing.calculator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The energy one meter imported in one quarter hour {@code [start, start + 15 min)}, in whole Wh /
 * varh; its mean power is {@code 4 × activeImportWh} W. Quarter hours are floored in UTC. Reactive
 * energies the meter does not measure are {@code null}, never zero.
 *
 * <p>Hosts fill it from their quarter-hour aggregates. Immutable and thread-safe.
 *
 * @param start the quarter hour's start, a multiple of 15 minutes since the epoch
 * @param activeImportWh active energy imported in the quarter hour, not negative
 * @param reactiveImportVarh reactive energy imported, or {@code null}
 * @param reactiveExportVarh reactive energy exported, or {@code null}
 */
public record QuarterHourUsage(
    Instant start, long activeImportWh, Long reactiveImportVarh, Long reactiveExportVarh) {
  /** The length of a quarter hour. */
  public static final Duration LENGTH = Duration.ofMinutes(15);

  private static final long LENGTH_SECONDS = 900;

  /** Validates the quarter hour. */
  public QuarterHourUsage {
    Objects.requireNonNull(start, "start");
    if (start.getNano() != 0 || Math.floorMod(start.getEpochSecond(), LENGTH_SECONDS) != 0) {
      throw new IllegalArgumentException("start: not the start of a UTC quarter hour: " + start);
    }
    if (activeImportWh < 0) {
      throw new IllegalArgumentException(
          "activeImportWh: must not be negative, got " + activeImportWh);
    }
    if (reactiveImportVarh != null && reactiveImportVarh < 0) {
      throw new IllegalArgumentException("reactiveImportVarh: must not be negative");
    }
    if (reactiveExportVarh != null && reactiveExportVarh < 0) {
      throw new IllegalArgumentException("reactiveExportVarh: must not be negative");
    }
  }

  /** The quarter hour's end (exclusive). */
  public Instant end() {
    return start.plus(LENGTH);
  }

  /** The mean import power over the quarter hour, in W. */
  public long meanImportPowerW() {
    return Math.multiplyExact(activeImportWh, 4L);
  }

  /** Whether both reactive energies are present. */
  public boolean hasReactive() {
    return reactiveImportVarh != null && reactiveExportVarh != null;
  }
}
