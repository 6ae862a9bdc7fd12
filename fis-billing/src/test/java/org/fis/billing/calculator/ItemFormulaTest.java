package org.fis.billing.calculator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fis.billing.calculator.Fixtures.JANUARY;
import static org.fis.billing.calculator.Fixtures.dec;
import static org.fis.billing.calculator.Fixtures.item;
import static org.fis.billing.calculator.Fixtures.local;
import static org.fis.billing.calculator.Fixtures.localDate;
import static org.fis.billing.calculator.Fixtures.meter;
import static org.fis.billing.calculator.Fixtures.quarters;
import static org.fis.billing.calculator.Fixtures.supplyCatalogue;
import static org.fis.billing.calculator.Fixtures.usageCatalogue;
import static org.fis.billing.calculator.Fixtures.withPrice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden values per item, computed by hand from the formulas in the README. */
class ItemFormulaTest {
  private final InvoiceCalculator calculator =
      InvoiceCalculator.create(CalculatorConfig.defaults());

  private static final Instant FEB_1 = localDate("2026-02-01");
  private static final Instant JAN_1 = localDate("2026-01-01");

  private Calculation bill(MeterBilling meter) {
    return calculator.calculate(JANUARY, meter);
  }

  @Test
  void
      single_tariff_energy_rounds_readings_to_two_decimals_half_even_then_the_amount_to_whole_kwh() {
    // 12345.665 kWh → 12345.66 (6 is even); 12845.675 kWh → 12845.68 (7 is odd): 500.02 → 500.
    Catalogue usage =
        withPrice(
            usageCatalogue("u", Fixtures.EPOCH_2020, null, "1"),
            ItemKind.USAGE_ACTIVE_ENERGY_SINGLE,
            "0.0523455");
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.SINGLE_TARIFF_LV,
            usage,
            supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1"),
            List.of(
                RegisterReading.single(JAN_1, 12_345_665, 0, 0),
                RegisterReading.single(FEB_1, 12_845_675, 0, 0)),
            List.of());

    CalculationItem energy = item(bill(meter), ItemKind.USAGE_ACTIVE_ENERGY_SINGLE);

    assertThat(energy.quantity()).isEqualByComparingTo("500");
    // 0.0523455 → 0.052346 (HALF_EVEN, 5 is odd); 500 × 0.052346 = 26.173 → 26.17.
    assertThat(energy.unitPrice()).isEqualTo(dec("0.052346"));
    assertThat(energy.total()).isEqualTo(dec("26.17"));
    assertThat(energy.catalogueId()).isEqualTo("u");
  }

  @Test
  void energy_amount_midpoints_round_half_even_to_the_even_neighbour() {
    assertThat(singleTariffQuantity(2_500)).isEqualByComparingTo("2");
    assertThat(singleTariffQuantity(3_500)).isEqualByComparingTo("4");
    assertThat(singleTariffQuantity(3_494)).isEqualByComparingTo("3");
  }

  @Test
  void energy_is_rounded_twice_as_in_the_reference_readings_first_then_the_amount() {
    // 3.499 kWh → 3.50 (readings to 2 decimals) → 4 (whole kWh), where one rounding gives 3.
    assertThat(singleTariffQuantity(3_499)).isEqualByComparingTo("4");
  }

  @Test
  void item_total_midpoints_round_half_even_to_cents() {
    assertThat(singleTariffTotal(1_000, "0.125")).isEqualTo(dec("0.12"));
    assertThat(singleTariffTotal(3_000, "0.125")).isEqualTo(dec("0.38"));
  }

  @Test
  void renewable_and_business_usage_fees_are_priced_on_all_imported_energy() {
    Catalogue supply = supplyCatalogue("s", Fixtures.EPOCH_2020, null, "0.01");
    supply = withPrice(supply, ItemKind.SUPPLY_BUSINESS_USAGE_FEE, "0.02");
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.DUAL_TARIFF_LV,
            usageCatalogue("u", Fixtures.EPOCH_2020, null, "1"),
            supply,
            List.of(
                RegisterReading.dual(JAN_1, 1_000_000, 500_000, 0, 0),
                RegisterReading.dual(FEB_1, 1_700_000, 1_100_000, 0, 0)),
            List.of());

    Calculation calculation = bill(meter);

    assertThat(item(calculation, ItemKind.SUPPLY_ACTIVE_ENERGY_HIGH).quantity())
        .isEqualByComparingTo("700");
    assertThat(item(calculation, ItemKind.SUPPLY_ACTIVE_ENERGY_LOW).quantity())
        .isEqualByComparingTo("600");
    assertThat(item(calculation, ItemKind.SUPPLY_RENEWABLE_ENERGY_FEE).total())
        .isEqualTo(dec("13.00"));
    assertThat(item(calculation, ItemKind.SUPPLY_BUSINESS_USAGE_FEE).total())
        .isEqualTo(dec("26.00"));
  }

  @Test
  void peak_power_is_the_highest_high_tariff_quarter_hour_mean_power_rounded_half_even() {
    Instant highQuarter = local("2026-01-14T10:00");
    Instant lowQuarter = local("2026-01-14T23:00");
    List<QuarterHourUsage> data =
        quarters(JANUARY, i -> 1_000).stream()
            .map(
                q ->
                    q.start().equals(highQuarter)
                        ? QuarterHourUsage.ofWh(q.start(), 30_125, 0L, 0L)
                        : q.start().equals(lowQuarter)
                            ? QuarterHourUsage.ofWh(q.start(), 50_000, 0L, 0L)
                            : q)
            .toList();
    Catalogue usage =
        withPrice(
            usageCatalogue("u", Fixtures.EPOCH_2020, null, "1"),
            ItemKind.USAGE_PEAK_POWER_HIGH,
            "5.4321");
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.DUAL_TARIFF_POWER_LV,
            usage,
            supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1"),
            List.of(),
            data);

    CalculationItem peak = item(bill(meter), ItemKind.USAGE_PEAK_POWER_HIGH);

    // 30 125 Wh in 15 min = 120 500 W = 120.50 kW → 120 (HALF_EVEN); the 200 kW low-tariff
    // quarter hour does not count. Price 5.4321 → 5.432; 120 × 5.432 = 651.84.
    assertThat(peak.quantity()).isEqualByComparingTo("120");
    assertThat(peak.unitPrice()).isEqualTo(dec("5.432"));
    assertThat(peak.total()).isEqualTo(dec("651.84"));
    assertThat(peak.basis()).contains("120500 W");
  }

  @Test
  void a_peak_midpoint_rounds_to_the_even_whole_kilowatt() {
    // 30 375 Wh → 121.5 kW → 122; 30 125 Wh → 120.5 kW → 120 (above).
    Instant highQuarter = local("2026-01-14T10:00");
    List<QuarterHourUsage> data =
        quarters(JANUARY, i -> 1_000).stream()
            .map(
                q ->
                    q.start().equals(highQuarter)
                        ? QuarterHourUsage.ofWh(q.start(), 30_375, 0L, 0L)
                        : q)
            .toList();
    MeterBilling meter = meter("m1", TariffModel.MV, List.of(), data);

    assertThat(item(bill(meter), ItemKind.USAGE_PEAK_POWER_HIGH).quantity())
        .isEqualByComparingTo("122");
  }

  @Test
  void peak_power_ignores_a_quarter_hour_that_is_not_entirely_inside_the_billed_part() {
    Instant cut = local("2026-01-20T10:07");
    Instant straddling = local("2026-01-20T10:00");
    List<QuarterHourUsage> data =
        quarters(JANUARY, i -> 1_000).stream()
            .map(
                q ->
                    q.start().equals(straddling)
                        ? QuarterHourUsage.ofWh(q.start(), 40_000, 0L, 0L)
                        : q)
            .toList();
    MeterBilling meter =
        new MeterBilling(
            "loc",
            "m1",
            TariffModel.DUAL_TARIFF_POWER_LV,
            Fixtures.EPOCH_2020,
            cut,
            CatalogueTimeline.of(usageCatalogue("u", Fixtures.EPOCH_2020, null, "1")),
            CatalogueTimeline.of(supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1")),
            List.of(),
            data);

    CalculationItem peak = item(bill(meter), ItemKind.USAGE_PEAK_POWER_HIGH);

    assertThat(peak.quantity()).isEqualByComparingTo("4");
  }

  @Test
  void excess_reactive_energy_is_the_reactive_energy_above_k_times_the_active_energy() {
    assertThat(reactiveQuantity(CalculatorConfig.defaults(), 1_000_000, 300_000, 50_000))
        .isEqualByComparingTo("20");
  }

  @Test
  void excess_reactive_energy_is_never_negative() {
    assertThat(reactiveQuantity(CalculatorConfig.defaults(), 1_000_000, 100_000, 0))
        .isEqualByComparingTo("0");
  }

  @Test
  void excess_reactive_energy_uses_the_configured_factor() {
    CalculatorConfig config = CalculatorConfig.defaults().withReactiveFactor(dec("0.2"));
    assertThat(reactiveQuantity(config, 1_000_000, 300_000, 50_000)).isEqualByComparingTo("150");
  }

  @Test
  void excess_reactive_energy_rounds_each_amount_to_whole_units_before_subtracting() {
    // Q import 335.5 kvarh → 336 (HALF_EVEN), 336 − 0.33 × 1000 = 6.
    assertThat(reactiveQuantity(CalculatorConfig.defaults(), 1_000_000, 335_500, 0))
        .isEqualByComparingTo("6");
  }

  @Test
  void a_full_month_meter_fee_is_one_month_at_the_price_rounded_to_three_decimals() {
    Catalogue usage =
        withPrice(
            usageCatalogue("u", Fixtures.EPOCH_2020, null, "1"),
            ItemKind.USAGE_METER_FEE,
            "2.4995");
    CalculationItem fee =
        item(bill(feeOnlyMeter(usage, Fixtures.EPOCH_2020, null)), ItemKind.USAGE_METER_FEE);

    assertThat(fee.quantity()).isEqualTo(dec("1.0000"));
    assertThat(fee.unitPrice()).isEqualTo(dec("2.500"));
    assertThat(fee.total()).isEqualTo(dec("2.50"));
  }

  @Test
  void the_meter_fee_is_prorated_by_the_local_days_the_location_is_active() {
    Catalogue usage =
        withPrice(
            usageCatalogue("u", Fixtures.EPOCH_2020, null, "1"), ItemKind.USAGE_METER_FEE, "2.5");

    CalculationItem fromEleventh =
        item(bill(feeOnlyMeter(usage, local("2026-01-11T15:00"), null)), ItemKind.USAGE_METER_FEE);
    CalculationItem untilTwentyFirst =
        item(
            bill(feeOnlyMeter(usage, Fixtures.EPOCH_2020, localDate("2026-01-21"))),
            ItemKind.USAGE_METER_FEE);

    // 21 of 31 days (the 11th counts: active for part of it) = 0.677419… → 0.6774; × 2.5 = 1.6935.
    assertThat(fromEleventh.quantity()).isEqualTo(dec("0.6774"));
    assertThat(fromEleventh.total()).isEqualTo(dec("1.69"));
    // Active from before the period until the 21st 00:00: the 1st to the 20th, 20/31 → 0.6452.
    assertThat(untilTwentyFirst.quantity()).isEqualTo(dec("0.6452"));
    assertThat(untilTwentyFirst.basis()).isEqualTo("20 active days");
  }

  @Test
  void the_meter_fee_is_billed_without_any_usage_data() {
    Calculation calculation = bill(meter("m1", TariffModel.SINGLE_TARIFF_LV, List.of(), List.of()));

    assertThat(item(calculation, ItemKind.USAGE_METER_FEE).total()).isEqualTo(dec("1.00"));
    assertThat(calculation.warnings())
        .extracting(Warning::code)
        .contains(WarningCode.NO_USAGE_DATA, WarningCode.REACTIVE_DATA_MISSING);
  }

  @Test
  void each_tariff_model_bills_exactly_its_items() {
    List<RegisterReading> readings =
        List.of(
            RegisterReading.dual(JAN_1, 0, 0, 0, 0),
            RegisterReading.dual(FEB_1, 10_000, 5_000, 0, 0));
    for (TariffModel model : TariffModel.STANDARD) {
      Calculation calculation = bill(meter("m1", model, readings, quarters(JANUARY, i -> 5)));
      assertThat(calculation.items())
          .extracting(CalculationItem::kind)
          .containsExactlyElementsOf(model.items());
      assertThat(calculation.tariffModelCode()).isEqualTo(model.code());
    }
    assertThat(TariffModel.SINGLE_TARIFF_LV.bills(ItemKind.USAGE_ACTIVE_ENERGY_HIGH)).isFalse();
    assertThat(TariffModel.MV.bills(ItemKind.USAGE_PEAK_POWER_HIGH)).isTrue();
    assertThat(TariffModel.standard("LV_DUAL")).isEqualTo(TariffModel.DUAL_TARIFF_LV);
  }

  @Test
  void a_tariff_model_is_data_and_a_custom_one_bills_only_its_items() {
    TariffModel feeOnly =
        new TariffModel("FEE", "Meter fee only", EnumSet.of(ItemKind.USAGE_METER_FEE));
    Calculation calculation = bill(meter("m1", feeOnly, List.of(), List.of()));

    assertThat(calculation.items())
        .extracting(CalculationItem::kind)
        .containsExactly(ItemKind.USAGE_METER_FEE);
    assertThat(calculation.warnings()).isEmpty();
  }

  private BigDecimal singleTariffQuantity(long endWh) {
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.SINGLE_TARIFF_LV,
            List.of(
                RegisterReading.single(JAN_1, 0, 0, 0), RegisterReading.single(FEB_1, endWh, 0, 0)),
            List.of());
    return item(bill(meter), ItemKind.USAGE_ACTIVE_ENERGY_SINGLE).quantity();
  }

  private BigDecimal singleTariffTotal(long endWh, String price) {
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.SINGLE_TARIFF_LV,
            usageCatalogue("u", Fixtures.EPOCH_2020, null, price),
            supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1"),
            List.of(
                RegisterReading.single(JAN_1, 0, 0, 0), RegisterReading.single(FEB_1, endWh, 0, 0)),
            List.of());
    return item(bill(meter), ItemKind.USAGE_ACTIVE_ENERGY_SINGLE).total();
  }

  private static BigDecimal reactiveQuantity(
      CalculatorConfig config, long activeWh, long reactiveImportVarh, long reactiveExportVarh) {
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.SINGLE_TARIFF_LV,
            List.of(
                RegisterReading.single(JAN_1, 0, 0, 0),
                RegisterReading.single(FEB_1, activeWh, reactiveImportVarh, reactiveExportVarh)),
            List.of());
    return item(
            InvoiceCalculator.create(config).calculate(JANUARY, meter),
            ItemKind.USAGE_EXCESS_REACTIVE_ENERGY)
        .quantity();
  }

  private static MeterBilling feeOnlyMeter(Catalogue usage, Instant from, Instant until) {
    return new MeterBilling(
        "loc",
        "m1",
        new TariffModel("FEE", "Meter fee only", EnumSet.of(ItemKind.USAGE_METER_FEE)),
        from,
        until,
        CatalogueTimeline.of(usage),
        CatalogueTimeline.of(supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1")),
        List.of(),
        List.of());
  }
}
