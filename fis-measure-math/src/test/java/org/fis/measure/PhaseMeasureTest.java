package org.fis.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.measure.Measures.milliWh;
import static org.fis.measure.Measures.notAvailableEnergy;
import static org.fis.measure.Measures.threeWh;
import static org.fis.measure.Measures.totalWh;
import static org.fis.measure.Measures.wh;

import java.math.RoundingMode;
import java.time.Instant;
import org.fis.measure.PhaseMeasure.Representation;
import org.junit.jupiter.api.Test;

class PhaseMeasureTest {
  private static final Instant T1 = Instant.parse("2024-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2024-03-01T11:00:00Z");

  @Test
  void phase_sum_of_three_phase_is_l1_plus_l2_plus_l3_and_of_a_total_is_the_total() {
    assertThat(threeWh(100, 200, 300).phaseSum()).contains(wh(600));
    assertThat(totalWh(650).phaseSum()).contains(wh(650));
  }

  @Test
  void phase_average_peak_and_trough_of_three_phase() {
    PhaseMeasure three = threeWh(100, 200, 301);
    assertThat(three.phaseAverage()).contains(milliWh(200_333));
    assertThat(three.phaseAverage(RoundingMode.CEILING)).contains(milliWh(200_334));
    assertThat(three.phasePeak()).contains(wh(301));
    assertThat(three.phaseTrough()).contains(wh(100));
  }

  @Test
  void a_total_has_a_balanced_average_and_split_but_no_per_phase_extremes() {
    PhaseMeasure total = totalWh(900);
    assertThat(total.phaseAverage()).contains(wh(300));
    assertThat(total.phaseSplit()).contains(threeWh(300, 300, 300));
    assertThat(total.phasePeak()).isEmpty();
    assertThat(total.phaseTrough()).isEmpty();
  }

  @Test
  void split_of_a_total_distributes_the_remainder_so_the_sum_is_exact() {
    PhaseMeasure total = PhaseMeasure.total(milliWh(1001));
    PhaseMeasure.ThreePhase split = total.phaseSplit().orElseThrow();
    assertThat(split).isEqualTo(PhaseMeasure.threePhase(milliWh(334), milliWh(334), milliWh(333)));
    assertThat(split.phaseSum()).contains(milliWh(1001));
    assertThat(PhaseMeasure.total(milliWh(-1)).phaseSplit().orElseThrow().phaseSum())
        .contains(milliWh(-1));
  }

  @Test
  void not_available_is_not_zero_and_has_no_reductions() {
    PhaseMeasure missing = notAvailableEnergy();
    assertThat(missing.isAvailable()).isFalse();
    assertThat(missing.phaseSum()).isEmpty();
    assertThat(missing.phaseAverage()).isEmpty();
    assertThat(missing.phasePeak()).isEmpty();
    assertThat(missing.phaseSplit()).isEmpty();
    assertThat(totalWh(0).isAvailable()).isTrue();
    assertThat(totalWh(0).phaseSum()).contains(wh(0));
  }

  @Test
  void add_and_subtract_same_representations_element_wise() {
    assertThat(threeWh(1, 2, 3).add(threeWh(10, 20, 30))).isEqualTo(threeWh(11, 22, 33));
    assertThat(threeWh(10, 20, 30).subtract(threeWh(1, 2, 3))).isEqualTo(threeWh(9, 18, 27));
    assertThat(totalWh(5).add(totalWh(7))).isEqualTo(totalWh(12));
    assertThat(totalWh(5).subtract(totalWh(7))).isEqualTo(totalWh(-2));
  }

  @Test
  void three_phase_with_total_converts_losslessly_to_a_total() {
    assertThat(threeWh(1, 2, 3).add(totalWh(10))).isEqualTo(totalWh(16));
    assertThat(totalWh(10).subtract(threeWh(1, 2, 3))).isEqualTo(totalWh(4));
  }

  @Test
  void not_available_absorbs_arithmetic() {
    assertThat(threeWh(1, 2, 3).add(notAvailableEnergy())).isEqualTo(notAvailableEnergy());
    assertThat(notAvailableEnergy().subtract(totalWh(1))).isEqualTo(notAvailableEnergy());
    assertThat(notAvailableEnergy().negate()).isEqualTo(notAvailableEnergy());
  }

  @Test
  void adding_different_kinds_is_a_mismatch() {
    PhaseMeasure power = PhaseMeasure.total(Quantity.of(1, Unit.KW));
    assertThatThrownBy(() -> totalWh(1).add(power))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("ACTIVE_ENERGY with ACTIVE_POWER");
    assertThatThrownBy(() -> threeWh(1, 1, 1).add(PhaseMeasure.notAvailable(MeasureKind.VOLTAGE)))
        .isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void the_worked_example_prefers_the_total_register_for_sums_and_phases_for_splits() {
    PhaseMeasure energy = PhaseMeasure.composite(threeWh(100, 200, 300), totalWh(650));
    assertThat(energy.phaseSum()).contains(wh(650));
    assertThat(energy.phaseSplit()).contains(threeWh(100, 200, 300));
    assertThat(energy.phaseAverage()).contains(wh(200));
    assertThat(energy.phasePeak()).contains(wh(300));
    assertThat(energy.phaseTrough()).contains(wh(100));
  }

  @Test
  void a_real_zero_total_is_used_and_does_not_fall_through_to_the_phases() {
    PhaseMeasure energy = PhaseMeasure.composite(threeWh(100, 200, 300), totalWh(0));
    assertThat(energy.phaseSum()).contains(wh(0));
  }

  @Test
  void composite_flattens_drops_not_available_and_unwraps_a_single_member() {
    PhaseMeasure inner = PhaseMeasure.composite(threeWh(1, 2, 3), totalWh(6));
    PhaseMeasure outer = PhaseMeasure.composite(inner, notAvailableEnergy());
    assertThat(outer).isEqualTo(inner);
    assertThat(PhaseMeasure.composite(totalWh(6), notAvailableEnergy())).isEqualTo(totalWh(6));
    assertThat(PhaseMeasure.composite(notAvailableEnergy())).isEqualTo(notAvailableEnergy());
    assertThat(((PhaseMeasure.Composite) inner).members())
        .containsOnlyKeys(Representation.TOTAL, Representation.THREE_PHASE);
  }

  @Test
  void composite_rejects_two_different_members_of_one_representation_and_mixed_kinds() {
    assertThatThrownBy(() -> PhaseMeasure.composite(totalWh(1), totalWh(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two different TOTAL alternatives");
    assertThat(PhaseMeasure.composite(totalWh(1), totalWh(1))).isEqualTo(totalWh(1));
    assertThatThrownBy(
            () -> PhaseMeasure.composite(totalWh(1), PhaseMeasure.total(Quantity.of(1, Unit.W))))
        .isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void composites_add_member_by_representation_regardless_of_order() {
    PhaseMeasure a = PhaseMeasure.composite(totalWh(650), threeWh(100, 200, 300));
    PhaseMeasure b = PhaseMeasure.composite(threeWh(1, 2, 3), totalWh(7));
    PhaseMeasure sum = a.add(b);
    assertThat(sum).isEqualTo(PhaseMeasure.composite(threeWh(101, 202, 303), totalWh(657)));
    assertThat(sum.phaseSum()).contains(wh(657));
  }

  @Test
  void a_composite_plus_a_total_converts_the_three_phase_member() {
    PhaseMeasure a = PhaseMeasure.composite(totalWh(650), threeWh(100, 200, 300));
    assertThat(a.add(totalWh(10))).isEqualTo(totalWh(660));
    PhaseMeasure phasesOnly = PhaseMeasure.composite(threeWh(100, 200, 300), cumulative());
    assertThat(phasesOnly.add(totalWh(10))).isEqualTo(totalWh(610));
  }

  @Test
  void cumulative_registers_difference_and_add() {
    PhaseMeasure.Cumulative register = cumulative();
    assertThat(register.difference()).isEqualTo(totalWh(250));
    assertThat(register.phaseSum()).contains(wh(250));
    assertThat(register.add(register))
        .isEqualTo(new PhaseMeasure.Cumulative(totalWh(2000), totalWh(2500)));
    assertThat(PhaseMeasure.composite(register, threeWh(1, 1, 1)).cumulative()).contains(register);
  }

  @Test
  void cumulative_plus_a_plain_value_is_a_mismatch() {
    assertThatThrownBy(() -> cumulative().add(totalWh(1)))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("add: no lossless conversion between CUMULATIVE and TOTAL");
  }

  @Test
  void instantaneous_statistics_resolve_to_average_minimum_and_maximum() {
    PhaseMeasure.Instantaneous statistics = statistics();
    assertThat(statistics.phaseSum()).contains(wh(600));
    assertThat(statistics.phasePeak()).contains(wh(500));
    assertThat(statistics.phaseTrough()).contains(wh(10));
    assertThat(statistics.phaseSplit()).contains(threeWh(100, 200, 300));
    assertThat(PhaseMeasure.composite(statistics, totalWh(1)).instantaneous()).contains(statistics);
  }

  @Test
  void instantaneous_shifted_by_a_value_keeps_times_and_minus_swaps_min_and_max() {
    PhaseMeasure.Instantaneous statistics = statistics();
    PhaseMeasure shifted = statistics.add(threeWh(1, 1, 1));
    assertThat(shifted)
        .isEqualTo(
            new PhaseMeasure.Instantaneous(
                threeWh(101, 201, 301), threeWh(11, 21, 31), T1, threeWh(401, 451, 501), T2));
    PhaseMeasure reversed = threeWh(1000, 1000, 1000).subtract(statistics);
    assertThat(reversed)
        .isEqualTo(
            new PhaseMeasure.Instantaneous(
                threeWh(900, 800, 700), threeWh(600, 550, 500), T2, threeWh(990, 980, 970), T1));
    assertThat(statistics.negate().phaseTrough()).contains(wh(-500));
  }

  @Test
  void statistics_plus_statistics_and_abs_of_statistics_are_rejected() {
    assertThatThrownBy(() -> statistics().add(statistics()))
        .isInstanceOf(MeasureMismatchException.class);
    assertThatThrownBy(() -> statistics().abs())
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("abs");
    PhaseMeasure composite = PhaseMeasure.composite(statistics(), totalWh(-5));
    assertThat(composite.abs()).isEqualTo(totalWh(5));
  }

  @Test
  void statistics_must_hold_plain_values() {
    assertThatThrownBy(() -> new PhaseMeasure.Cumulative(cumulative(), totalWh(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("first: must be a total, three-phase or not available");
  }

  @Test
  void scalar_multiply_divide_negate_and_abs_apply_to_every_value() {
    assertThat(threeWh(1, -2, 3).multiply(2)).isEqualTo(threeWh(2, -4, 6));
    assertThat(threeWh(1, -2, 3).abs()).isEqualTo(threeWh(1, 2, 3));
    assertThat(threeWh(1, -2, 3).negate()).isEqualTo(threeWh(-1, 2, -3));
    assertThat(PhaseMeasure.total(milliWh(10)).divide(4, RoundingMode.HALF_EVEN))
        .isEqualTo(PhaseMeasure.total(milliWh(2)));
    assertThat(statistics().multiply(-1)).isEqualTo(statistics().negate());
    assertThat(statistics().divide(-1, RoundingMode.HALF_EVEN)).isEqualTo(statistics().negate());
    assertThat(cumulative().multiply(2).phaseSum()).contains(wh(500));
    assertThatThrownBy(() -> totalWh(1).divide(0, RoundingMode.HALF_EVEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("divisor");
  }

  @Test
  void three_phase_rejects_phases_of_different_kinds() {
    assertThatThrownBy(() -> PhaseMeasure.threePhase(wh(1), wh(1), Quantity.of(1, Unit.VARH)))
        .isInstanceOf(MeasureMismatchException.class);
  }

  private static PhaseMeasure.Cumulative cumulative() {
    return new PhaseMeasure.Cumulative(totalWh(1000), totalWh(1250));
  }

  private static PhaseMeasure.Instantaneous statistics() {
    return new PhaseMeasure.Instantaneous(
        threeWh(100, 200, 300), threeWh(10, 20, 30), T1, threeWh(400, 450, 500), T2);
  }
}
