package org.fis.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The composite rules shared by the three layers (written once, issue #17), and the agreement of
 * code and javadoc: a composite of two different alternatives of one representation throws {@link
 * MeasureMismatchException} in every layer.
 */
class CompositeRulesTest {
  private static final MeasureNotation WH = MeasureNotation.in(Unit.WH);

  @Test
  void two_different_alternatives_of_one_representation_throw_measure_mismatch_in_every_layer() {
    assertThatThrownBy(() -> PhaseMeasure.composite(WH.phase("1"), WH.phase("2")))
        .isExactlyInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("two different TOTAL alternatives");
    assertThatThrownBy(() -> DirectionMeasure.composite(WH.net("1"), WH.net("2")))
        .isExactlyInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("two different NET alternatives");
    assertThatThrownBy(() -> TariffMeasure.composite(WH.singleNet("1"), WH.singleNet("2")))
        .isExactlyInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("two different SINGLE alternatives");
  }

  @Test
  void equal_duplicates_merge_and_not_available_is_dropped_in_every_layer() {
    assertThat(PhaseMeasure.composite(WH.phase("1"), WH.phase("1"), WH.phase("-")))
        .isEqualTo(WH.phase("1"));
    assertThat(DirectionMeasure.composite(WH.net("1"), WH.net("1"))).isEqualTo(WH.net("1"));
    assertThat(
            TariffMeasure.composite(
                WH.singleNet("1"), TariffMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY)))
        .isEqualTo(WH.singleNet("1"));
  }

  @Test
  void a_composite_needs_one_alternative_of_one_kind() {
    assertThatThrownBy(() -> DirectionMeasure.composite(java.util.List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
    assertThatThrownBy(
            () ->
                TariffMeasure.composite(
                    WH.singleNet("1"), MeasureNotation.in(Unit.VARH).singleNet("1")))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("cannot combine ACTIVE_ENERGY with REACTIVE_ENERGY");
  }

  @Test
  void a_composite_record_rejects_members_under_the_wrong_key_or_fewer_than_two() {
    assertThatThrownBy(
            () ->
                new TariffMeasure.Composite(
                    java.util.Map.of(TariffMeasure.Representation.SINGLE, WH.dualNet("1", "2"))))
        .hasMessageContaining("at least two alternatives");
    assertThatThrownBy(
            () ->
                new DirectionMeasure.Composite(
                    java.util.Map.of(
                        DirectionMeasure.Representation.NET,
                        WH.importExport("1", "2"),
                        DirectionMeasure.Representation.IMPORT_EXPORT,
                        WH.importExport("1", "2"))))
        .hasMessageContaining("does not match its member");
  }

  @Test
  void unary_operations_keep_the_shape_of_direction_and_tariff_measures() {
    TariffMeasure reading = WH.dual("1 2 3", "4", "-", "0");
    assertThat(reading.negate()).isEqualTo(WH.dual("-1 -2 -3", "-4", "-", "0"));
    assertThat(reading.negate().abs()).isEqualTo(reading);
    assertThat(reading.multiply(2)).isEqualTo(WH.dual("2 4 6", "8", "-", "0"));
    assertThat(reading.divide(2, java.math.RoundingMode.HALF_UP))
        .isEqualTo(WH.dual("0.5 1 1.5", "2", "-", "0"));
    assertThat(WH.importExport("1", "2").multiply(3)).isEqualTo(WH.importExport("3", "6"));
    assertThatThrownBy(() -> reading.divide(0, java.math.RoundingMode.HALF_UP))
        .hasMessageContaining("divisor: must not be zero");
    assertThat(
            reading
                .perDuration(java.time.Duration.ofMinutes(15), java.math.RoundingMode.UNNECESSARY)
                .kind())
        .isEqualTo(MeasureKind.ACTIVE_POWER);
    assertThatThrownBy(
            () ->
                MeasureNotation.in(Unit.V)
                    .nonDirectional("230")
                    .perDuration(java.time.Duration.ofHours(1), java.math.RoundingMode.HALF_UP))
        .isInstanceOf(MeasureMismatchException.class);
  }
}
