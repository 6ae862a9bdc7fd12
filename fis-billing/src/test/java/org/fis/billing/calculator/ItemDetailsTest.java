package org.fis.billing.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemDetailsTest {
  private static final Instant JAN_1 = Fixtures.localDate("2026-01-01");
  private static final Instant FEB_1 = Fixtures.localDate("2026-02-01");
  private static final InvoiceCalculator CALCULATOR =
      InvoiceCalculator.create(CalculatorConfig.defaults());

  @Test
  void register_items_carry_their_boundary_readings_rounded_as_billed() {
    Calculation calculation =
        CALCULATOR.calculate(
            Fixtures.JANUARY,
            Fixtures.meter(
                "m1",
                TariffModel.DUAL_TARIFF_LV,
                List.of(
                    RegisterReading.dual(JAN_1, 1_000_004, 500_005, 0, 0),
                    RegisterReading.dual(FEB_1, 1_900_496, 700_015, 0, 0)),
                List.of()));

    CalculationItem high = Fixtures.item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH);
    assertThat(high.readings()).isNotNull();
    assertThat(high.readings().register()).isEqualTo("meter T1 register");
    assertThat(high.readings().start()).isEqualByComparingTo("1000.00");
    assertThat(high.readings().end()).isEqualByComparingTo("1900.50");
    assertThat(high.readings().start().scale()).isEqualTo(2);
    assertThat(high.readings().startAt()).isEqualTo(JAN_1);
    assertThat(high.readings().endAt()).isEqualTo(FEB_1);
    assertThat(high.readings().unit()).isEqualTo("kWh");
    // The quantity is the difference of the rounded readings, rounded: 900.50 → 900 (HALF_EVEN).
    assertThat(high.quantity())
        .isEqualByComparingTo(
            high.readings().difference().setScale(0, java.math.RoundingMode.HALF_EVEN));
    CalculationItem low = Fixtures.item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_LOW);
    assertThat(low.readings().start()).isEqualByComparingTo("500.00");
    assertThat(low.readings().end()).isEqualByComparingTo("700.02");
  }

  @Test
  void items_from_quarter_hour_sums_and_fees_carry_no_readings() {
    Calculation calculation =
        CALCULATOR.calculate(
            Fixtures.JANUARY,
            Fixtures.meter(
                "m1",
                TariffModel.DUAL_TARIFF_LV,
                List.of(),
                Fixtures.quarters(Fixtures.JANUARY, i -> 1_000)));

    assertThat(Fixtures.item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH).readings()).isNull();
    assertThat(Fixtures.item(calculation, ItemKind.USAGE_METER_FEE).readings()).isNull();
  }

  @Test
  void the_peak_item_carries_the_peak_before_and_after_rounding() {
    // 1,234.567 Wh in one quarter hour = 4,938.268 W mean power; every other quarter hour 100 Wh.
    Calculation calculation =
        CALCULATOR.calculate(
            Fixtures.JANUARY,
            Fixtures.meter("m1", TariffModel.DUAL_TARIFF_POWER_LV, List.of(), quartersWithPeak()));

    CalculationItem peak = Fixtures.item(calculation, ItemKind.USAGE_PEAK_POWER_HIGH);
    assertThat(peak.peak()).isNotNull();
    assertThat(peak.peak().measuredKw()).isEqualByComparingTo("4.938268");
    assertThat(peak.peak().roundedKw()).isEqualByComparingTo("4.94");
    assertThat(peak.quantity()).isEqualByComparingTo("5");
    assertThat(peak.peak().quarterHourStart()).isEqualTo(Fixtures.local("2026-01-14T10:00"));
    assertThat(Fixtures.item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH).peak()).isNull();
  }

  @Test
  void
      an_energy_item_without_usage_data_keeps_the_catalogue_unit_price_unrounded_as_the_reference() {
    Catalogue usage =
        Fixtures.withPrice(
            Fixtures.usageCatalogue("u", Fixtures.EPOCH_2020, null, "1"),
            ItemKind.USAGE_ACTIVE_ENERGY_HIGH,
            "0.04123456789");
    Calculation calculation =
        CALCULATOR.calculate(
            Fixtures.JANUARY,
            Fixtures.meter(
                "m1",
                TariffModel.DUAL_TARIFF_LV,
                usage,
                Fixtures.supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1"),
                List.of(),
                List.of()));

    CalculationItem high = Fixtures.item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH);
    assertThat(high.unitPrice()).isEqualTo(new BigDecimal("0.04123456789"));
    assertThat(high.total()).isEqualByComparingTo("0");
    assertThat(calculation.warnings())
        .extracting(Warning::code)
        .contains(WarningCode.NO_USAGE_DATA);
  }

  @Test
  void an_energy_item_with_usage_data_rounds_the_unit_price_to_six_decimals() {
    Catalogue usage =
        Fixtures.withPrice(
            Fixtures.usageCatalogue("u", Fixtures.EPOCH_2020, null, "1"),
            ItemKind.USAGE_ACTIVE_ENERGY_HIGH,
            "0.04123456789");
    Calculation calculation =
        CALCULATOR.calculate(
            Fixtures.JANUARY,
            Fixtures.meter(
                "m1",
                TariffModel.DUAL_TARIFF_LV,
                usage,
                Fixtures.supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1"),
                List.of(
                    RegisterReading.dual(JAN_1, 0, 0, 0, 0),
                    RegisterReading.dual(FEB_1, 100_000, 50_000, 0, 0)),
                List.of()));

    assertThat(Fixtures.item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH).unitPrice())
        .isEqualTo(new BigDecimal("0.041235"));
  }

  private static List<QuarterHourUsage> quartersWithPeak() {
    Instant peakAt = Fixtures.local("2026-01-14T10:00");
    List<QuarterHourUsage> quarters = new java.util.ArrayList<>();
    for (QuarterHourUsage q : Fixtures.quarters(Fixtures.JANUARY, i -> 100)) {
      quarters.add(
          q.start().equals(peakAt)
              ? new QuarterHourUsage(
                  peakAt,
                  org.fis.measure.Quantity.of("1234.567", org.fis.measure.Unit.WH),
                  q.reactiveImport(),
                  q.reactiveExport())
              : q);
    }
    return quarters;
  }
}
