package org.fis.measure.testkit;

import java.time.Instant;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.TariffMeasure;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;

/**
 * Realistic generators: a meter's cumulative register series over a month in a zone (with gaps
 * where the meter was not read; resets are refused by {@link RegisterSeries}), load curves of
 * quarter-hour energy over a period (with "not available" gaps and a day/night profile), and
 * re-deliveries of a batch (the same items delivered again).
 *
 * <p>The bulk of a series or curve is drawn from a seed with {@link Random}, so a month of 2,976
 * quarter hours generates fast; what jqwik shrinks is the seed, the start registers and the gap
 * rate (a failing case shrinks to no gaps and registers starting at 0 when that still fails).
 *
 * <p>Stateless and thread-safe: each call returns a new arbitrary.
 */
public final class MeterArbitraries {
  /** The largest import per phase and quarter hour: 2.5 kWh (a 10 kW phase). */
  public static final long IMPORT_PER_QUARTER_HOUR_MAX_MILLI = 2_500_000L;

  /** The largest export per phase and quarter hour: 0.4 kWh. */
  public static final long EXPORT_PER_QUARTER_HOUR_MAX_MILLI = 400_000L;

  /** The largest gap rate: at most this share of quarter hours has no reading (percent). */
  public static final int GAP_PERCENT_MAX = 30;

  /** Where the high tariff T1 starts each local day. */
  public static final LocalTime HIGH_TARIFF_START = LocalTime.of(7, 0);

  /** Where the high tariff T1 ends each local day. */
  public static final LocalTime HIGH_TARIFF_END = LocalTime.of(21, 0);

  /** The most items re-delivered after a batch. */
  public static final int REDELIVERED_MAX = 16;

  private static final long REGISTER_START_MAX_MILLI = 100_000_000_000L;

  private MeterArbitraries() {}

  /**
   * A meter's register series over a local month: one reading per quarter-hour start from the
   * month's start to its end (inclusive), except where the meter was not read (gaps, possibly hours
   * long). Registers are T1/T2 × import/export totals (Wh) that never decrease; the high tariff
   * advances from {@link #HIGH_TARIFF_START} to {@link #HIGH_TARIFF_END} local time, the low one
   * otherwise. The first and last reading are always present.
   *
   * @param calendar the calendar (zone) of the month and tariff times
   * @param month the month
   * @return the series
   */
  public static Arbitrary<RegisterSeries> registerSeries(
      BillingCalendar calendar, YearMonth month) {
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(month, "month");
    Interval period = calendar.month(month);
    Arbitrary<Long> starts = Arbitraries.longs().between(0, REGISTER_START_MAX_MILLI);
    return Combinators.combine(
            Arbitraries.longs(), Arbitraries.integers().between(0, GAP_PERCENT_MAX), starts, starts)
        .as(
            (seed, gapPercent, importStart, exportStart) ->
                seriesOf(calendar, period, seed, gapPercent, importStart, exportStart));
  }

  /**
   * Register series of random months (2000–2040) in random calendars, DST months included.
   *
   * @return the series
   */
  public static Arbitrary<RegisterSeries> registerSeries() {
    return Combinators.combine(TimeArbitraries.calendars(), TimeArbitraries.months())
        .flatAs(MeterArbitraries::registerSeries);
  }

  private static RegisterSeries seriesOf(
      BillingCalendar calendar,
      Interval period,
      long seed,
      int gapPercent,
      long importStart,
      long exportStart) {
    Random random = new Random(seed);
    long[] registers = {importStart, exportStart, importStart / 2, exportStart / 2};
    List<Instant> starts = QuarterHours.within(period);
    List<RegisterReading> readings = new ArrayList<>(starts.size() + 1);
    int outageLeft = 0;
    for (int i = 0; i <= starts.size(); i++) {
      Instant at = i < starts.size() ? starts.get(i) : period.end();
      if (i > 0) {
        advance(registers, isHighTariff(calendar, starts.get(i - 1)), random);
      }
      boolean boundary = i == 0 || i == starts.size();
      if (outageLeft == 0 && random.nextInt(100) < gapPercent) {
        outageLeft = 1 + random.nextInt(16);
      }
      if (boundary || outageLeft == 0) {
        readings.add(new RegisterReading(at, registerValues(registers)));
      } else {
        outageLeft--;
      }
    }
    return new RegisterSeries(calendar, period, readings);
  }

  private static void advance(long[] registers, boolean high, Random random) {
    int offset = high ? 0 : 2;
    registers[offset] += 3 * nextBelow(random, IMPORT_PER_QUARTER_HOUR_MAX_MILLI);
    registers[offset + 1] += 3 * nextBelow(random, EXPORT_PER_QUARTER_HOUR_MAX_MILLI);
  }

  private static long nextBelow(Random random, long bound) {
    return Math.floorMod(random.nextLong(), bound);
  }

  private static boolean isHighTariff(BillingCalendar calendar, Instant quarterHourStart) {
    LocalTime local = quarterHourStart.atZone(calendar.zone()).toLocalTime();
    return !local.isBefore(HIGH_TARIFF_START) && local.isBefore(HIGH_TARIFF_END);
  }

  private static TariffMeasure registerValues(long[] registers) {
    MeasureKind kind = MeasureKind.ACTIVE_ENERGY;
    return TariffMeasure.dual(
        DirectionMeasure.importExport(
            new PhaseMeasure.Total(kind, registers[0]), new PhaseMeasure.Total(kind, registers[1])),
        DirectionMeasure.importExport(
            new PhaseMeasure.Total(kind, registers[2]),
            new PhaseMeasure.Total(kind, registers[3])));
  }

  /**
   * Load curves over a local month: one three-phase, import/export, dual-tariff energy per quarter
   * hour (the tariff not active that quarter hour is 0), with "not available" quarter hours at a
   * random gap rate, and a day profile (more import by day).
   *
   * @param calendar the calendar (zone) of the month and tariff times
   * @param month the month
   * @return the curves
   */
  public static Arbitrary<LoadCurve> loadCurves(BillingCalendar calendar, YearMonth month) {
    Objects.requireNonNull(calendar, "calendar");
    Objects.requireNonNull(month, "month");
    return loadCurves(calendar, Arbitraries.just(calendar.month(month)));
  }

  /**
   * Load curves over given quarter-hour aligned periods (for example {@link
   * TimeArbitraries#intervals()}).
   *
   * @param calendar the calendar (zone) of the tariff times
   * @param periods the periods
   * @return the curves
   */
  public static Arbitrary<LoadCurve> loadCurves(
      BillingCalendar calendar, Arbitrary<Interval> periods) {
    Objects.requireNonNull(calendar, "calendar");
    return Combinators.combine(
            periods, Arbitraries.longs(), Arbitraries.integers().between(0, GAP_PERCENT_MAX))
        .as((period, seed, gapPercent) -> curveOf(calendar, period, seed, gapPercent));
  }

  private static LoadCurve curveOf(
      BillingCalendar calendar, Interval period, long seed, int gapPercent) {
    Random random = new Random(seed);
    List<Instant> starts = QuarterHours.within(period);
    List<TariffMeasure> energies = new ArrayList<>(starts.size());
    MeasureKind kind = MeasureKind.ACTIVE_ENERGY;
    PhaseMeasure zero = new PhaseMeasure.ThreePhase(kind, 0, 0, 0);
    DirectionMeasure none = DirectionMeasure.importExport(zero, zero);
    for (Instant start : starts) {
      if (random.nextInt(100) < gapPercent) {
        energies.add(TariffMeasure.notAvailable(kind));
        continue;
      }
      boolean high = isHighTariff(calendar, start);
      long importMax =
          high ? IMPORT_PER_QUARTER_HOUR_MAX_MILLI : IMPORT_PER_QUARTER_HOUR_MAX_MILLI / 4;
      DirectionMeasure active =
          DirectionMeasure.importExport(
              phases(random, kind, importMax),
              phases(random, kind, EXPORT_PER_QUARTER_HOUR_MAX_MILLI));
      energies.add(high ? TariffMeasure.dual(active, none) : TariffMeasure.dual(none, active));
    }
    return new LoadCurve(period, energies);
  }

  private static PhaseMeasure phases(Random random, MeasureKind kind, long bound) {
    return new PhaseMeasure.ThreePhase(
        kind, nextBelow(random, bound), nextBelow(random, bound), nextBelow(random, bound));
  }

  /**
   * Batches and their re-delivery: each item delivered once, then some delivered again later in the
   * stream (at-least-once delivery).
   *
   * @param batches the original batches (items distinct, as a host keys them)
   * @param <T> the item type
   * @return the re-deliveries
   */
  public static <T> Arbitrary<Redelivery<T>> redeliveries(Arbitrary<List<T>> batches) {
    // The re-delivered items are drawn as indexes independent of the batch, so jqwik can shrink
    // the batch and the re-deliveries separately (down to one item delivered twice).
    Arbitrary<List<Integer>> again =
        Arbitraries.integers().between(0, REDELIVERED_MAX - 1).list().ofMaxSize(REDELIVERED_MAX);
    return Combinators.combine(batches, again)
        .as(
            (original, indexes) -> {
              List<T> delivered = new ArrayList<>(original);
              if (!original.isEmpty()) {
                for (int index : indexes) {
                  delivered.add(original.get(index % original.size()));
                }
              }
              return new Redelivery<>(original, delivered);
            });
  }
}
