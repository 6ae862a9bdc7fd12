package org.fis.springboot;

import java.time.Instant;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fis.billing.calculator.Catalogue;
import org.fis.billing.calculator.CatalogueTimeline;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.ItemKind;
import org.fis.billing.calculator.MeterBilling;
import org.fis.billing.calculator.Price;
import org.fis.billing.calculator.RegisterReading;
import org.fis.billing.calculator.TariffModel;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;

/** A January invoice request of one dual-tariff meter, for the host's tests. */
final class Bills {
  static final Interval JANUARY =
      BillingCalendar.defaults().withZone(FisModules.ZONE).month(YearMonth.of(2026, 1));

  private Bills() {}

  static InvoiceRequest january(String networkUser) {
    return new InvoiceRequest(networkUser, JANUARY, List.of(meter(networkUser)));
  }

  private static MeterBilling meter(String networkUser) {
    Instant since = Instant.parse("2025-01-01T00:00:00Z");
    Map<ItemKind, Price> usage = new EnumMap<>(ItemKind.class);
    usage.put(ItemKind.USAGE_ACTIVE_ENERGY_HIGH, Price.of("0.041", "25"));
    usage.put(ItemKind.USAGE_ACTIVE_ENERGY_LOW, Price.of("0.020", "25"));
    usage.put(ItemKind.USAGE_EXCESS_REACTIVE_ENERGY, Price.of("0.016", "25"));
    usage.put(ItemKind.USAGE_METER_FEE, Price.of("2.65", "25"));
    Map<ItemKind, Price> supply = new EnumMap<>(ItemKind.class);
    supply.put(ItemKind.SUPPLY_ACTIVE_ENERGY_HIGH, Price.of("0.105", "13"));
    supply.put(ItemKind.SUPPLY_ACTIVE_ENERGY_LOW, Price.of("0.052", "13"));
    supply.put(ItemKind.SUPPLY_RENEWABLE_ENERGY_FEE, Price.of("0.013936", "13"));
    supply.put(ItemKind.SUPPLY_BUSINESS_USAGE_FEE, Price.of("0.0005", "13"));
    return new MeterBilling(
        "location-" + networkUser,
        "meter-" + networkUser,
        TariffModel.DUAL_TARIFF_LV,
        since,
        null,
        CatalogueTimeline.of(new Catalogue("usage", "EUR", since, null, usage)),
        CatalogueTimeline.of(new Catalogue("supply", "EUR", since, null, supply)),
        List.of(
            RegisterReading.dual(JANUARY.start(), 1_000_000, 400_000, 50_000, 0),
            RegisterReading.dual(JANUARY.end(), 1_900_000, 700_000, 450_000, 0)),
        List.of());
  }
}
