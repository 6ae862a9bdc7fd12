package org.fis.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.fis.billing.calculator.RegisterReading;
import org.fis.billing.calculator.TariffCalendar;
import org.fis.billing.calculator.TariffModel;
import org.fis.billing.issuing.InvoiceIssuer;
import org.fis.billing.issuing.IssueRequest;
import org.fis.billing.issuing.IssueResult;
import org.fis.billing.issuing.IssuerConfig;
import org.fis.billing.issuing.Snapshot;
import org.fis.billing.output.InvoiceHtml;
import org.fis.billing.output.InvoiceJson;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The README quickstart, compiled and run. */
@FisPostgres(migrations = BillingMigrations.class)
class QuickstartIT {
  @Test
  void quickstart_bills_and_issues_a_month(Jdbi jdbi) {
    // --- quickstart: begin
    ZoneId zone = ZoneId.of("Europe/Zagreb");
    Interval january = BillingCalendar.defaults().withZone(zone).month(YearMonth.of(2026, 1));

    // Catalogues are versioned in time; VAT rates live on each price.
    Map<ItemKind, Price> usagePrices = new EnumMap<>(ItemKind.class);
    usagePrices.put(ItemKind.USAGE_ACTIVE_ENERGY_HIGH, Price.of("0.041", "25"));
    usagePrices.put(ItemKind.USAGE_ACTIVE_ENERGY_LOW, Price.of("0.020", "25"));
    usagePrices.put(ItemKind.USAGE_EXCESS_REACTIVE_ENERGY, Price.of("0.016", "25"));
    usagePrices.put(ItemKind.USAGE_METER_FEE, Price.of("2.65", "25"));
    Map<ItemKind, Price> supplyPrices = new EnumMap<>(ItemKind.class);
    supplyPrices.put(ItemKind.SUPPLY_ACTIVE_ENERGY_HIGH, Price.of("0.105", "13"));
    supplyPrices.put(ItemKind.SUPPLY_ACTIVE_ENERGY_LOW, Price.of("0.052", "13"));
    supplyPrices.put(ItemKind.SUPPLY_RENEWABLE_ENERGY_FEE, Price.of("0.013936", "13"));
    supplyPrices.put(ItemKind.SUPPLY_BUSINESS_USAGE_FEE, Price.of("0.0005", "13"));
    Instant since = Instant.parse("2025-01-01T00:00:00Z");
    CatalogueTimeline usage =
        CatalogueTimeline.of(new Catalogue("white-lv-2025", "EUR", since, null, usagePrices));
    CatalogueTimeline supply =
        CatalogueTimeline.of(new Catalogue("supply-2025", "EUR", since, null, supplyPrices));

    // The host fills the usage from its measurement store (e.g. fis-iot-protocol aggregates).
    List<RegisterReading> readings =
        List.of(
            RegisterReading.dual(january.start(), 1_000_000, 400_000, 50_000, 0),
            RegisterReading.dual(january.end(), 1_900_000, 700_000, 450_000, 0));
    List<QuarterHourUsage> quarterHours = List.of(); // none: no peak item in this model
    MeterBilling meter =
        new MeterBilling(
            "location-17",
            "meter-17",
            TariffModel.DUAL_TARIFF_LV,
            since,
            null,
            usage,
            supply,
            readings,
            quarterHours);

    InvoiceCalculator calculator =
        InvoiceCalculator.create(
            CalculatorConfig.defaults().withCalendar(TariffCalendar.defaults().withZone(zone)));
    Invoice draft = calculator.calculate(new InvoiceRequest("user-42", january, List.of(meter)));

    InvoiceIssuer issuer =
        InvoiceIssuer.create(
            calculator, IssuerConfig.defaults(), Clock.systemUTC(), UUID::randomUUID);
    IssueResult result =
        jdbi.inTransaction(
            handle ->
                issuer.issue(
                    handle,
                    new IssueRequest(
                        "dso-1",
                        new InvoiceRequest("user-42", january, List.of(meter)),
                        List.of(new Snapshot("network-user", "user-42", "{\"name\":\"Kava\"}")))));
    String json = InvoiceJson.write(result.invoice());
    String html = InvoiceHtml.render(result.invoice(), zone);
    // --- quickstart: end

    assertThat(result).isInstanceOf(IssueResult.Issued.class);
    assertThat(result.invoice().invoice()).isEqualTo(draft);
    assertThat(result.invoice().number()).endsWith("-000001");
    // 900 kWh high × 0.041 + 300 kWh low × 0.020 = 42.90; excess reactive 400 − 0.33 × 1200 = 4.
    assertThat(draft.calculations().get(0).items())
        .filteredOn(i -> i.kind() == ItemKind.USAGE_ACTIVE_ENERGY_HIGH)
        .singleElement()
        .satisfies(i -> assertThat(i.total()).isEqualByComparingTo("36.90"));
    assertThat(draft.calculations().get(0).items())
        .filteredOn(i -> i.kind() == ItemKind.USAGE_EXCESS_REACTIVE_ENERGY)
        .singleElement()
        .satisfies(i -> assertThat(i.quantity()).isEqualByComparingTo("4"));
    assertThat(json).contains("\"number\"");
    assertThat(html).contains("Invoice " + result.invoice().number());
  }
}
