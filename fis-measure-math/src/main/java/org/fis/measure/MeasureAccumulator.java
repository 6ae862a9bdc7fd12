package org.fis.measure;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

  /** The shape code of a dual-tariff, import/export, three-phase reading (see tariffShape). */
  private static final int DUAL_THREE_PHASE = 8192 + (16 + 2 * 4 + 2) * 64 + (16 + 2 * 4 + 2);

  /** Marks "the selector found no value" (a real value of Long.MIN_VALUE is not a peak). */
  private static final long NOT_SELECTED = Long.MIN_VALUE;

  private final MeasureKind kind;
  private final MeasureSelector peakSelector;
  private final boolean peakIsImportTotal;
  private boolean hasPeak;
  private long peakMilli;
  private final long[] slots = new long[SLOT_COUNT_MAX];
  private int shape = NO_SHAPE;
  private TariffMeasure other;
  private long count;
  private MeasureKind leafKind;

  private MeasureAccumulator(MeasureKind kind, MeasureSelector peakSelector) {
    this.kind = kind;
    this.peakSelector = peakSelector;
    this.peakIsImportTotal =
        peakSelector != null
            && peakSelector.equals(
                new MeasureSelector(
                    Tariff.T0, MeasureSelector.Direction.IMPORT, MeasureSelector.Phase.SUM));
  }

  /**
   * An empty accumulator.
   *
   * @param kind the kind of every reading
   * @return the accumulator
   */
  public static MeasureAccumulator of(MeasureKind kind) {
    return new MeasureAccumulator(Objects.requireNonNull(kind, "kind"), null);
  }

  /**
   * An empty accumulator that also tracks the largest value a selector picks from any single
   * reading, e.g. the largest quarter-hour import energy of a month (→ peak power).
   *
   * @param kind the kind of every reading
   * @param peakSelector what to pick from each reading
   * @return the accumulator
   */
  public static MeasureAccumulator of(MeasureKind kind, MeasureSelector peakSelector) {
    return new MeasureAccumulator(
        Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(peakSelector, "peakSelector"));
  }

  /**
   * Adds a reading.
   *
   * @param reading a measure of this accumulator's kind
   * @return this accumulator
   * @throws MeasureMismatchException if the kind differs, the reading cannot be added, or the peak
   *     selector cannot select from it; the accumulator is then unchanged
   * @throws ArithmeticException on overflow; the accumulator is then partly updated and must be
   *     discarded
   */
  public MeasureAccumulator add(TariffMeasure reading) {
    Objects.requireNonNull(reading, "reading");
    if (addDualThreePhase(reading)) {
      return this;
    }
    long selected = peakSelector == null ? NOT_SELECTED : selectMilli(reading);
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
    notePeak(selected);
    count++;
    return this;
  }

  /**
   * Adds many readings, in order; the same as calling {@link #add} for each, but runs of
   * dual-tariff, import/export, three-phase readings are summed in local variables.
   *
   * @param readings the readings
   * @return this accumulator
   * @throws MeasureMismatchException as {@link #add}; the readings before the rejected one have
   *     been added
   * @throws ArithmeticException on overflow; the accumulator must then be discarded
   */
  public MeasureAccumulator addAll(List<? extends TariffMeasure> readings) {
    Objects.requireNonNull(readings, "readings");
    int size = readings.size();
    int next = 0;
    while (next < size) {
      if ((shape == NO_SHAPE || shape == DUAL_THREE_PHASE)
          && (peakSelector == null || peakIsImportTotal)) {
        next = addDualThreePhaseRun(readings, next, size);
      }
      if (next < size) {
        add(readings.get(next));
        next++;
      }
    }
    return this;
  }

  /**
   * Sums readings from {@code from} while they are dual-tariff, import/export, three-phase of this
   * kind, in locals (the JIT keeps them in registers), then stores the locals.
   *
   * @return the index of the first reading not consumed
   */
  private int addDualThreePhaseRun(List<? extends TariffMeasure> readings, int from, int size) {
    long[] s = slots;
    long s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3], s4 = s[4], s5 = s[5];
    long s6 = s[6], s7 = s[7], s8 = s[8], s9 = s[9], s10 = s[10], s11 = s[11];
    boolean peakFound = hasPeak;
    long peak = peakMilli;
    int next = from;
    for (; next < size; next++) {
      TariffMeasure reading = readings.get(next);
      if (!(reading instanceof Dual)) {
        break;
      }
      Dual dual = (Dual) reading;
      if (!(dual.t1() instanceof ImportExport) || !(dual.t2() instanceof ImportExport)) {
        break;
      }
      ImportExport high = (ImportExport) dual.t1();
      ImportExport low = (ImportExport) dual.t2();
      if (!(high.importValue() instanceof ThreePhase)
          || !(high.exportValue() instanceof ThreePhase)
          || !(low.importValue() instanceof ThreePhase)
          || !(low.exportValue() instanceof ThreePhase)
          || ((ThreePhase) high.importValue()).kind() != kind) {
        break;
      }
      ThreePhase a = (ThreePhase) high.importValue();
      ThreePhase b = (ThreePhase) high.exportValue();
      ThreePhase c = (ThreePhase) low.importValue();
      ThreePhase d = (ThreePhase) low.exportValue();
      long highImport = Math.addExact(Math.addExact(a.l1Milli(), a.l2Milli()), a.l3Milli());
      long lowImport = Math.addExact(Math.addExact(c.l1Milli(), c.l2Milli()), c.l3Milli());
      if (peakIsImportTotal) {
        long selected = Math.addExact(highImport, lowImport);
        if (!peakFound || selected > peak) {
          peak = selected;
          peakFound = true;
        }
      }
      s0 = Math.addExact(s0, a.l1Milli());
      s1 = Math.addExact(s1, a.l2Milli());
      s2 = Math.addExact(s2, a.l3Milli());
      s3 = Math.addExact(s3, b.l1Milli());
      s4 = Math.addExact(s4, b.l2Milli());
      s5 = Math.addExact(s5, b.l3Milli());
      s6 = Math.addExact(s6, c.l1Milli());
      s7 = Math.addExact(s7, c.l2Milli());
      s8 = Math.addExact(s8, c.l3Milli());
      s9 = Math.addExact(s9, d.l1Milli());
      s10 = Math.addExact(s10, d.l2Milli());
      s11 = Math.addExact(s11, d.l3Milli());
    }
    if (next > from) {
      s[0] = s0;
      s[1] = s1;
      s[2] = s2;
      s[3] = s3;
      s[4] = s4;
      s[5] = s5;
      s[6] = s6;
      s[7] = s7;
      s[8] = s8;
      s[9] = s9;
      s[10] = s10;
      s[11] = s11;
      shape = DUAL_THREE_PHASE;
      hasPeak = peakFound;
      peakMilli = peak;
      count += next - from;
    }
    return next;
  }

  /**
   * The hot path for the most common reading: dual tariff, import/export, three phases.
   *
   * @return whether the reading was of that shape and has been added
   */
  private boolean addDualThreePhase(TariffMeasure reading) {
    if (!(reading instanceof Dual) || (shape != NO_SHAPE && shape != DUAL_THREE_PHASE)) {
      return false;
    }
    Dual dual = (Dual) reading;
    if (!(dual.t1() instanceof ImportExport) || !(dual.t2() instanceof ImportExport)) {
      return false;
    }
    ImportExport high = (ImportExport) dual.t1();
    ImportExport low = (ImportExport) dual.t2();
    if (!(high.importValue() instanceof ThreePhase)
        || !(high.exportValue() instanceof ThreePhase)
        || !(low.importValue() instanceof ThreePhase)
        || !(low.exportValue() instanceof ThreePhase)) {
      return false;
    }
    ThreePhase a = (ThreePhase) high.importValue();
    ThreePhase b = (ThreePhase) high.exportValue();
    ThreePhase c = (ThreePhase) low.importValue();
    ThreePhase d = (ThreePhase) low.exportValue();
    if (a.kind() != kind) {
      throw new MeasureMismatchException(
          "reading: cannot add " + a.kind() + " to a sum of " + kind);
    }
    long selected = NOT_SELECTED;
    if (peakIsImportTotal) {
      selected =
          Math.addExact(
              Math.addExact(Math.addExact(a.l1Milli(), a.l2Milli()), a.l3Milli()),
              Math.addExact(Math.addExact(c.l1Milli(), c.l2Milli()), c.l3Milli()));
    } else if (peakSelector != null) {
      selected = selectMilli(reading);
    }
    long[] s = slots;
    s[0] = Math.addExact(s[0], a.l1Milli());
    s[1] = Math.addExact(s[1], a.l2Milli());
    s[2] = Math.addExact(s[2], a.l3Milli());
    s[3] = Math.addExact(s[3], b.l1Milli());
    s[4] = Math.addExact(s[4], b.l2Milli());
    s[5] = Math.addExact(s[5], b.l3Milli());
    s[6] = Math.addExact(s[6], c.l1Milli());
    s[7] = Math.addExact(s[7], c.l2Milli());
    s[8] = Math.addExact(s[8], c.l3Milli());
    s[9] = Math.addExact(s[9], d.l1Milli());
    s[10] = Math.addExact(s[10], d.l2Milli());
    s[11] = Math.addExact(s[11], d.l3Milli());
    shape = DUAL_THREE_PHASE;
    notePeak(selected);
    count++;
    return true;
  }

  private long selectMilli(TariffMeasure reading) {
    Optional<Quantity> value = peakSelector.select(reading);
    return value.isPresent() ? value.get().valueMilli() : NOT_SELECTED;
  }

  private void notePeak(long selected) {
    if (selected != NOT_SELECTED && (!hasPeak || selected > peakMilli)) {
      peakMilli = selected;
      hasPeak = true;
    }
  }

  /**
   * The largest value the peak selector picked from a single reading.
   *
   * @return the peak, or empty when no peak selector was given or no reading had a value
   */
  public Optional<Quantity> peak() {
    return hasPeak ? Optional.of(Quantity.ofMilli(kind, peakMilli)) : Optional.empty();
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
