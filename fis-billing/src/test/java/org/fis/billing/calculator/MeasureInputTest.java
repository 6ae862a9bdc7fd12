package org.fis.billing.calculator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Quantity;
import org.fis.measure.TariffMeasure;
import org.fis.measure.Unit;
import org.junit.jupiter.api.Test;

/** Billing inputs built from fis-measure-math measures. */
class MeasureInputTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private static DirectionMeasure importExport(String importKwh, String exportKwh, Unit unit) {
    return DirectionMeasure.importExport(
        PhaseMeasure.total(Quantity.of(importKwh, unit)),
        PhaseMeasure.total(Quantity.of(exportKwh, unit)));
  }

  @Test
  void a_dual_tariff_measure_gives_the_total_and_both_tariff_registers() {
    TariffMeasure active =
        TariffMeasure.dual(importExport("100", "1", Unit.KWH), importExport("40", "2", Unit.KWH));
    TariffMeasure reactive = TariffMeasure.single(importExport("7", "3", Unit.KVARH));

    RegisterReading reading = RegisterReading.of(AT, active, reactive);

    assertThat(reading.activeImport()).isEqualTo(Quantity.of("140", Unit.KWH));
    assertThat(reading.activeImportHigh()).isEqualTo(Quantity.of("100", Unit.KWH));
    assertThat(reading.activeImportLow()).isEqualTo(Quantity.of("40", Unit.KWH));
    assertThat(reading.reactiveImport()).isEqualTo(Quantity.of("7", Unit.KVARH));
    assertThat(reading.reactiveExport()).isEqualTo(Quantity.of("3", Unit.KVARH));
  }

  @Test
  void a_single_tariff_measure_has_no_tariff_registers_and_missing_reactive_stays_missing() {
    RegisterReading reading =
        RegisterReading.of(
            AT,
            TariffMeasure.single(importExport("12.345", "0", Unit.KWH)),
            TariffMeasure.notAvailable(MeasureKind.REACTIVE_ENERGY));

    assertThat(reading.activeImport().valueMilli()).isEqualTo(12_345_000L);
    assertThat(reading.hasTariffRegisters()).isFalse();
    assertThat(reading.hasReactiveRegisters()).isFalse();
  }

  @Test
  void a_composite_of_the_total_register_and_tariff_registers_keeps_both() {
    TariffMeasure active =
        TariffMeasure.composite(
            TariffMeasure.single(importExport("141", "0", Unit.KWH)),
            TariffMeasure.dual(
                importExport("100", "0", Unit.KWH), importExport("40", "0", Unit.KWH)));

    RegisterReading reading =
        RegisterReading.of(AT, active, TariffMeasure.notAvailable(MeasureKind.REACTIVE_ENERGY));

    // The total prefers the meter's own T0 register, as fis-measure-math resolves composites.
    assertThat(reading.activeImport()).isEqualTo(Quantity.of("141", Unit.KWH));
    assertThat(reading.activeImportHigh()).isEqualTo(Quantity.of("100", Unit.KWH));
  }

  @Test
  void energy_of_the_wrong_kind_or_sign_is_rejected_naming_the_field() {
    assertThatThrownBy(
            () -> new RegisterReading(AT, Quantity.of("1", Unit.KVARH), null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("activeImport: expected ACTIVE_ENERGY");
    assertThatThrownBy(() -> new QuarterHourUsage(AT, Quantity.of("-1", Unit.WH), null, null))
        .hasMessageContaining("activeImport: must not be negative");
    assertThatThrownBy(
            () ->
                RegisterReading.of(
                    AT,
                    TariffMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY),
                    TariffMeasure.notAvailable(MeasureKind.REACTIVE_ENERGY)))
        .hasMessageContaining("activeEnergy: no import total available");
  }

  @Test
  void the_mean_power_of_a_quarter_hour_is_four_times_its_energy_per_hour() {
    QuarterHourUsage quarter = QuarterHourUsage.ofWh(AT, 30_125, null, null);

    assertThat(quarter.meanImportPower()).isEqualTo(Quantity.of("120.5", Unit.KW));
    assertThat(quarter.end()).isEqualTo(AT.plusSeconds(900));
  }
}
