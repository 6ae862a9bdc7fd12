package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;

/** Builders for calculator tests: catalogues, meters, readings and quarter hours. */
public final class Fixtures {
  public static final ZoneId ZAGREB = ZoneId.of("Europe/Zagreb");
  public static final Interval JANUARY = BillingCalendar.defaults().month(YearMonth.of(2026, 1));
  public static final Interval JULY = BillingCalendar.defaults().month(YearMonth.of(2026, 7));
  public static final Instant EPOCH_2020 = Instant.parse("2020-01-01T00:00:00Z");

  private Fixtures() {}

  public static Instant local(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZAGREB).toInstant();
  }

  public static Instant localDate(String date) {
    return LocalDate.parse(date).atStartOfDay(ZAGREB).toInstant();
  }

  /** A usage catalogue pricing every usage item at the given price, VAT 25 %. */
  public static Catalogue usageCatalogue(String id, Instant from, Instant until, String price) {
    return catalogue(id, ItemGroup.USAGE, from, until, price, "25");
  }

  /** A supply catalogue pricing every supply item at the given price, VAT 13 %. */
  public static Catalogue supplyCatalogue(String id, Instant from, Instant until, String price) {
    return catalogue(id, ItemGroup.SUPPLY, from, until, price, "13");
  }

  public static Catalogue catalogue(
      String id, ItemGroup group, Instant from, Instant until, String price, String vat) {
    Map<ItemKind, Price> prices = new EnumMap<>(ItemKind.class);
    for (ItemKind kind : ItemKind.values()) {
      if (kind.group() == group) {
        prices.put(kind, Price.of(price, vat));
      }
    }
    return new Catalogue(id, "EUR", from, until, prices);
  }

  public static Catalogue withPrice(Catalogue catalogue, ItemKind kind, String price) {
    Map<ItemKind, Price> prices = new EnumMap<>(catalogue.prices());
    prices.put(kind, new Price(new BigDecimal(price), prices.get(kind).vatRatePercent()));
    return new Catalogue(
        catalogue.catalogueId(),
        catalogue.currency(),
        catalogue.validFrom(),
        catalogue.validUntil(),
        prices);
  }

  public static MeterBilling meter(
      String meterId,
      TariffModel model,
      Catalogue usage,
      Catalogue supply,
      List<RegisterReading> readings,
      List<QuarterHourUsage> quarters) {
    return new MeterBilling(
        "loc-" + meterId,
        meterId,
        model,
        EPOCH_2020,
        null,
        CatalogueTimeline.of(usage),
        CatalogueTimeline.of(supply),
        readings,
        quarters);
  }

  public static MeterBilling meter(
      String meterId,
      TariffModel model,
      List<RegisterReading> readings,
      List<QuarterHourUsage> quarters) {
    return meter(
        meterId,
        model,
        usageCatalogue("usage-1", EPOCH_2020, null, "1"),
        supplyCatalogue("supply-1", EPOCH_2020, null, "1"),
        readings,
        quarters);
  }

  /** Quarter hours over the window, each with the energy the function gives for its index. */
  public static List<QuarterHourUsage> quarters(Interval window, LongUnaryOperator whByIndex) {
    List<QuarterHourUsage> quarters = new ArrayList<>();
    Instant start = window.start();
    for (long i = 0;
        start.isBefore(window.end());
        i++, start = start.plus(QuarterHourUsage.LENGTH)) {
      quarters.add(QuarterHourUsage.ofWh(start, whByIndex.applyAsLong(i), 0L, 0L));
    }
    return quarters;
  }

  public static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  public static CalculationItem item(Calculation calculation, ItemKind kind) {
    List<CalculationItem> items =
        calculation.items().stream().filter(i -> i.kind() == kind).toList();
    if (items.size() != 1) {
      throw new AssertionError("expected one " + kind + ", got " + items);
    }
    return items.get(0);
  }

  public static BigDecimal scaled(String value, int scale) {
    return new BigDecimal(value).setScale(scale, RoundingMode.UNNECESSARY);
  }
}
