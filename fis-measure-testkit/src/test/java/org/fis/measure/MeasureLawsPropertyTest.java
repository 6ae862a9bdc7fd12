package org.fis.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.fis.measure.testkit.MeasureArbitraries;

/**
 * The laws of the algebra (issue #3), for every layer. Moved here from fis-measure-math with the
 * generators (issue #17): the kit depends on fis-measure-math, so fis-measure-math's own tests
 * cannot depend on the kit (a reactor cycle).
 */
public class MeasureLawsPropertyTest {
  private static final MeasureKind KIND = MeasureKind.ACTIVE_ENERGY;

  /** Values small enough that sums of a few and products by small factors never overflow. */
  private static final long VALUE_MAX = MeasureArbitraries.VALUE_MAX;

  // ------------------------------------------------------------------ generators
  // The generators live in fis-measure-testkit (MeasureArbitraries); these providers only name
  // them for the @ForAll parameters below.

  @Provide
  Arbitrary<PhaseMeasure> phases() {
    return MeasureArbitraries.phases(KIND);
  }

  @Provide
  Arbitrary<PhaseMeasure> availablePhases() {
    return MeasureArbitraries.availablePhases(KIND);
  }

  @Provide
  Arbitrary<DirectionMeasure> directions() {
    return MeasureArbitraries.directions(KIND);
  }

  @Provide
  Arbitrary<DirectionMeasure> fullDirections() {
    return MeasureArbitraries.fullDirections(KIND);
  }

  @Provide
  Arbitrary<TariffMeasure> tariffs() {
    return MeasureArbitraries.tariffs(KIND);
  }

  @Provide
  Arbitrary<TariffMeasure> fullTariffs() {
    return MeasureArbitraries.fullTariffs(KIND);
  }

  // ------------------------------------------------------------------ phase laws

  @Property
  void phase_add_is_commutative(
      @ForAll("phases") PhaseMeasure a, @ForAll("phases") PhaseMeasure b) {
    assertThat(a.add(b)).isEqualTo(b.add(a));
  }

  @Property
  void phase_add_is_associative(
      @ForAll("phases") PhaseMeasure a,
      @ForAll("phases") PhaseMeasure b,
      @ForAll("phases") PhaseMeasure c) {
    assertThat(a.add(b).add(c)).isEqualTo(a.add(b.add(c)));
  }

  @Property
  void not_available_absorbs_add_and_is_the_identity_of_composite(
      @ForAll("phases") PhaseMeasure a) {
    PhaseMeasure missing = PhaseMeasure.notAvailable(KIND);
    assertThat(a.add(missing)).isEqualTo(missing);
    assertThat(PhaseMeasure.composite(a, missing)).isEqualTo(a);
    assertThat(PhaseMeasure.composite(missing, a)).isEqualTo(a);
  }

  @Property
  void scalar_multiplication_distributes_over_add(
      @ForAll("phases") PhaseMeasure a,
      @ForAll("phases") PhaseMeasure b,
      @ForAll @IntRange(min = -1000, max = 1000) int k) {
    assertThat(a.add(b).multiply(k)).isEqualTo(a.multiply(k).add(b.multiply(k)));
  }

  @Property
  void subtract_is_add_of_the_negation(
      @ForAll("phases") PhaseMeasure a, @ForAll("phases") PhaseMeasure b) {
    assertThat(a.subtract(b)).isEqualTo(a.add(b.negate()));
  }

  @Property
  void phase_sum_is_a_homomorphism_of_add(
      @ForAll("availablePhases") PhaseMeasure a, @ForAll("availablePhases") PhaseMeasure b) {
    assertThat(a.add(b).phaseSum().orElseThrow())
        .isEqualTo(a.phaseSum().orElseThrow().add(b.phaseSum().orElseThrow()));
  }

  @Property
  void total_of_split_is_the_value_exactly(
      @ForAll @LongRange(min = -VALUE_MAX, max = VALUE_MAX) long v) {
    Quantity value = Quantity.ofMilli(KIND, v);
    PhaseMeasure.ThreePhase split = PhaseMeasure.total(value).phaseSplit().orElseThrow();
    assertThat(split.phaseSum()).contains(value);
    assertThat(
            split.phasePeak().orElseThrow().valueMilli()
                - split.phaseTrough().orElseThrow().valueMilli())
        .isBetween(0L, 1L);
  }

  @Property
  void split_of_three_phase_is_itself_and_average_is_the_rounded_mean(
      @ForAll("availablePhases") PhaseMeasure a) {
    PhaseMeasure.ThreePhase split = a.phaseSplit().orElseThrow();
    long sum = split.phaseSum().orElseThrow().valueMilli();
    assertThat(split.phaseAverage(RoundingMode.FLOOR).orElseThrow().valueMilli())
        .isEqualTo(Math.floorDiv(sum, 3));
  }

  @Property
  void composite_resolution_does_not_depend_on_member_order(
      @ForAll("availablePhases") PhaseMeasure total,
      @ForAll("availablePhases") PhaseMeasure three,
      @ForAll long seed) {
    List<PhaseMeasure> members = new ArrayList<>();
    members.add(PhaseMeasure.total(total.phaseSum().orElseThrow()));
    members.add(three.phaseSplit().orElseThrow());
    members.add(
        new PhaseMeasure.Cumulative(
            PhaseMeasure.total(Quantity.zero(KIND)), PhaseMeasure.total(Quantity.zero(KIND))));
    members.add(PhaseMeasure.notAvailable(KIND));
    PhaseMeasure ordered = PhaseMeasure.composite(members);
    Collections.shuffle(members, new Random(seed));
    PhaseMeasure shuffled = PhaseMeasure.composite(members);
    assertThat(shuffled).isEqualTo(ordered);
    assertThat(shuffled.phaseSum()).isEqualTo(ordered.phaseSum());
    assertThat(shuffled.phasePeak()).isEqualTo(ordered.phasePeak());
    assertThat(shuffled.phaseSplit()).isEqualTo(ordered.phaseSplit());
    assertThat(shuffled.phaseSum()).contains(total.phaseSum().orElseThrow());
  }

  // ------------------------------------------------------------------ direction laws

  @Property
  void net_is_import_minus_export(
      @ForAll("availablePhases") PhaseMeasure i, @ForAll("availablePhases") PhaseMeasure e) {
    DirectionMeasure pair = DirectionMeasure.importExport(i, e);
    assertThat(pair.net()).isEqualTo(i.subtract(e));
    assertThat(pair.net().phaseSum().orElseThrow())
        .isEqualTo(i.phaseSum().orElseThrow().subtract(e.phaseSum().orElseThrow()));
    assertThat(pair.sum()).isEqualTo(i.add(e));
  }

  @Property
  void direction_add_is_commutative_even_with_missing_parts(
      @ForAll("directions") DirectionMeasure a, @ForAll("directions") DirectionMeasure b) {
    assertThat(a.add(b)).isEqualTo(b.add(a));
  }

  @Property
  void direction_add_is_associative_for_available_parts(
      @ForAll("fullDirections") DirectionMeasure a,
      @ForAll("fullDirections") DirectionMeasure b,
      @ForAll("fullDirections") DirectionMeasure c) {
    assertThat(a.add(b).add(c)).isEqualTo(a.add(b.add(c)));
  }

  @Property
  void net_is_a_homomorphism_of_add(
      @ForAll("fullDirections") DirectionMeasure a, @ForAll("fullDirections") DirectionMeasure b) {
    assertThat(a.add(b).net()).isEqualTo(a.net().add(b.net()));
  }

  // ------------------------------------------------------------------ tariff laws

  @Property
  void tariff_total_is_t1_plus_t2(
      @ForAll("directions") DirectionMeasure t1, @ForAll("directions") DirectionMeasure t2) {
    TariffMeasure dual = TariffMeasure.dual(t1, t2);
    assertThat(dual.total()).isEqualTo(t1.add(t2));
    assertThat(dual.tariff(Tariff.T1)).isEqualTo(t1);
    assertThat(dual.tariff(Tariff.T2)).isEqualTo(t2);
  }

  @Property
  void tariff_add_is_commutative_even_with_missing_parts(
      @ForAll("tariffs") TariffMeasure a, @ForAll("tariffs") TariffMeasure b) {
    assertThat(a.add(b)).isEqualTo(b.add(a));
  }

  @Property
  void tariff_add_is_associative_for_available_parts(
      @ForAll("fullTariffs") TariffMeasure a,
      @ForAll("fullTariffs") TariffMeasure b,
      @ForAll("fullTariffs") TariffMeasure c) {
    assertThat(a.add(b).add(c)).isEqualTo(a.add(b.add(c)));
  }

  @Property
  void tariff_scalar_multiplication_distributes_over_add(
      @ForAll("tariffs") TariffMeasure a,
      @ForAll("tariffs") TariffMeasure b,
      @ForAll @IntRange(min = -1000, max = 1000) int k) {
    assertThat(a.add(b).multiply(k)).isEqualTo(a.multiply(k).add(b.multiply(k)));
  }

  @Property
  void tariff_total_is_a_homomorphism_of_add(
      @ForAll("fullTariffs") TariffMeasure a, @ForAll("fullTariffs") TariffMeasure b) {
    assertThat(a.add(b).total().net()).isEqualTo(a.total().net().add(b.total().net()));
  }

  @Property(tries = 300)
  void the_accumulator_sums_like_a_fold_with_add(
      @ForAll("readingLists") List<TariffMeasure> readings) {
    MeasureAccumulator accumulator = MeasureAccumulator.of(KIND);
    readings.forEach(accumulator::add);
    TariffMeasure folded = readings.stream().reduce(TariffMeasure::add).orElseThrow();
    assertThat(accumulator.sum()).isEqualTo(folded);
    assertThat(accumulator.count()).isEqualTo(readings.size());
    MeasureAccumulator bulk = MeasureAccumulator.of(KIND, MeasureSelector.defaults(KIND));
    MeasureAccumulator oneByOne = MeasureAccumulator.of(KIND, MeasureSelector.defaults(KIND));
    List<TariffMeasure> importing =
        readings.stream().filter(r -> !(r instanceof TariffMeasure.Single) || isPair(r)).toList();
    if (!importing.isEmpty() && importing.stream().allMatch(MeasureLawsPropertyTest::hasImport)) {
      bulk.addAll(importing);
      importing.forEach(oneByOne::add);
      assertThat(bulk.sum()).isEqualTo(oneByOne.sum());
      assertThat(bulk.peak()).isEqualTo(oneByOne.peak());
      assertThat(bulk.count()).isEqualTo(oneByOne.count());
      MeasureAccumulator bulkNoPeak = MeasureAccumulator.of(KIND).addAll(readings);
      assertThat(bulkNoPeak.sum()).isEqualTo(folded);
    }
  }

  private static boolean isPair(TariffMeasure reading) {
    return ((TariffMeasure.Single) reading).t0() instanceof DirectionMeasure.ImportExport;
  }

  private static boolean hasImport(TariffMeasure reading) {
    try {
      MeasureSelector.defaults(KIND).select(reading);
      return true;
    } catch (MeasureMismatchException e) {
      return false;
    }
  }

  @Property(tries = 300)
  void the_accumulator_peak_is_the_largest_selected_value(
      @ForAll("readingLists") List<TariffMeasure> readings) {
    MeasureSelector selector =
        new MeasureSelector(Tariff.T0, MeasureSelector.Direction.NET, MeasureSelector.Phase.SUM);
    MeasureSelector imports = MeasureSelector.defaults(KIND);
    MeasureAccumulator net = MeasureAccumulator.of(KIND, selector);
    MeasureAccumulator imported = MeasureAccumulator.of(KIND, imports);
    for (TariffMeasure reading : readings) {
      net.add(reading);
      try {
        imported.add(reading);
      } catch (MeasureMismatchException e) {
        // A net-only reading has no import: rejected, accumulator unchanged.
      }
    }
    assertThat(net.peak())
        .isEqualTo(
            readings.stream()
                .map(selector::select)
                .flatMap(java.util.Optional::stream)
                .max(Quantity::compareTo));
    assertThat(imported.peak())
        .isEqualTo(
            readings.stream()
                .filter(
                    r -> {
                      try {
                        imports.select(r);
                        return true;
                      } catch (MeasureMismatchException e) {
                        return false;
                      }
                    })
                .map(imports::select)
                .flatMap(java.util.Optional::stream)
                .max(Quantity::compareTo));
  }

  @Provide
  Arbitrary<List<TariffMeasure>> readingLists() {
    return Arbitraries.frequencyOf(
            Tuple.of(5, MeasureArbitraries.dualThreePhaseReadings(KIND)),
            Tuple.of(1, MeasureArbitraries.fullTariffs(KIND)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  // ------------------------------------------------------------------ units

  @Property
  void unit_conversions_round_trip(
      @ForAll @LongRange(min = -VALUE_MAX, max = VALUE_MAX) long milli, @ForAll Unit unit) {
    Quantity q = Quantity.ofMilli(unit.kind(), milli);
    assertThat(Quantity.of(q.to(unit), unit)).isEqualTo(q);
    assertThat(Quantity.of(q.to(unit).toPlainString(), unit)).isEqualTo(q);
  }
}
