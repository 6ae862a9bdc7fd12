package org.fis.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.measure.Measures.threeWh;
import static org.fis.measure.Measures.totalWh;
import static org.fis.measure.Measures.wh;

import java.util.List;
import org.fis.measure.MeasureSelector.Direction;
import org.fis.measure.MeasureSelector.Phase;
import org.junit.jupiter.api.Test;

class AccumulatorAndSelectorTest {
  private static final TariffMeasure READING =
      TariffMeasure.dual(
          DirectionMeasure.importExport(threeWh(1, 2, 3), threeWh(0, 0, 1)),
          DirectionMeasure.importExport(threeWh(10, 20, 30), threeWh(0, 1, 0)));

  @Test
  void an_empty_accumulator_sums_to_not_available() {
    MeasureAccumulator sum = MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY);
    assertThat(sum.sum()).isEqualTo(TariffMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY));
    assertThat(sum.count()).isZero();
  }

  @Test
  void the_accumulator_sums_like_add() {
    MeasureAccumulator sum = MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY);
    sum.add(READING).add(READING).add(READING);
    assertThat(sum.sum()).isEqualTo(READING.add(READING).add(READING));
    assertThat(sum.count()).isEqualTo(3);
  }

  @Test
  void readings_of_another_shape_go_through_add() {
    TariffMeasure single = TariffMeasure.single(DirectionMeasure.net(totalWh(5)));
    TariffMeasure composite =
        TariffMeasure.composite(single, TariffMeasure.dual(single.total(), single.total()));
    MeasureAccumulator sum = MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY);
    for (TariffMeasure reading : List.of(READING, single, composite, READING)) {
      sum.add(reading);
    }
    assertThat(sum.sum()).isEqualTo(READING.add(single).add(composite).add(READING));
  }

  @Test
  void a_not_available_reading_makes_the_sum_not_available() {
    MeasureAccumulator sum = MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY);
    sum.add(READING).add(TariffMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY));
    assertThat(sum.sum().isAvailable()).isFalse();
  }

  @Test
  void the_accumulator_rejects_other_kinds() {
    TariffMeasure power =
        TariffMeasure.single(DirectionMeasure.net(PhaseMeasure.total(Quantity.of(1, Unit.KW))));
    assertThatThrownBy(() -> MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY).add(power))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("reading: cannot add ACTIVE_POWER");
  }

  @Test
  void the_default_selector_of_energy_is_the_import_phase_sum_over_all_tariffs() {
    MeasureSelector selector = MeasureSelector.defaults(MeasureKind.ACTIVE_ENERGY);
    assertThat(selector.select(READING)).contains(wh(66));
    assertThat(selector.withTariff(Tariff.T1).select(READING)).contains(wh(6));
    assertThat(selector.withTariff(Tariff.T2).select(READING)).contains(wh(60));
    assertThat(selector.withDirection(Direction.EXPORT).select(READING)).contains(wh(2));
    assertThat(selector.withDirection(Direction.NET).select(READING)).contains(wh(64));
    assertThat(selector.withDirection(Direction.SUM).select(READING)).contains(wh(68));
    assertThat(selector.withPhase(Phase.PEAK).select(READING)).contains(wh(33));
    assertThat(selector.withPhase(Phase.TROUGH).select(READING)).contains(wh(11));
    assertThat(selector.withPhase(Phase.AVERAGE).select(READING)).contains(wh(22));
    assertThat(selector.withPhase(Phase.L2).select(READING)).contains(wh(22));
    assertThat(selector.withPhase(Phase.L1).select(READING)).contains(wh(11));
    assertThat(selector.withPhase(Phase.L3).select(READING)).contains(wh(33));
  }

  @Test
  void selector_defaults_per_kind_and_rejections() {
    assertThat(MeasureSelector.defaults(MeasureKind.ACTIVE_POWER))
        .isEqualTo(new MeasureSelector(Tariff.T0, Direction.NET, Phase.AVERAGE));
    assertThat(MeasureSelector.defaults(MeasureKind.VOLTAGE).direction()).isEqualTo(Direction.ANY);
    assertThat(MeasureSelector.defaults(MeasureKind.MONEY).phase()).isEqualTo(Phase.SUM);
    TariffMeasure single = TariffMeasure.single(DirectionMeasure.net(totalWh(5)));
    MeasureSelector selector = MeasureSelector.defaults(MeasureKind.ACTIVE_ENERGY);
    assertThatThrownBy(() -> selector.select(single))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("import: not derivable from NET");
    assertThatThrownBy(() -> selector.withTariff(Tariff.T1).select(single))
        .isInstanceOf(MeasureMismatchException.class);
    assertThat(selector.withDirection(Direction.ANY).select(single)).contains(wh(5));
    assertThat(
            selector.select(
                TariffMeasure.single(
                    DirectionMeasure.importExport(
                        PhaseMeasure.composite(totalWh(7), threeWh(1, 2, 3)), totalWh(0)))))
        .contains(wh(7));
  }

  @Test
  void the_accumulator_tracks_the_peak_of_a_selector_over_single_readings() {
    TariffMeasure small =
        TariffMeasure.dual(
            DirectionMeasure.importExport(threeWh(1, 1, 1), threeWh(9, 9, 9)),
            DirectionMeasure.importExport(threeWh(0, 0, 0), threeWh(0, 0, 0)));
    MeasureAccumulator imports =
        MeasureAccumulator.of(
            MeasureKind.ACTIVE_ENERGY, MeasureSelector.defaults(MeasureKind.ACTIVE_ENERGY));
    imports.add(small).add(READING).add(small);
    assertThat(imports.peak()).contains(wh(66));
    MeasureAccumulator exportsHigh =
        MeasureAccumulator.of(
            MeasureKind.ACTIVE_ENERGY,
            new MeasureSelector(Tariff.T1, Direction.EXPORT, Phase.PEAK));
    exportsHigh.add(small).add(READING);
    assertThat(exportsHigh.peak()).contains(wh(9));
    assertThat(MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY).add(READING).peak()).isEmpty();
  }

  @Test
  void a_reading_the_peak_selector_cannot_answer_is_rejected_and_leaves_the_sum_unchanged() {
    MeasureAccumulator accumulator =
        MeasureAccumulator.of(
            MeasureKind.ACTIVE_ENERGY, MeasureSelector.defaults(MeasureKind.ACTIVE_ENERGY));
    accumulator.add(READING);
    TariffMeasure net = TariffMeasure.single(DirectionMeasure.net(totalWh(5)));
    assertThatThrownBy(() -> accumulator.add(net)).isInstanceOf(MeasureMismatchException.class);
    assertThat(accumulator.sum()).isEqualTo(READING);
    assertThat(accumulator.count()).isEqualTo(1);
    assertThat(accumulator.peak()).contains(wh(66));
  }

  @Test
  void single_tariff_and_total_readings_use_the_general_slots() {
    TariffMeasure single =
        TariffMeasure.single(DirectionMeasure.importExport(totalWh(4), totalWh(1)));
    MeasureAccumulator accumulator =
        MeasureAccumulator.of(
            MeasureKind.ACTIVE_ENERGY, MeasureSelector.defaults(MeasureKind.ACTIVE_ENERGY));
    accumulator.add(single).add(single);
    assertThat(accumulator.sum()).isEqualTo(single.add(single));
    assertThat(accumulator.peak()).contains(wh(4));
    assertThat(accumulator.add(READING).sum()).isEqualTo(single.add(single).add(READING));
  }

  @Test
  void add_all_is_add_for_each_reading_including_mixed_shapes_and_rejections() {
    TariffMeasure single =
        TariffMeasure.single(DirectionMeasure.importExport(totalWh(4), totalWh(1)));
    List<TariffMeasure> readings = List.of(READING, READING, single, READING);
    MeasureAccumulator bulk =
        MeasureAccumulator.of(
            MeasureKind.ACTIVE_ENERGY, MeasureSelector.defaults(MeasureKind.ACTIVE_ENERGY));
    bulk.addAll(readings);
    assertThat(bulk.sum()).isEqualTo(READING.add(READING).add(single).add(READING));
    assertThat(bulk.peak()).contains(wh(66));
    assertThat(bulk.count()).isEqualTo(4);
    TariffMeasure power =
        TariffMeasure.dual(
            DirectionMeasure.importExport(
                PhaseMeasure.threePhase(
                    Quantity.of(1, Unit.W), Quantity.of(1, Unit.W), Quantity.of(1, Unit.W)),
                PhaseMeasure.threePhase(
                    Quantity.of(1, Unit.W), Quantity.of(1, Unit.W), Quantity.of(1, Unit.W))),
            DirectionMeasure.importExport(
                PhaseMeasure.total(Quantity.of(1, Unit.W)),
                PhaseMeasure.total(Quantity.of(1, Unit.W))));
    MeasureAccumulator rejected = MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY);
    assertThatThrownBy(() -> rejected.addAll(List.of(READING, power, READING)))
        .isInstanceOf(MeasureMismatchException.class);
    assertThat(rejected.sum()).isEqualTo(READING);
  }
}
