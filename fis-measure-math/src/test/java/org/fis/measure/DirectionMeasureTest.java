package org.fis.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.measure.Measures.notAvailableEnergy;
import static org.fis.measure.Measures.threeWh;
import static org.fis.measure.Measures.totalWh;

import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class DirectionMeasureTest {
  private static final DirectionMeasure PAIR =
      DirectionMeasure.importExport(threeWh(100, 200, 300), totalWh(50));

  @Test
  void import_export_gives_net_sum_import_and_export() {
    assertThat(PAIR.net()).isEqualTo(totalWh(550));
    assertThat(PAIR.sum()).isEqualTo(totalWh(650));
    assertThat(PAIR.importValue()).isEqualTo(threeWh(100, 200, 300));
    assertThat(PAIR.exportValue()).isEqualTo(totalWh(50));
  }

  @Test
  void import_export_has_no_direction_free_value() {
    assertThatThrownBy(PAIR::any)
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("any: not derivable from IMPORT_EXPORT");
  }

  @Test
  void a_net_value_gives_net_and_any_but_not_import_export_or_sum() {
    DirectionMeasure net = DirectionMeasure.net(totalWh(-20));
    assertThat(net.net()).isEqualTo(totalWh(-20));
    assertThat(net.any()).isEqualTo(totalWh(-20));
    assertThatThrownBy(net::importValue)
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("import: not derivable from NET");
    assertThatThrownBy(net::exportValue).isInstanceOf(MeasureMismatchException.class);
    assertThatThrownBy(net::sum).isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void a_non_directional_value_gives_only_any() {
    PhaseMeasure volts =
        PhaseMeasure.threePhase(
            Quantity.of(230, Unit.V), Quantity.of(231, Unit.V), Quantity.of(229, Unit.V));
    DirectionMeasure voltage = DirectionMeasure.nonDirectional(volts);
    assertThat(voltage.any()).isEqualTo(volts);
    assertThatThrownBy(voltage::net)
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("net: not derivable from NON_DIRECTIONAL");
  }

  @Test
  void not_available_reduces_to_not_available_phases() {
    DirectionMeasure missing = DirectionMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY);
    assertThat(missing.net()).isEqualTo(notAvailableEnergy());
    assertThat(missing.importValue()).isEqualTo(notAvailableEnergy());
    assertThat(missing.isAvailable()).isFalse();
    assertThat(missing.add(PAIR)).isEqualTo(missing);
  }

  @Test
  void a_missing_export_makes_net_and_sum_not_available_never_zero() {
    DirectionMeasure importOnly = DirectionMeasure.importExport(totalWh(10), notAvailableEnergy());
    assertThat(importOnly.isAvailable()).isTrue();
    assertThat(importOnly.net().isAvailable()).isFalse();
    assertThat(importOnly.sum().isAvailable()).isFalse();
    assertThat(importOnly.importValue()).isEqualTo(totalWh(10));
  }

  @Test
  void composites_prefer_the_meter_net_for_net_and_the_pair_for_import() {
    DirectionMeasure both = DirectionMeasure.composite(DirectionMeasure.net(totalWh(500)), PAIR);
    assertThat(both.net()).isEqualTo(totalWh(500));
    assertThat(both.importValue()).isEqualTo(threeWh(100, 200, 300));
    assertThat(both.any()).isEqualTo(totalWh(500));
  }

  @Test
  void a_composite_falls_through_to_the_next_member_when_the_preferred_result_is_missing() {
    DirectionMeasure importOnly = DirectionMeasure.importExport(totalWh(10), notAvailableEnergy());
    DirectionMeasure composite =
        DirectionMeasure.composite(importOnly, DirectionMeasure.nonDirectional(totalWh(3)));
    assertThat(composite.net().isAvailable()).isFalse();
    assertThat(DirectionMeasure.composite(PAIR, DirectionMeasure.net(totalWh(1))).sum())
        .isEqualTo(totalWh(650));
  }

  @Test
  void add_pairs_pairs_and_converts_a_pair_with_a_net_to_a_net() {
    assertThat(PAIR.add(PAIR))
        .isEqualTo(DirectionMeasure.importExport(threeWh(200, 400, 600), totalWh(100)));
    assertThat(PAIR.subtract(PAIR))
        .isEqualTo(DirectionMeasure.importExport(threeWh(0, 0, 0), totalWh(0)));
    assertThat(PAIR.add(DirectionMeasure.net(totalWh(-50))))
        .isEqualTo(DirectionMeasure.net(totalWh(500)));
    assertThat(DirectionMeasure.net(totalWh(1)).add(DirectionMeasure.net(totalWh(2))))
        .isEqualTo(DirectionMeasure.net(totalWh(3)));
  }

  @Test
  void add_rejects_net_with_non_directional_and_different_kinds() {
    assertThatThrownBy(
            () -> DirectionMeasure.net(totalWh(1)).add(DirectionMeasure.nonDirectional(totalWh(1))))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("add: no lossless conversion between NET and NON_DIRECTIONAL");
    assertThatThrownBy(
            () -> PAIR.add(DirectionMeasure.net(PhaseMeasure.total(Quantity.of(1, Unit.VARH)))))
        .isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void scalar_operations_apply_to_both_directions() {
    assertThat(PAIR.multiply(2))
        .isEqualTo(DirectionMeasure.importExport(threeWh(200, 400, 600), totalWh(100)));
    assertThat(PAIR.negate().abs()).isEqualTo(PAIR);
    assertThat(PAIR.multiply(3).divide(3, RoundingMode.UNNECESSARY)).isEqualTo(PAIR);
    assertThatThrownBy(() -> PAIR.divide(0, RoundingMode.HALF_EVEN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void composite_members_are_keyed_and_must_agree() {
    assertThatThrownBy(
            () ->
                DirectionMeasure.composite(
                    DirectionMeasure.net(totalWh(1)), DirectionMeasure.net(totalWh(2))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two different NET alternatives");
    assertThat(
            DirectionMeasure.composite(
                DirectionMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY), PAIR))
        .isEqualTo(PAIR);
  }
}
