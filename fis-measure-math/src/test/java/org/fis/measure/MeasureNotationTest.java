package org.fis.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The notation builds the same values as the factories, in one call per value. */
class MeasureNotationTest {
  private static final MeasureNotation KWH = MeasureNotation.in(Unit.KWH);

  @Test
  void one_call_builds_a_three_phase_import_export_dual_tariff_reading() {
    PhaseMeasure zero = PhaseMeasure.total(Quantity.zero(MeasureKind.ACTIVE_ENERGY));
    TariffMeasure byFactories =
        TariffMeasure.dual(
            DirectionMeasure.importExport(
                PhaseMeasure.threePhase(
                    Quantity.of("0.25", Unit.KWH),
                    Quantity.of("0.5", Unit.KWH),
                    Quantity.of("0.75", Unit.KWH)),
                PhaseMeasure.total(Quantity.of(100, Unit.WH))),
            DirectionMeasure.importExport(zero, zero));

    assertThat(KWH.dual("0.25 0.5 0.75", "0.1", "0", "0")).isEqualTo(byFactories);
  }

  @Test
  void phases_are_totals_three_phase_not_available_or_composites() {
    assertThat(KWH.phase("1.5")).isEqualTo(PhaseMeasure.total(Quantity.of("1.5", Unit.KWH)));
    assertThat(KWH.phase(" 1  2 3 "))
        .isEqualTo(
            PhaseMeasure.threePhase(
                Quantity.of(1, Unit.KWH), Quantity.of(2, Unit.KWH), Quantity.of(3, Unit.KWH)));
    assertThat(KWH.phase("-")).isEqualTo(PhaseMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY));
    assertThat(KWH.phase("6 | 1 2 3"))
        .isEqualTo(PhaseMeasure.composite(KWH.phase("6"), KWH.phase("1 2 3")));
    assertThat(KWH.quantity("-2")).isEqualTo(Quantity.of(-2, Unit.KWH));
  }

  @Test
  void direction_and_tariff_shapes() {
    assertThat(KWH.net("-1")).isEqualTo(DirectionMeasure.net(KWH.phase("-1")));
    assertThat(MeasureNotation.in(Unit.V).nonDirectional("230 231 229").kind())
        .isEqualTo(MeasureKind.VOLTAGE);
    assertThat(KWH.single("1", "-"))
        .isEqualTo(
            TariffMeasure.single(DirectionMeasure.importExport(KWH.phase("1"), KWH.phase("-"))));
    assertThat(KWH.singleNet("2")).isEqualTo(TariffMeasure.single(KWH.net("2")));
    assertThat(KWH.dualNet("1", "2")).isEqualTo(TariffMeasure.dual(KWH.net("1"), KWH.net("2")));
    assertThat(KWH.unit()).isEqualTo(Unit.KWH);
    assertThat(KWH).hasToString("MeasureNotation[kWh]");
  }

  @Test
  void malformed_notation_is_rejected_naming_the_reason() {
    assertThatThrownBy(() -> KWH.phase("1 2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected one number (total), three (L1 L2 L3) or \"-\", got 2");
    assertThatThrownBy(() -> KWH.phase("")).hasMessageContaining("got 0");
    assertThatThrownBy(() -> KWH.phase("1 |")).hasMessageContaining("got 0");
    assertThatThrownBy(() -> KWH.phase("x")).hasMessageContaining("'x' is not a decimal number");
    assertThatThrownBy(() -> KWH.phase("0.0000001")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KWH.phase("1 | 2")).isInstanceOf(MeasureMismatchException.class);
    assertThatThrownBy(() -> MeasureNotation.in(null)).isInstanceOf(NullPointerException.class);
  }
}
