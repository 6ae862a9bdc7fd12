package org.fis.billingiot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.fis.billing.calculator.CalculationItem;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.Catalogue;
import org.fis.billing.calculator.CatalogueTimeline;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.ItemKind;
import org.fis.billing.calculator.MeterBilling;
import org.fis.billing.calculator.Price;
import org.fis.billing.calculator.QuarterHourUsage;
import org.fis.billing.calculator.TariffCalendar;
import org.fis.billing.calculator.TariffModel;
import org.fis.billing.calculator.WarningCode;
import org.fis.iot.AggregateQueries;
import org.fis.iot.DeviceConfig;
import org.fis.iot.DeviceRegistry;
import org.fis.iot.IotConfig;
import org.fis.iot.IotMigrations;
import org.fis.iot.Measurement;
import org.fis.iot.MeasurementIngest;
import org.fis.iot.MeterModels;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Stores a month of ABB B2x readings through fis-iot-protocol's ingest, reads them back through the
 * bridge, and bills them: the bridge's output is exactly what the calculator needs.
 */
@FisPostgres(migrations = IotMigrations.class)
class IotBillingInputIT {
  private static final ZoneId ZONE = ZoneId.of("Europe/Zagreb");
  private static final Interval FEBRUARY =
      BillingCalendar.defaults().withZone(ZONE).month(YearMonth.of(2026, 2));
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-05T00:00:00Z"), ZoneOffset.UTC);
  private static final TariffCalendar CALENDAR = TariffCalendar.defaults().withZone(ZONE);
  private static final long WH_PER_QUARTER = 250;

  private final IotConfig iot = IotConfig.defaults().withZone(ZONE);
  private final MeterModels models = MeterModels.builtIn();
  private final IotBillingInput bridge =
      IotBillingInput.create(new AggregateQueries(iot, models), IotBillingConfig.defaults());

  @Test
  void a_full_month_gives_both_boundary_readings_and_every_quarter_hour(Jdbi jdbi) {
    store(jdbi, "gw-full", "meter-full", FEBRUARY.start(), FEBRUARY.end(), at -> true);

    MeterUsage usage = jdbi.withHandle(h -> bridge.usage(h, "meter-full", FEBRUARY));

    long quarters = Duration.between(FEBRUARY.start(), FEBRUARY.end()).toMinutes() / 15;
    assertThat(usage.quarterHours()).hasSize((int) quarters);
    assertThat(usage.quarterHours().get(0).start()).isEqualTo(FEBRUARY.start());
    assertThat(usage.quarterHours())
        .allMatch(q -> q.activeImport().valueMilli() == WH_PER_QUARTER * 1000);
    assertThat(usage.readings()).hasSize(2);
    assertThat(usage.readings().get(0).at()).isEqualTo(FEBRUARY.start());
    assertThat(usage.readings().get(1).at()).isEqualTo(FEBRUARY.end());
    long registerWh =
        (usage.readings().get(1).activeImport().valueMilli()
                - usage.readings().get(0).activeImport().valueMilli())
            / 1000;
    assertThat(registerWh).isEqualTo(quarters * WH_PER_QUARTER);
    assertThat(usage.readings().get(0).hasTariffRegisters()).isTrue();
  }

  @Test
  void the_bridged_usage_bills_without_warnings_when_the_meter_follows_the_calendar(Jdbi jdbi) {
    store(jdbi, "gw-bill", "meter-bill", FEBRUARY.start(), FEBRUARY.end(), at -> true);
    MeterUsage usage = jdbi.withHandle(h -> bridge.usage(h, "meter-bill", FEBRUARY));

    Invoice invoice = bill(usage);

    assertThat(invoice.warnings()).isEmpty();
    CalculationItem high = item(invoice, ItemKind.USAGE_ACTIVE_ENERGY_HIGH);
    assertThat(high.readings()).isNotNull();
    long highQuarters =
        usage.quarterHours().stream().filter(q -> CALENDAR.isHigh(q.start())).count();
    assertThat(high.quantity())
        .isEqualByComparingTo(BigDecimal.valueOf(highQuarters * WH_PER_QUARTER / 1000));
  }

  @Test
  void a_gap_leaves_its_quarter_hours_out_and_the_calculator_warns(Jdbi jdbi) {
    Instant gapStart = FEBRUARY.start().plus(Duration.ofDays(3));
    Instant gapEnd = gapStart.plus(Duration.ofHours(2));
    store(
        jdbi,
        "gw-gap",
        "meter-gap",
        FEBRUARY.start(),
        FEBRUARY.end(),
        at -> at.isBefore(gapStart) || !at.isBefore(gapEnd));

    MeterUsage usage = jdbi.withHandle(h -> bridge.usage(h, "meter-gap", FEBRUARY));

    long quarters = Duration.between(FEBRUARY.start(), FEBRUARY.end()).toMinutes() / 15;
    // 8 quarter hours have no reading, and the one before the gap has no successor.
    assertThat(usage.quarterHours()).hasSize((int) quarters - 9);
    assertThat(usage.quarterHours())
        .noneMatch(
            q ->
                !q.start().isBefore(gapStart.minus(Duration.ofMinutes(15)))
                    && q.start().isBefore(gapEnd));
    assertThat(bill(usage).warnings())
        .extracting(w -> w.code())
        .contains(WarningCode.QUARTER_HOURS_MISSING);
  }

  @Test
  void a_meter_silent_at_the_period_end_has_only_its_start_reading(Jdbi jdbi) {
    store(
        jdbi,
        "gw-end",
        "meter-end",
        FEBRUARY.start(),
        FEBRUARY.end(),
        at -> at.isBefore(FEBRUARY.end().minus(Duration.ofHours(1))));

    MeterUsage usage = jdbi.withHandle(h -> bridge.usage(h, "meter-end", FEBRUARY));

    assertThat(usage.readings()).hasSize(1);
    assertThat(usage.readings().get(0).at()).isEqualTo(FEBRUARY.start());
  }

  @Test
  void an_unknown_meter_has_no_usage(Jdbi jdbi) {
    MeterUsage usage = jdbi.withHandle(h -> bridge.usage(h, "meter-nobody", FEBRUARY));

    assertThat(usage.readings()).isEmpty();
    assertThat(usage.quarterHours()).isEmpty();
  }

  @Test
  void bad_arguments_are_refused_naming_the_field(Jdbi jdbi) {
    assertThatThrownBy(() -> jdbi.withHandle(h -> bridge.usage(h, " ", FEBRUARY)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meterId");
    assertThatThrownBy(() -> IotBillingConfig.defaults().withPageSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pageSize");
    assertThatThrownBy(() -> IotBillingConfig.defaults().withRegisters("", "a", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("activeImportRegister");
  }

  @Test
  void small_pages_give_the_same_quarter_hours(Jdbi jdbi) {
    store(jdbi, "gw-page", "meter-page", FEBRUARY.start(), FEBRUARY.end(), at -> true);
    IotBillingInput paged =
        IotBillingInput.create(
            new AggregateQueries(iot, models), IotBillingConfig.defaults().withPageSize(500));

    List<QuarterHourUsage> all =
        jdbi.withHandle(h -> bridge.quarterHours(h, "meter-page", FEBRUARY));
    List<QuarterHourUsage> pages =
        jdbi.withHandle(h -> paged.quarterHours(h, "meter-page", FEBRUARY));

    assertThat(pages).isEqualTo(all);
  }

  private Invoice bill(MeterUsage usage) {
    Map<ItemKind, Price> usagePrices = new java.util.EnumMap<>(ItemKind.class);
    Map<ItemKind, Price> supplyPrices = new java.util.EnumMap<>(ItemKind.class);
    for (ItemKind kind : ItemKind.values()) {
      (kind.group() == org.fis.billing.calculator.ItemGroup.USAGE ? usagePrices : supplyPrices)
          .put(kind, Price.of("0.05", "25"));
    }
    MeterBilling meter =
        new MeterBilling(
            "loc-1",
            usage.meterId(),
            TariffModel.DUAL_TARIFF_LV,
            Instant.EPOCH,
            null,
            CatalogueTimeline.of(new Catalogue("u", "EUR", Instant.EPOCH, null, usagePrices)),
            CatalogueTimeline.of(new Catalogue("s", "EUR", Instant.EPOCH, null, supplyPrices)),
            usage.readings(),
            usage.quarterHours());
    return InvoiceCalculator.create(CalculatorConfig.defaults().withCalendar(CALENDAR))
        .calculate(new InvoiceRequest("user-1", FEBRUARY, List.of(meter)));
  }

  private static CalculationItem item(Invoice invoice, ItemKind kind) {
    return invoice.calculations().get(0).items().stream()
        .filter(i -> i.kind() == kind)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Stores a reading every quarter hour from {@code from} to {@code to} inclusive (where {@code
   * keep} says so), 250 Wh per quarter hour, the T1/T2 registers following the tariff calendar.
   */
  private void store(
      Jdbi jdbi,
      String deviceId,
      String meterId,
      Instant from,
      Instant to,
      Predicate<Instant> keep) {
    DeviceRegistry registry = new DeviceRegistry(CLOCK, iot, models, new SecureRandom());
    jdbi.useTransaction(
        h -> {
          registry.register(h, deviceId, Duration.ofHours(1));
          registry.addKey(h, deviceId, "k1", "secret-of-" + deviceId + "-0123456789");
          registry.configure(
              h,
              deviceId,
              new DeviceConfig(
                  Duration.ofMinutes(15),
                  List.of(new DeviceConfig.MeterAssignment(meterId, MeterModels.ABB_B2X, Map.of())),
                  List.of()));
        });
    MeasurementIngest ingest = new MeasurementIngest(CLOCK, iot, models);
    List<Measurement> batch = new ArrayList<>();
    long high = 1_000_000;
    long low = 2_000_000;
    for (Instant at = from; !at.isAfter(to); at = at.plus(Duration.ofMinutes(15))) {
      if (keep.test(at)) {
        batch.add(measurement(meterId, at, high, low));
      }
      if (CALENDAR.isHigh(at)) {
        high += WH_PER_QUARTER;
      } else {
        low += WH_PER_QUARTER;
      }
      if (batch.size() == 500) {
        List<Measurement> chunk = List.copyOf(batch);
        jdbi.useTransaction(h -> ingest.ingest(h, deviceId, chunk));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      jdbi.useTransaction(h -> ingest.ingest(h, deviceId, batch));
    }
  }

  private static Measurement measurement(String meterId, Instant at, long highWh, long lowWh) {
    Map<String, BigDecimal> values = new HashMap<>();
    values.put("ActiveEnergyTotalImportT0_Wh", BigDecimal.valueOf(highWh + lowWh));
    values.put("ActiveEnergyTotalImportT1_Wh", BigDecimal.valueOf(highWh));
    values.put("ActiveEnergyTotalImportT2_Wh", BigDecimal.valueOf(lowWh));
    values.put("ActiveEnergyTotalExportT0_Wh", BigDecimal.ZERO);
    values.put("ReactiveEnergyTotalImportT0_VARh", BigDecimal.valueOf((highWh + lowWh) / 5));
    values.put("ReactiveEnergyTotalExportT0_VARh", BigDecimal.ZERO);
    return new Measurement(meterId, at, values);
  }
}
