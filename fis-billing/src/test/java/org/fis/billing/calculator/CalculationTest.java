package org.fis.billing.calculator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.billing.calculator.Fixtures.JANUARY;
import static org.fis.billing.calculator.Fixtures.dec;
import static org.fis.billing.calculator.Fixtures.item;
import static org.fis.billing.calculator.Fixtures.local;
import static org.fis.billing.calculator.Fixtures.localDate;
import static org.fis.billing.calculator.Fixtures.meter;
import static org.fis.billing.calculator.Fixtures.quarters;
import static org.fis.billing.calculator.Fixtures.supplyCatalogue;
import static org.fis.billing.calculator.Fixtures.usageCatalogue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fis.measure.time.Interval;
import org.junit.jupiter.api.Test;

/** Tariff split, catalogue versions, reading semantics, warnings, VAT and rejected input. */
class CalculationTest {
  private static final Instant JAN_1 = localDate("2026-01-01");
  private static final Instant JAN_16 = localDate("2026-01-16");
  private static final Instant FEB_1 = localDate("2026-02-01");

  private final InvoiceCalculator calculator =
      InvoiceCalculator.create(CalculatorConfig.defaults());

  @Test
  void without_tariff_registers_the_calendar_splits_quarter_hour_energy_into_high_and_low() {
    // 31 winter days of 96 quarter hours of 1 kWh: 56 high (07–21) and 40 low per day.
    Calculation calculation =
        calculator.calculate(
            JANUARY,
            meter("m1", TariffModel.DUAL_TARIFF_LV, List.of(), quarters(JANUARY, i -> 1_000)));

    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH).quantity())
        .isEqualByComparingTo("1736");
    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_LOW).quantity())
        .isEqualByComparingTo("1240");
    assertThat(item(calculation, ItemKind.SUPPLY_ACTIVE_ENERGY_HIGH).quantity())
        .isEqualByComparingTo("1736");
    assertThat(calculation.warnings()).isEmpty();
    assertThat(calculation.dailyActiveImport()).hasSize(31);
    assertThat(calculation.dailyActiveImport().get(0).activeImportKwh()).isEqualByComparingTo("96");
  }

  @Test
  void weekdays_and_holidays_of_the_calendar_move_energy_to_the_low_tariff() {
    TariffCalendar weekdays =
        TariffCalendar.defaults()
            .withHighTariffDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))
            .withHolidays(Set.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 6)));
    Calculation calculation =
        InvoiceCalculator.create(CalculatorConfig.defaults().withCalendar(weekdays))
            .calculate(
                JANUARY,
                meter("m1", TariffModel.DUAL_TARIFF_LV, List.of(), quarters(JANUARY, i -> 1_000)));

    // 22 weekdays in January 2026, minus two holidays: 20 × 56 high, the rest of 2976 low.
    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH).quantity())
        .isEqualByComparingTo("1120");
    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_LOW).quantity())
        .isEqualByComparingTo("1856");
  }

  @Test
  void with_a_register_total_the_low_tariff_is_the_total_minus_the_calendar_high_tariff() {
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.DUAL_TARIFF_LV,
            List.of(
                RegisterReading.single(JAN_1, 0, 0, 0),
                RegisterReading.single(FEB_1, 3_000_000, 0, 0)),
            quarters(JANUARY, i -> 1_000));

    Calculation calculation = calculator.calculate(JANUARY, meter);

    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH).quantity())
        .isEqualByComparingTo("1736");
    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_LOW).quantity())
        .isEqualByComparingTo("1264");
  }

  @Test
  void tariff_registers_that_agree_with_the_calendar_give_no_warning() {
    Calculation calculation = dualRegisters(1_736_000, 1_240_000);

    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH).quantity())
        .isEqualByComparingTo("1736");
    assertThat(calculation.warnings()).isEmpty();
  }

  @Test
  void tariff_registers_that_disagree_with_the_calendar_are_billed_and_flagged() {
    Calculation calculation = dualRegisters(1_500_000, 1_476_000);

    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH).quantity())
        .isEqualByComparingTo("1500");
    assertThat(calculation.warnings())
        .extracting(Warning::code)
        .containsExactly(WarningCode.TARIFF_REGISTERS_DISAGREE_WITH_CALENDAR);
    assertThat(calculation.warnings().get(0).detail()).contains("1500000 Wh", "1736000 Wh");
  }

  @Test
  void a_period_spanning_a_price_change_is_split_and_each_part_priced_by_its_version() {
    Catalogue before = usageCatalogue("usage-2025", Fixtures.EPOCH_2020, JAN_16, "1");
    Catalogue after = usageCatalogue("usage-2026", JAN_16, null, "2");
    MeterBilling meter =
        new MeterBilling(
            "loc",
            "m1",
            TariffModel.SINGLE_TARIFF_LV,
            Fixtures.EPOCH_2020,
            null,
            new CatalogueTimeline(List.of(after, before)),
            CatalogueTimeline.of(supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1")),
            List.of(
                RegisterReading.single(JAN_1, 0, 0, 0),
                RegisterReading.single(JAN_16, 1_000_000, 0, 0),
                RegisterReading.single(FEB_1, 3_000_000, 0, 0)),
            List.of());

    Calculation calculation = calculator.calculate(JANUARY, meter);

    List<CalculationItem> energy =
        calculation.items().stream()
            .filter(i -> i.kind() == ItemKind.USAGE_ACTIVE_ENERGY_SINGLE)
            .toList();
    assertThat(energy)
        .extracting(CalculationItem::catalogueId)
        .containsExactly("usage-2025", "usage-2026");
    assertThat(energy)
        .extracting(CalculationItem::total)
        .containsExactly(dec("1000.00"), dec("4000.00"));
    assertThat(energy.get(0).part()).isEqualTo(new Interval(JAN_1, JAN_16));
    List<CalculationItem> fees =
        calculation.items().stream().filter(i -> i.kind() == ItemKind.USAGE_METER_FEE).toList();
    // 15 and 16 of 31 days.
    assertThat(fees)
        .extracting(CalculationItem::quantity)
        .containsExactly(dec("0.4839"), dec("0.5161"));
    assertThat(calculation.warnings()).isEmpty();
  }

  @Test
  void a_meter_silent_at_the_period_end_is_billed_to_its_last_reading_with_a_warning() {
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.SINGLE_TARIFF_LV,
            List.of(
                RegisterReading.single(JAN_1, 0, 0, 0),
                RegisterReading.single(local("2026-01-28T10:00"), 1_000_000, 0, 0)),
            List.of());

    Calculation calculation = calculator.calculate(JANUARY, meter);

    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_SINGLE).quantity())
        .isEqualByComparingTo("1000");
    assertThat(calculation.warnings())
        .extracting(Warning::code)
        .containsExactly(WarningCode.READING_OUTSIDE_TOLERANCE);
    assertThat(calculation.warnings().get(0).detail())
        .contains("2026-01-31T23:00:00Z", "2026-01-28T09:00:00Z");
  }

  @Test
  void
      first_at_or_after_takes_the_reading_following_the_boundary_and_last_at_or_before_the_one_preceding() {
    List<RegisterReading> readings =
        List.of(
            RegisterReading.single(JAN_1.minusSeconds(300), 0, 0, 0),
            RegisterReading.single(JAN_1.plusSeconds(300), 2_000, 0, 0),
            RegisterReading.single(FEB_1.minusSeconds(300), 10_000, 0, 0),
            RegisterReading.single(FEB_1.plusSeconds(300), 13_000, 0, 0));
    MeterBilling meter = meter("m1", TariffModel.SINGLE_TARIFF_LV, readings, List.of());

    BillingQuantities first = new BillingQuantities(calculator.calculate(JANUARY, meter));
    BillingQuantities last =
        new BillingQuantities(
            InvoiceCalculator.create(
                    CalculatorConfig.defaults()
                        .withReadingRule(ReadingRule.LAST_AT_OR_BEFORE, Duration.ofMinutes(15)))
                .calculate(JANUARY, meter));

    assertThat(first.single()).isEqualByComparingTo("11"); // 13 000 − 2 000 Wh
    assertThat(last.single()).isEqualByComparingTo("10"); // 10 000 − 0 Wh
  }

  @Test
  void a_meter_without_quarter_hours_cannot_bill_peak_power_and_says_so() {
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.MV,
            List.of(
                RegisterReading.dual(JAN_1, 0, 0, 0, 0),
                RegisterReading.dual(FEB_1, 1_000, 1_000, 0, 0)),
            List.of());

    Calculation calculation = calculator.calculate(JANUARY, meter);

    assertThat(item(calculation, ItemKind.USAGE_PEAK_POWER_HIGH).quantity())
        .isEqualByComparingTo("0");
    assertThat(calculation.warnings())
        .extracting(Warning::code)
        .containsExactly(WarningCode.PEAK_DATA_MISSING);
  }

  @Test
  void missing_quarter_hours_and_a_decreasing_register_are_flagged() {
    List<QuarterHourUsage> gappy = quarters(JANUARY, i -> 100).subList(0, 2000);
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.DUAL_TARIFF_LV,
            List.of(
                RegisterReading.single(JAN_1, 5_000_000, 0, 0),
                RegisterReading.single(FEB_1, 1_000, 0, 0)),
            gappy);

    Calculation calculation = calculator.calculate(JANUARY, meter);

    assertThat(calculation.warnings())
        .extracting(Warning::code)
        .contains(WarningCode.QUARTER_HOURS_MISSING, WarningCode.REGISTER_DECREASED);
    assertThat(calculation.warnings().get(0).detail()).contains("976 of 2976");
  }

  @Test
  void a_dual_tariff_meter_with_only_a_total_register_bills_everything_high_and_says_so() {
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.DUAL_TARIFF_LV,
            List.of(
                RegisterReading.single(JAN_1, 0, 0, 0), RegisterReading.single(FEB_1, 7_000, 0, 0)),
            List.of());

    Calculation calculation = calculator.calculate(JANUARY, meter);

    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_HIGH).quantity())
        .isEqualByComparingTo("7");
    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_LOW).quantity())
        .isEqualByComparingTo("0");
    assertThat(calculation.warnings())
        .extracting(Warning::code)
        .containsExactly(WarningCode.TARIFF_SPLIT_UNAVAILABLE);
  }

  @Test
  void vat_is_computed_per_rate_at_invoice_level_and_rounds_half_even() {
    TariffModel feeOnly =
        new TariffModel("FEE", "Meter fee only", EnumSet.of(ItemKind.USAGE_METER_FEE));
    Catalogue usageA =
        Fixtures.catalogue("a", ItemGroup.USAGE, Fixtures.EPOCH_2020, null, "10.5", "25");
    Catalogue usageB =
        Fixtures.catalogue("b", ItemGroup.USAGE, Fixtures.EPOCH_2020, null, "10.7", "13.0");
    Catalogue supply = supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1");
    InvoiceRequest request =
        new InvoiceRequest(
            "user-1",
            JANUARY,
            List.of(
                meter("m1", feeOnly, usageA, supply, List.of(), List.of()),
                meter("m2", feeOnly, usageB, supply, List.of(), List.of())));

    Invoice invoice = calculator.calculate(request);

    // 10.50 × 25 % = 2.625 → 2.62; 10.70 × 13 % = 1.391 → 1.39.
    assertThat(invoice.vat())
        .containsExactly(
            new VatLine(dec("13"), dec("10.70"), dec("1.39")),
            new VatLine(dec("25"), dec("10.50"), dec("2.62")));
    assertThat(invoice.netTotal()).isEqualTo(dec("21.20"));
    assertThat(invoice.vatTotal()).isEqualTo(dec("4.01"));
    assertThat(invoice.grossTotal()).isEqualTo(dec("25.21"));
    assertThat(invoice.currency()).isEqualTo("EUR");
  }

  @Test
  void the_rounding_policy_is_configurable_per_item() {
    RoundingPolicy halfUp =
        RoundingPolicy.defaults()
            .withMode(java.math.RoundingMode.HALF_UP)
            .withItem(
                ItemKind.USAGE_ACTIVE_ENERGY_SINGLE,
                new ItemRounding(3, 3, 6, 2, java.math.RoundingMode.HALF_UP));
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.SINGLE_TARIFF_LV,
            List.of(
                RegisterReading.single(JAN_1, 0, 0, 0), RegisterReading.single(FEB_1, 2_500, 0, 0)),
            List.of());

    Calculation calculation =
        InvoiceCalculator.create(CalculatorConfig.defaults().withRounding(halfUp))
            .calculate(JANUARY, meter);

    assertThat(item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_SINGLE).quantity())
        .isEqualTo(dec("2.500"));
    assertThat(item(calculation, ItemKind.SUPPLY_RENEWABLE_ENERGY_FEE).quantity())
        .isEqualTo(dec("3"));
  }

  @Test
  void a_part_of_the_period_without_a_catalogue_version_is_rejected() {
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.SINGLE_TARIFF_LV,
            usageCatalogue("u", JAN_16, null, "1"),
            supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1"),
            List.of(),
            List.of());

    assertThatThrownBy(() -> calculator.calculate(JANUARY, meter))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usageCatalogues: no version valid at 2025-12-31T23:00:00Z");
  }

  @Test
  void a_catalogue_without_a_price_the_tariff_model_needs_is_rejected() {
    Catalogue empty = new Catalogue("empty", "EUR", Fixtures.EPOCH_2020, null, Map.of());
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.SINGLE_TARIFF_LV,
            empty,
            supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1"),
            List.of(),
            List.of());

    assertThatThrownBy(() -> calculator.calculate(JANUARY, meter))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("usageCatalogues: version empty has no price for");
  }

  @Test
  void bad_input_is_rejected_naming_the_field() {
    assertThatThrownBy(
            () ->
                calculator.calculate(
                    JANUARY,
                    meter(
                        "m1",
                        TariffModel.SINGLE_TARIFF_LV,
                        List.of(
                            RegisterReading.single(JAN_1, 0, 0, 0),
                            RegisterReading.single(JAN_1, 1, 0, 0)),
                        List.of())))
        .hasMessageContaining("readings: two readings at");
    assertThatThrownBy(() -> QuarterHourUsage.ofWh(JAN_1.plusSeconds(60), 1, null, null))
        .hasMessageContaining("start: not the start of a UTC quarter hour");
    assertThatThrownBy(() -> RegisterReading.single(JAN_1, -1, 0, 0))
        .hasMessageContaining("activeImport");
    assertThatThrownBy(
            () ->
                new CatalogueTimeline(
                    List.of(
                        usageCatalogue("a", Fixtures.EPOCH_2020, null, "1"),
                        usageCatalogue("b", JAN_16, null, "1"))))
        .hasMessageContaining("versions: a overlaps b");
    assertThatThrownBy(() -> Price.of("-1", "25")).hasMessageContaining("unitPrice");
    assertThatThrownBy(() -> Price.of("1", "101")).hasMessageContaining("vatRatePercent");
    MeterBilling inactive =
        new MeterBilling(
            "loc",
            "m1",
            TariffModel.SINGLE_TARIFF_LV,
            FEB_1,
            null,
            CatalogueTimeline.of(usageCatalogue("u", Fixtures.EPOCH_2020, null, "1")),
            CatalogueTimeline.of(supplyCatalogue("s", Fixtures.EPOCH_2020, null, "1")),
            List.of(),
            List.of());
    assertThatThrownBy(() -> calculator.calculate(JANUARY, inactive))
        .hasMessageContaining("is not active in");
  }

  /** The billed quantities of a single-tariff calculation. */
  private record BillingQuantities(Calculation calculation) {
    java.math.BigDecimal single() {
      return item(calculation, ItemKind.USAGE_ACTIVE_ENERGY_SINGLE).quantity();
    }
  }

  private Calculation dualRegisters(long highWh, long lowWh) {
    MeterBilling meter =
        meter(
            "m1",
            TariffModel.DUAL_TARIFF_LV,
            List.of(
                RegisterReading.dual(JAN_1, 0, 0, 0, 0),
                RegisterReading.dual(FEB_1, highWh, lowWh, 0, 0)),
            quarters(JANUARY, i -> 1_000));
    return calculator.calculate(JANUARY, meter);
  }
}
