package org.fis.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.measure.Measures.threeWh;
import static org.fis.measure.Measures.totalWh;

import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

class TariffMeasureTest {
  private static final DirectionMeasure HIGH =
      DirectionMeasure.importExport(threeWh(10, 20, 30), totalWh(5));
  private static final DirectionMeasure LOW =
      DirectionMeasure.importExport(threeWh(1, 2, 3), totalWh(1));

  @Test
  void dual_tariff_total_is_t1_plus_t2() {
    TariffMeasure dual = TariffMeasure.dual(HIGH, LOW);
    assertThat(dual.total())
        .isEqualTo(DirectionMeasure.importExport(threeWh(11, 22, 33), totalWh(6)));
    assertThat(dual.tariff(Tariff.T0)).isEqualTo(dual.total());
    assertThat(dual.tariff(Tariff.T1)).isEqualTo(HIGH);
    assertThat(dual.tariff(Tariff.T2)).isEqualTo(LOW);
    assertThat(dual.dualView()).isEqualTo(dual);
  }

  @Test
  void a_single_tariff_has_a_total_but_no_dual_view() {
    TariffMeasure single = TariffMeasure.single(HIGH);
    assertThat(single.total()).isEqualTo(HIGH);
    assertThatThrownBy(single::dualView)
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("T1 and T2 are not derivable");
    assertThatThrownBy(() -> single.tariff(Tariff.T2)).isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void single_plus_dual_converts_the_dual_by_summing() {
    TariffMeasure sum = TariffMeasure.single(HIGH).add(TariffMeasure.dual(HIGH, LOW));
    assertThat(sum)
        .isEqualTo(
            TariffMeasure.single(DirectionMeasure.importExport(threeWh(21, 42, 63), totalWh(11))));
  }

  @Test
  void dual_plus_dual_adds_per_tariff() {
    TariffMeasure dual = TariffMeasure.dual(HIGH, LOW);
    assertThat(dual.add(dual)).isEqualTo(TariffMeasure.dual(HIGH.multiply(2), LOW.multiply(2)));
    assertThat(dual.subtract(dual).total().net()).isEqualTo(totalWh(0));
  }

  @Test
  void composite_prefers_the_single_register_for_the_total_and_keeps_the_dual_view() {
    DirectionMeasure meterTotal = DirectionMeasure.importExport(totalWh(70), totalWh(6));
    TariffMeasure composite =
        TariffMeasure.composite(TariffMeasure.dual(HIGH, LOW), TariffMeasure.single(meterTotal));
    assertThat(composite.total()).isEqualTo(meterTotal);
    assertThat(composite.tariff(Tariff.T1)).isEqualTo(HIGH);
    TariffMeasure doubled = composite.add(composite);
    assertThat(doubled.total()).isEqualTo(meterTotal.multiply(2));
    assertThat(doubled.tariff(Tariff.T2)).isEqualTo(LOW.multiply(2));
  }

  @Test
  void not_available_absorbs_and_has_a_not_available_dual_view() {
    TariffMeasure missing = TariffMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY);
    assertThat(missing.add(TariffMeasure.single(HIGH))).isEqualTo(missing);
    assertThat(missing.total().isAvailable()).isFalse();
    assertThat(missing.tariff(Tariff.T1).isAvailable()).isFalse();
  }

  @Test
  void adding_different_kinds_is_a_mismatch() {
    TariffMeasure reactive =
        TariffMeasure.single(DirectionMeasure.net(PhaseMeasure.total(Quantity.of(1, Unit.VARH))));
    assertThatThrownBy(() -> TariffMeasure.single(HIGH).add(reactive))
        .isInstanceOf(MeasureMismatchException.class);
    assertThatThrownBy(() -> TariffMeasure.dual(HIGH, reactive.total()))
        .isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void scalar_operations_apply_to_every_tariff() {
    TariffMeasure dual = TariffMeasure.dual(HIGH, LOW);
    assertThat(dual.multiply(4).divide(4, RoundingMode.UNNECESSARY)).isEqualTo(dual);
    assertThat(dual.negate().abs()).isEqualTo(dual);
    assertThatThrownBy(() -> dual.divide(0, RoundingMode.HALF_EVEN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
