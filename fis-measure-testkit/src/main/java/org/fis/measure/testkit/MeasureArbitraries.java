package org.fis.measure.testkit;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.ExpenditureMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Quantity;
import org.fis.measure.SpanMeasure;
import org.fis.measure.TariffMeasure;
import org.fis.measure.Unit;
import org.fis.measure.time.Interval;

/**
 * jqwik {@link Arbitrary}s for every public value of fis-measure-math: quantities per kind and unit
 * range, each phase, direction and tariff shape (plain, composite, partly and wholly "not
 * available"), spans and expenditures. The {@code full…} variants have every part available (the
 * domain of associativity, see the fis-measure-math README); the others may hide a "not available"
 * anywhere.
 *
 * <p>Values lie within ±{@link #VALUE_MAX} thousandths of the base unit, so sums of a few values
 * and products by factors up to 1000 never overflow. Every arbitrary shrinks towards small plain
 * values (a total of 0, the first alternative of each choice).
 *
 * <p>Stateless and thread-safe: each call returns a new arbitrary.
 */
public final class MeasureArbitraries {
  /**
   * The largest magnitude of a generated value, in thousandths of the base unit (10⁹ base units).
   */
  public static final long VALUE_MAX = 1_000_000_000_000L;

  /** The kind generated where none is named: active energy (Wh). */
  public static final MeasureKind DEFAULT_KIND = MeasureKind.ACTIVE_ENERGY;

  private MeasureArbitraries() {}

  // ------------------------------------------------------------------ scalars

  /**
   * Scaled values (thousandths of a base unit) within ±{@link #VALUE_MAX}.
   *
   * @return the values
   */
  public static Arbitrary<Long> values() {
    return Arbitraries.longs().between(-VALUE_MAX, VALUE_MAX);
  }

  /**
   * Quantities of a kind within ±{@link #VALUE_MAX} thousandths of its base unit.
   *
   * @param kind the kind
   * @return the quantities
   */
  public static Arbitrary<Quantity> quantities(MeasureKind kind) {
    Objects.requireNonNull(kind, "kind");
    return values().map(v -> Quantity.ofMilli(kind, v));
  }

  /**
   * Quantities of any kind.
   *
   * @return the quantities
   */
  public static Arbitrary<Quantity> quantities() {
    return Arbitraries.of(MeasureKind.class).flatMap(MeasureArbitraries::quantities);
  }

  /**
   * Quantities in a unit range, exact to 0.001 base units: {@code quantities(Unit.KWH, 0, 5)} gives
   * 0 to 5 kWh in steps of 1 mWh.
   *
   * @param unit the unit of the bounds
   * @param minimum the smallest value, in {@code unit}
   * @param maximum the largest value, in {@code unit}
   * @return the quantities
   * @throws IllegalArgumentException if {@code minimum > maximum} or a bound exceeds the range of
   *     {@link Quantity}
   */
  public static Arbitrary<Quantity> quantities(Unit unit, long minimum, long maximum) {
    Objects.requireNonNull(unit, "unit");
    if (minimum > maximum) {
      throw new IllegalArgumentException(
          "maximum: " + maximum + " is below minimum " + minimum + " " + unit.symbol());
    }
    long low = Quantity.of(minimum, unit).valueMilli();
    long high = Quantity.of(maximum, unit).valueMilli();
    return Arbitraries.longs().between(low, high).map(v -> Quantity.ofMilli(unit.kind(), v));
  }

  /**
   * Quantities in a unit with at most 3 decimals of that unit (e.g. 0.001 kWh steps), the values a
   * meter register reports.
   *
   * @param unit the unit
   * @param minimum the smallest value, in {@code unit}
   * @param maximum the largest value, in {@code unit}
   * @return the quantities
   */
  public static Arbitrary<Quantity> registerQuantities(Unit unit, long minimum, long maximum) {
    Objects.requireNonNull(unit, "unit");
    return Arbitraries.longs()
        .between(Math.multiplyExact(minimum, 1000), Math.multiplyExact(maximum, 1000))
        .map(v -> Quantity.of(BigDecimal.valueOf(v, 3), unit));
  }

  // ------------------------------------------------------------------ phase layer

  /**
   * Totals of a kind.
   *
   * @param kind the kind
   * @return the totals
   */
  public static Arbitrary<PhaseMeasure> totals(MeasureKind kind) {
    return values().map(v -> new PhaseMeasure.Total(kind, v));
  }

  /**
   * Three-phase values of a kind.
   *
   * @param kind the kind
   * @return the values
   */
  public static Arbitrary<PhaseMeasure> threePhases(MeasureKind kind) {
    return Combinators.combine(values(), values(), values())
        .as((a, b, c) -> new PhaseMeasure.ThreePhase(kind, a, b, c));
  }

  /**
   * Instantaneous statistics (average, minimum ≤ average ≤ maximum per total, times inside the
   * first hour of 2024).
   *
   * @param kind the kind
   * @return the statistics
   */
  public static Arbitrary<PhaseMeasure> instantaneous(MeasureKind kind) {
    Arbitrary<Long> spread = Arbitraries.longs().between(0, VALUE_MAX / 4);
    Arbitrary<Instant> times =
        Arbitraries.longs().between(0, 3599).map(s -> STATISTICS_START.plusSeconds(s));
    return Combinators.combine(
            Arbitraries.longs().between(-VALUE_MAX / 2, VALUE_MAX / 2),
            spread,
            spread,
            times,
            times)
        .as(
            (average, below, above, minimumAt, maximumAt) ->
                new PhaseMeasure.Instantaneous(
                    new PhaseMeasure.Total(kind, average),
                    new PhaseMeasure.Total(kind, average - below),
                    minimumAt,
                    new PhaseMeasure.Total(kind, average + above),
                    maximumAt));
  }

  private static final Instant STATISTICS_START = Instant.parse("2024-01-01T00:00:00Z");

  /**
   * Cumulative registers: a first reading and a last reading that is not below it.
   *
   * @param kind the kind
   * @return the registers
   */
  public static Arbitrary<PhaseMeasure> cumulatives(MeasureKind kind) {
    Arbitrary<Long> readings = Arbitraries.longs().between(0, VALUE_MAX / 2);
    return Combinators.combine(readings, readings)
        .as(
            (first, advance) ->
                new PhaseMeasure.Cumulative(
                    new PhaseMeasure.Total(kind, first),
                    new PhaseMeasure.Total(kind, first + advance)));
  }

  /**
   * Totals, three-phase values, not available and composites of a total and three phases.
   *
   * @param kind the kind
   * @return the phase measures
   */
  public static Arbitrary<PhaseMeasure> phases(MeasureKind kind) {
    Arbitrary<PhaseMeasure> composites =
        Combinators.combine(totals(kind), threePhases(kind)).as(PhaseMeasure::composite);
    return Arbitraries.frequencyOf(
        Tuple.of(4, totals(kind)),
        Tuple.of(4, threePhases(kind)),
        Tuple.of(3, composites),
        Tuple.of(1, Arbitraries.just(PhaseMeasure.notAvailable(kind))));
  }

  /**
   * As {@link #phases(MeasureKind)} without "not available".
   *
   * @param kind the kind
   * @return the available phase measures
   */
  public static Arbitrary<PhaseMeasure> availablePhases(MeasureKind kind) {
    return phases(kind).filter(PhaseMeasure::isAvailable);
  }

  /**
   * Every phase shape: {@link #phases(MeasureKind)}, instantaneous statistics and cumulative
   * registers (which combine with fewer others: see the README's mismatch rules).
   *
   * @param kind the kind
   * @return the phase measures
   */
  public static Arbitrary<PhaseMeasure> allPhaseShapes(MeasureKind kind) {
    return Arbitraries.frequencyOf(
        Tuple.of(6, phases(kind)),
        Tuple.of(1, instantaneous(kind)),
        Tuple.of(1, cumulatives(kind)));
  }

  // ------------------------------------------------------------------ direction layer

  /**
   * Directions whose parts may be not available (an import-only meter).
   *
   * @param kind the kind
   * @return the direction measures
   */
  public static Arbitrary<DirectionMeasure> directions(MeasureKind kind) {
    return directions(phases(kind));
  }

  /**
   * Directions with every part available, and the top-level "not available".
   *
   * @param kind the kind
   * @return the direction measures
   */
  public static Arbitrary<DirectionMeasure> fullDirections(MeasureKind kind) {
    return Arbitraries.frequencyOf(
        Tuple.of(10, directions(availablePhases(kind))),
        Tuple.of(1, Arbitraries.just(DirectionMeasure.notAvailable(kind))));
  }

  /**
   * Import/export pairs, net values and composites of both, built from given phase measures (the
   * composites' parts are always available).
   *
   * @param phases the phase measures, all of one kind
   * @return the direction measures
   */
  public static Arbitrary<DirectionMeasure> directions(Arbitrary<PhaseMeasure> phases) {
    Arbitrary<DirectionMeasure> pairs =
        Combinators.combine(phases, phases).as(DirectionMeasure::importExport);
    Arbitrary<DirectionMeasure> nets = phases.map(DirectionMeasure::net);
    Arbitrary<PhaseMeasure> available = phases.filter(PhaseMeasure::isAvailable);
    Arbitrary<DirectionMeasure> composites =
        Combinators.combine(available, available, available)
            .as(
                (i, e, n) ->
                    DirectionMeasure.composite(
                        DirectionMeasure.importExport(i, e), DirectionMeasure.net(n)));
    return Arbitraries.frequencyOf(Tuple.of(4, pairs), Tuple.of(3, nets), Tuple.of(2, composites));
  }

  /**
   * Non-directional values (voltage, current) of a kind.
   *
   * @param kind the kind, e.g. {@link MeasureKind#VOLTAGE}
   * @return the direction measures
   */
  public static Arbitrary<DirectionMeasure> nonDirectional(MeasureKind kind) {
    return phases(kind).map(DirectionMeasure::nonDirectional);
  }

  // ------------------------------------------------------------------ tariff layer

  /**
   * Tariffs whose parts may be not available.
   *
   * @param kind the kind
   * @return the tariff measures
   */
  public static Arbitrary<TariffMeasure> tariffs(MeasureKind kind) {
    return tariffs(directions(kind));
  }

  /**
   * Tariffs with every part available, and the top-level "not available".
   *
   * @param kind the kind
   * @return the tariff measures
   */
  public static Arbitrary<TariffMeasure> fullTariffs(MeasureKind kind) {
    return Arbitraries.frequencyOf(
        Tuple.of(10, tariffs(directions(availablePhases(kind)))),
        Tuple.of(1, Arbitraries.just(TariffMeasure.notAvailable(kind))));
  }

  /**
   * Single, dual and composite tariffs built from given direction measures.
   *
   * @param directions the direction measures, all of one kind
   * @return the tariff measures
   */
  public static Arbitrary<TariffMeasure> tariffs(Arbitrary<DirectionMeasure> directions) {
    Arbitrary<TariffMeasure> singles = directions.map(TariffMeasure::single);
    Arbitrary<TariffMeasure> duals =
        Combinators.combine(directions, directions).as(TariffMeasure::dual);
    Arbitrary<TariffMeasure> composites =
        Combinators.combine(directions, directions, directions)
            .as(
                (t0, t1, t2) ->
                    TariffMeasure.composite(TariffMeasure.single(t0), TariffMeasure.dual(t1, t2)));
    return Arbitraries.frequencyOf(
        Tuple.of(3, singles), Tuple.of(3, duals), Tuple.of(2, composites));
  }

  /**
   * The readings of a three-phase, import/export, dual-tariff meter (the common shape), each part
   * available.
   *
   * @param kind the kind
   * @return the readings
   */
  public static Arbitrary<TariffMeasure> dualThreePhaseReadings(MeasureKind kind) {
    Arbitrary<PhaseMeasure> three = threePhases(kind);
    return Combinators.combine(three, three, three, three)
        .as(
            (a, b, c, d) ->
                TariffMeasure.dual(
                    DirectionMeasure.importExport(a, b), DirectionMeasure.importExport(c, d)));
  }

  // ------------------------------------------------------------------ spans and expenditures

  /**
   * Spans of every variant over intervals from {@link TimeArbitraries#intervals()}, with
   * instantaneous times inside the interval.
   *
   * @param kind the kind
   * @return the spans
   */
  public static Arbitrary<SpanMeasure> spans(MeasureKind kind) {
    Arbitrary<Interval> intervals =
        TimeArbitraries.intervals().filter(interval -> !interval.isEmpty());
    Arbitrary<TariffMeasure> values = tariffs(kind);
    Arbitrary<SpanMeasure> minMax =
        Combinators.combine(intervals, values, values).as(SpanMeasure.MinMax::new);
    Arbitrary<SpanMeasure> averages =
        Combinators.combine(intervals, values).as(SpanMeasure.Average::new);
    Arbitrary<SpanMeasure> peaks = Combinators.combine(intervals, values).as(SpanMeasure.Peak::new);
    Arbitrary<SpanMeasure> cumulatives =
        Combinators.combine(intervals, values, values).as(SpanMeasure.Cumulative::new);
    Arbitrary<SpanMeasure> statistics =
        intervals.flatMap(
            interval -> {
              Arbitrary<Instant> inside = instantsIn(interval);
              return Combinators.combine(values, values, inside, values, inside)
                  .as(
                      (average, minimum, minimumAt, maximum, maximumAt) ->
                          new SpanMeasure.Instantaneous(
                              interval, average, minimum, minimumAt, maximum, maximumAt));
            });
    Arbitrary<SpanMeasure> missing =
        intervals.map(interval -> new SpanMeasure.NotAvailable(interval, kind));
    return Arbitraries.oneOf(minMax, averages, peaks, cumulatives, statistics, missing);
  }

  private static Arbitrary<Instant> instantsIn(Interval interval) {
    long seconds = Duration.between(interval.start(), interval.end()).toSeconds();
    return Arbitraries.longs()
        .between(0, Math.max(0, seconds - 1))
        .map(s -> interval.start().plusSeconds(s));
  }

  /**
   * Expenditures of every shape: usage, supply, usage and supply, not available; the costs are
   * {@link MeasureKind#MONEY} tariffs, possibly partly not available.
   *
   * @return the expenditures
   */
  public static Arbitrary<ExpenditureMeasure> expenditures() {
    Arbitrary<TariffMeasure> costs = fullTariffs(MeasureKind.MONEY);
    return Arbitraries.frequencyOf(
        Tuple.of(3, costs.map(ExpenditureMeasure.Usage::new)),
        Tuple.of(3, costs.map(ExpenditureMeasure.Supply::new)),
        Tuple.of(3, Combinators.combine(costs, costs).as(ExpenditureMeasure.UsageAndSupply::new)),
        Tuple.of(1, Arbitraries.just(new ExpenditureMeasure.NotAvailable())));
  }
}
