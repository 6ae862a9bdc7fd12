package org.fis.examples.bench.measure;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.measure.Unit;
import javax.measure.quantity.Energy;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.TariffMeasure;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;
import tech.units.indriya.ComparableQuantity;
import tech.units.indriya.quantity.Quantities;
import tech.units.indriya.unit.Units;

/**
 * A deterministic month of quarter-hour energy readings of one three-phase, import/export,
 * dual-tariff meter, in four representations of the same numbers: a flat {@code long[]} of
 * milliwatt-hours, {@link TariffMeasure}s, and Indriya quantities in joules and in milliwatt-hours.
 * T1 (high) is the tariff from 07:00 to 21:00 local time, T2 otherwise; the other tariff's
 * registers advance by zero.
 *
 * <p>Layout of one reading in {@link #milli}: T1 import L1..L3, T1 export L1..L3, T2 import L1..L3,
 * T2 export L1..L3 (12 values).
 */
public final class MonthOfReadings {
  /** Values per reading. */
  public static final int VALUES_PER_READING = 12;

  /** The Indriya unit of the values: milliwatt-hour (3.6 J). */
  public static final Unit<Energy> MILLIWATT_HOUR = Units.JOULE.multiply(18).divide(5);

  /** The month, in Europe/Zagreb: March 2024 has the 23-hour spring-forward day. */
  public static final YearMonth MONTH = YearMonth.of(2024, 3);

  private final long[] milli;
  private final TariffMeasure[] measures;
  private final List<List<ComparableQuantity<Energy>>> quantities;
  private final List<List<ComparableQuantity<Energy>>> quantitiesMilliwattHour;

  private MonthOfReadings(
      long[] milli,
      TariffMeasure[] measures,
      List<List<ComparableQuantity<Energy>>> quantities,
      List<List<ComparableQuantity<Energy>>> quantitiesMilliwattHour) {
    this.milli = milli;
    this.measures = measures;
    this.quantities = quantities;
    this.quantitiesMilliwattHour = quantitiesMilliwattHour;
  }

  /**
   * Generates the month.
   *
   * @param seed the random seed
   * @return the readings
   */
  public static MonthOfReadings generate(long seed) {
    BillingCalendar calendar = BillingCalendar.defaults();
    Interval month = calendar.month(MONTH);
    List<Instant> quarterHours = QuarterHours.within(month);
    ZoneId zone = calendar.zone();
    SplittableRandom random = new SplittableRandom(seed);
    int count = quarterHours.size();
    long[] milli = new long[count * VALUES_PER_READING];
    TariffMeasure[] measures = new TariffMeasure[count];
    List<List<ComparableQuantity<Energy>>> quantities = new ArrayList<>(count);
    List<List<ComparableQuantity<Energy>>> quantitiesMilliwattHour = new ArrayList<>(count);
    for (int r = 0; r < count; r++) {
      int hour = quarterHours.get(r).atZone(zone).getHour();
      int offset = (hour >= 7 && hour < 21) ? 0 : 6;
      int base = r * VALUES_PER_READING;
      for (int phase = 0; phase < 3; phase++) {
        // Multiples of 5 mWh (= 18 J), so the Indriya variant can use whole joules exactly.
        milli[base + offset + phase] = random.nextLong(500_000) * 5; // import, < 2.5 kWh
        milli[base + offset + 3 + phase] = random.nextLong(80_000) * 5; // export, < 0.4 kWh
      }
    }
    // Each representation in its own loop, so each is laid out in memory as a decoder that
    // builds it in one go would lay it out.
    for (int r = 0; r < count; r++) {
      measures[r] = toMeasure(milli, r * VALUES_PER_READING);
    }
    for (int r = 0; r < count; r++) {
      List<ComparableQuantity<Energy>> reading = new ArrayList<>(VALUES_PER_READING);
      for (int i = 0; i < VALUES_PER_READING; i++) {
        reading.add(
            Quantities.getQuantity(milli[r * VALUES_PER_READING + i] / 5 * 18, Units.JOULE));
      }
      quantities.add(List.copyOf(reading));
    }
    for (int r = 0; r < count; r++) {
      List<ComparableQuantity<Energy>> reading = new ArrayList<>(VALUES_PER_READING);
      for (int i = 0; i < VALUES_PER_READING; i++) {
        reading.add(Quantities.getQuantity(milli[r * VALUES_PER_READING + i], MILLIWATT_HOUR));
      }
      quantitiesMilliwattHour.add(List.copyOf(reading));
    }
    return new MonthOfReadings(
        milli, measures, List.copyOf(quantities), List.copyOf(quantitiesMilliwattHour));
  }

  private static TariffMeasure toMeasure(long[] milli, int base) {
    return TariffMeasure.dual(direction(milli, base), direction(milli, base + 6));
  }

  private static DirectionMeasure direction(long[] milli, int at) {
    return DirectionMeasure.importExport(phases(milli, at), phases(milli, at + 3));
  }

  private static PhaseMeasure phases(long[] milli, int at) {
    return new PhaseMeasure.ThreePhase(
        MeasureKind.ACTIVE_ENERGY, milli[at], milli[at + 1], milli[at + 2]);
  }

  /**
   * The number of readings (quarter hours of the month).
   *
   * @return the count
   */
  public int readingCount() {
    return measures.length;
  }

  long[] milli() {
    return milli;
  }

  TariffMeasure[] measures() {
    return measures;
  }

  /** The readings as Indriya quantities in joules (the system unit, Indriya's fastest path). */
  List<List<ComparableQuantity<Energy>>> quantities() {
    return quantities;
  }

  /** The readings as Indriya quantities in a milliwatt-hour unit (3.6 J). */
  List<List<ComparableQuantity<Energy>>> quantitiesMilliwattHour() {
    return quantitiesMilliwattHour;
  }
}
