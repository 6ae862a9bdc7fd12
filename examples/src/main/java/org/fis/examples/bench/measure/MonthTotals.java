package org.fis.examples.bench.measure;

import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.measure.MetricPrefix;
import javax.measure.Unit;
import javax.measure.quantity.Energy;
import javax.measure.quantity.Power;
import org.fis.measure.MeasureAccumulator;
import org.fis.measure.MeasureKind;
import org.fis.measure.MeasureSelector;
import org.fis.measure.Tariff;
import org.fis.measure.TariffMeasure;
import tech.units.indriya.ComparableQuantity;
import tech.units.indriya.quantity.Quantities;
import tech.units.indriya.unit.Units;

/** The same billing totals computed three ways (the benchmark's subjects). */
public final class MonthTotals {
  private static final Duration QUARTER_HOUR = Duration.ofMinutes(15);
  private static final MeasureSelector IMPORT_TOTAL =
      MeasureSelector.defaults(MeasureKind.ACTIVE_ENERGY);

  private MonthTotals() {}

  /**
   * Through fis-measure-math: a {@link MeasureAccumulator} folds the readings and tracks the peak
   * of a {@link MeasureSelector} (import over all tariffs and phases), layer operations read the
   * totals.
   *
   * @param month the readings
   * @return the totals
   */
  public static BillingTotals algebra(MonthOfReadings month) {
    MeasureAccumulator sum = MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY, IMPORT_TOTAL);
    sum.addAll(Arrays.asList(month.measures()));
    return totals(sum.sum(), sum.peak().orElseThrow());
  }

  /**
   * Through fis-measure-math with immutable values only: {@code month = month.add(reading)}.
   *
   * @param month the readings
   * @return the totals
   */
  public static BillingTotals algebraImmutableFold(MonthOfReadings month) {
    TariffMeasure sum = TariffMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY);
    org.fis.measure.Quantity peak = null;
    boolean first = true;
    for (TariffMeasure reading : month.measures()) {
      sum = first ? reading : sum.add(reading);
      first = false;
      org.fis.measure.Quantity imported = reading.total().importValue().phaseSum().orElseThrow();
      if (peak == null || imported.compareTo(peak) > 0) {
        peak = imported;
      }
    }
    return totals(sum, peak);
  }

  private static BillingTotals totals(TariffMeasure month, org.fis.measure.Quantity peak) {
    long importT1 = milli(month.tariff(Tariff.T1).importValue().phaseSum().orElseThrow());
    long importT2 = milli(month.tariff(Tariff.T2).importValue().phaseSum().orElseThrow());
    long exportT1 = milli(month.tariff(Tariff.T1).exportValue().phaseSum().orElseThrow());
    long exportT2 = milli(month.tariff(Tariff.T2).exportValue().phaseSum().orElseThrow());
    long imported = milli(month.total().importValue().phaseSum().orElseThrow());
    long exported = milli(month.total().exportValue().phaseSum().orElseThrow());
    long net = milli(month.total().net().phaseSum().orElseThrow());
    long peakPower = milli(peak.perDuration(QUARTER_HOUR, RoundingMode.HALF_EVEN));
    return new BillingTotals(
        importT1, importT2, exportT1, exportT2, imported, exported, net, peakPower);
  }

  private static long milli(org.fis.measure.Quantity quantity) {
    return quantity.valueMilli();
  }

  /**
   * The limit: a hand-written loop over a flat {@code long[]}.
   *
   * @param month the readings
   * @return the totals
   */
  public static BillingTotals primitive(MonthOfReadings month) {
    long[] values = month.milli();
    long importT1 = 0;
    long exportT1 = 0;
    long importT2 = 0;
    long exportT2 = 0;
    long peak = Long.MIN_VALUE;
    for (int at = 0; at < values.length; at += MonthOfReadings.VALUES_PER_READING) {
      long i1 = Math.addExact(Math.addExact(values[at], values[at + 1]), values[at + 2]);
      long e1 = Math.addExact(Math.addExact(values[at + 3], values[at + 4]), values[at + 5]);
      long i2 = Math.addExact(Math.addExact(values[at + 6], values[at + 7]), values[at + 8]);
      long e2 = Math.addExact(Math.addExact(values[at + 9], values[at + 10]), values[at + 11]);
      importT1 = Math.addExact(importT1, i1);
      exportT1 = Math.addExact(exportT1, e1);
      importT2 = Math.addExact(importT2, i2);
      exportT2 = Math.addExact(exportT2, e2);
      peak = Math.max(peak, Math.addExact(i1, i2));
    }
    long imported = importT1 + importT2;
    long exported = exportT1 + exportT2;
    return new BillingTotals(
        importT1,
        importT2,
        exportT1,
        exportT2,
        imported,
        exported,
        imported - exported,
        Math.multiplyExact(peak, 4));
  }

  /**
   * With javax.measure quantities (Indriya), in joules with whole-number values (Indriya's fastest
   * exact path): the same additions, comparisons and the final energy-per-duration conversion.
   *
   * @param month the readings
   * @return the totals
   */
  public static BillingTotals indriya(MonthOfReadings month) {
    return indriya(month.quantities(), Units.JOULE);
  }

  /**
   * As {@link #indriya(MonthOfReadings)} with the readings in a milliwatt-hour unit, the unit a
   * metering system would naturally use (Indriya converts through the system unit on every
   * operation, which is much slower).
   *
   * @param month the readings
   * @return the totals
   */
  public static BillingTotals indriyaMilliwattHourUnit(MonthOfReadings month) {
    return indriya(month.quantitiesMilliwattHour(), MonthOfReadings.MILLIWATT_HOUR);
  }

  private static BillingTotals indriya(
      List<List<ComparableQuantity<Energy>>> readings, Unit<Energy> unit) {
    ComparableQuantity<Energy> zero = Quantities.getQuantity(0L, unit);
    ComparableQuantity<Energy> importT1 = zero;
    ComparableQuantity<Energy> exportT1 = zero;
    ComparableQuantity<Energy> importT2 = zero;
    ComparableQuantity<Energy> exportT2 = zero;
    ComparableQuantity<Energy> peak = null;
    for (List<ComparableQuantity<Energy>> r : readings) {
      ComparableQuantity<Energy> i1 = r.get(0).add(r.get(1)).add(r.get(2));
      ComparableQuantity<Energy> e1 = r.get(3).add(r.get(4)).add(r.get(5));
      ComparableQuantity<Energy> i2 = r.get(6).add(r.get(7)).add(r.get(8));
      ComparableQuantity<Energy> e2 = r.get(9).add(r.get(10)).add(r.get(11));
      importT1 = importT1.add(i1);
      exportT1 = exportT1.add(e1);
      importT2 = importT2.add(i2);
      exportT2 = exportT2.add(e2);
      ComparableQuantity<Energy> imported = i1.add(i2);
      if (peak == null || imported.compareTo(peak) > 0) {
        peak = imported;
      }
    }
    ComparableQuantity<Energy> imported = importT1.add(importT2);
    ComparableQuantity<Energy> exported = exportT1.add(exportT2);
    ComparableQuantity<Power> peakPower =
        peak.divide(Quantities.getQuantity(15, Units.MINUTE)).asType(Power.class);
    return new BillingTotals(
        milliWh(importT1),
        milliWh(importT2),
        milliWh(exportT1),
        milliWh(exportT2),
        milliWh(imported),
        milliWh(exported),
        milliWh(imported.subtract(exported)),
        peakPower.to(MetricPrefix.MILLI(Units.WATT)).getValue().longValue());
  }

  private static long milliWh(ComparableQuantity<Energy> quantity) {
    return quantity.to(MonthOfReadings.MILLIWATT_HOUR).getValue().longValue();
  }
}
