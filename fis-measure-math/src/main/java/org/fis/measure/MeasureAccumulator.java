package org.fis.measure;

import java.util.Objects;
import org.fis.measure.DirectionMeasure.ImportExport;
import org.fis.measure.DirectionMeasure.Net;
import org.fis.measure.DirectionMeasure.NonDirectional;
import org.fis.measure.PhaseMeasure.ThreePhase;
import org.fis.measure.PhaseMeasure.Total;
import org.fis.measure.TariffMeasure.Dual;
import org.fis.measure.TariffMeasure.Single;

/**
 * Sums many {@link TariffMeasure}s (a month of quarter-hour readings) without building an
 * intermediate measure per reading. The result is the same as folding them with {@link
 * TariffMeasure#add}: readings of one plain shape (single or dual tariff; import/export, net or
 * non-directional; totals or three-phase values) are added into {@code long} slots, and any other
 * reading (composites, statistics, registers, not available, a different shape) goes through {@link
 * TariffMeasure#add}. With no reading the sum is "not available", not zero.
 *
 * <p>Mutable and <b>not thread-safe</b>: use one per thread and fold the results with {@link
 * TariffMeasure#add}. No database access.
 */
public final class MeasureAccumulator {
  private static final int SLOT_COUNT_MAX = 12;
  private static final int NO_SHAPE = -1;

  private final MeasureKind kind;
  private final long[] slots = new long[SLOT_COUNT_MAX];
  private int shape = NO_SHAPE;
  private TariffMeasure other;
  private long count;
  private MeasureKind leafKind;

  private MeasureAccumulator(MeasureKind kind) {
    this.kind = kind;
  }

  /**
   * An empty accumulator.
   *
   * @param kind the kind of every reading
   * @return the accumulator
   */
  public static MeasureAccumulator of(MeasureKind kind) {
    return new MeasureAccumulator(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * Adds a reading.
   *
   * @param reading a measure of this accumulator's kind
   * @return this accumulator
   * @throws MeasureMismatchException if the kind differs or the reading cannot be added
   * @throws ArithmeticException on overflow
   */
  public MeasureAccumulator add(TariffMeasure reading) {
    Objects.requireNonNull(reading, "reading");
    int readingShape = tariffShape(reading);
    // A measure's constructors keep one kind throughout, so the first leaf's kind is the kind.
    if (readingShape != NO_SHAPE ? leafKind != kind : reading.kind() != kind) {
      throw new MeasureMismatchException(
          "reading: cannot add " + reading.kind() + " to a sum of " + kind);
    }
    if (readingShape != NO_SHAPE && (shape == NO_SHAPE || shape == readingShape)) {
      shape = readingShape;
      accumulateTariff(reading);
    } else {
      other = other == null ? reading : other.add(reading);
    }
    count++;
    return this;
  }

  /**
   * The number of readings added.
   *
   * @return the count
   */
  public long count() {
    return count;
  }

  /**
   * The sum so far.
   *
   * @return the sum of every reading added, or not available when none was
   */
  public TariffMeasure sum() {
    TariffMeasure plain = shape == NO_SHAPE ? null : buildTariff();
    if (plain == null) {
      return other == null ? TariffMeasure.notAvailable(kind) : other;
    }
    return other == null ? plain : plain.add(other);
  }

  // Shapes: phase 1 = total, 2 = three-phase; direction = kind * 4 + phase shapes; tariff below.

  private int phaseShape(PhaseMeasure phase) {
    if (phase instanceof ThreePhase) {
      leafKind = ((ThreePhase) phase).kind();
      return 2;
    } else if (phase instanceof Total) {
      leafKind = ((Total) phase).kind();
      return 1;
    }
    return 0;
  }

  private int directionShape(DirectionMeasure direction) {
    if (direction instanceof ImportExport) {
      ImportExport pair = (ImportExport) direction;
      int a = phaseShape(pair.importValue());
      int b = phaseShape(pair.exportValue());
      return a == 0 || b == 0 ? 0 : 16 + a * 4 + b;
    } else if (direction instanceof Net) {
      int a = phaseShape(((Net) direction).value());
      return a == 0 ? 0 : 32 + a;
    } else if (direction instanceof NonDirectional) {
      int a = phaseShape(((NonDirectional) direction).value());
      return a == 0 ? 0 : 48 + a;
    }
    return 0;
  }

  private int tariffShape(TariffMeasure tariff) {
    if (tariff instanceof Dual) {
      Dual dual = (Dual) tariff;
      int a = directionShape(dual.t1());
      int b = directionShape(dual.t2());
      return a == 0 || b == 0 ? NO_SHAPE : 8192 + a * 64 + b;
    } else if (tariff instanceof Single) {
      int a = directionShape(((Single) tariff).t0());
      return a == 0 ? NO_SHAPE : 4096 + a;
    }
    return NO_SHAPE;
  }

  private void accumulateTariff(TariffMeasure tariff) {
    if (tariff instanceof Dual) {
      Dual dual = (Dual) tariff;
      accumulateDirection(dual.t2(), accumulateDirection(dual.t1(), 0));
    } else {
      accumulateDirection(((Single) tariff).t0(), 0);
    }
  }

  private int accumulateDirection(DirectionMeasure direction, int slot) {
    if (direction instanceof ImportExport) {
      ImportExport pair = (ImportExport) direction;
      return accumulatePhase(pair.exportValue(), accumulatePhase(pair.importValue(), slot));
    } else if (direction instanceof Net) {
      return accumulatePhase(((Net) direction).value(), slot);
    }
    return accumulatePhase(((NonDirectional) direction).value(), slot);
  }

  private int accumulatePhase(PhaseMeasure phase, int slot) {
    if (phase instanceof ThreePhase) {
      ThreePhase three = (ThreePhase) phase;
      slots[slot] = Math.addExact(slots[slot], three.l1Milli());
      slots[slot + 1] = Math.addExact(slots[slot + 1], three.l2Milli());
      slots[slot + 2] = Math.addExact(slots[slot + 2], three.l3Milli());
      return slot + 3;
    }
    slots[slot] = Math.addExact(slots[slot], ((Total) phase).valueMilli());
    return slot + 1;
  }

  private TariffMeasure buildTariff() {
    int[] slot = {0};
    if (shape >= 8192) {
      int a = (shape - 8192) / 64;
      int b = (shape - 8192) % 64;
      DirectionMeasure t1 = buildDirection(a, slot);
      return new Dual(t1, buildDirection(b, slot));
    }
    return new Single(buildDirection(shape - 4096, slot));
  }

  private DirectionMeasure buildDirection(int directionShape, int[] slot) {
    int family = directionShape / 16;
    if (family == 1) {
      PhaseMeasure importValue = buildPhase((directionShape % 16) / 4, slot);
      return new ImportExport(importValue, buildPhase(directionShape % 4, slot));
    } else if (family == 2) {
      return new Net(buildPhase(directionShape % 16, slot));
    }
    return new NonDirectional(buildPhase(directionShape % 16, slot));
  }

  private PhaseMeasure buildPhase(int phaseShape, int[] slot) {
    int at = slot[0];
    if (phaseShape == 2) {
      slot[0] = at + 3;
      return new ThreePhase(kind, slots[at], slots[at + 1], slots[at + 2]);
    }
    slot[0] = at + 1;
    return new Total(kind, slots[at]);
  }
}
