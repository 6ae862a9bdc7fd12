package org.fis.billing.calculator.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.fis.billing.calculator.Calculation;
import org.fis.billing.calculator.CalculationItem;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.Catalogue;
import org.fis.billing.calculator.DailyEnergy;
import org.fis.billing.calculator.ItemGroup;
import org.fis.billing.calculator.MeterBilling;
import org.fis.billing.calculator.Warning;
import org.fis.measure.time.Interval;

/**
 * Bills one meter over one period: splits the period where a catalogue version changes, bills each
 * part with {@link PartBilling}, and adds up. Stateless and thread-safe.
 */
public final class MeterCalculator {
  private static final Comparator<CalculationItem> ITEM_ORDER =
      Comparator.comparing((CalculationItem item) -> item.kind().ordinal())
          .thenComparing(item -> item.part().start());

  private final CalculatorConfig config;

  /**
   * Creates the calculator.
   *
   * @param config the configuration
   */
  public MeterCalculator(CalculatorConfig config) {
    this.config = config;
  }

  /**
   * Bills the meter.
   *
   * @param period the billing period
   * @param meter the meter's input
   * @return the calculation
   */
  public Calculation calculate(Interval period, MeterBilling meter) {
    Interval billed = activeWindow(period, meter);
    UsageSeries series = new UsageSeries(meter.readings(), meter.quarterHours());
    BoundaryReadings boundaries = new BoundaryReadings(config, meter.meterId(), series);
    List<Warning> warnings = new ArrayList<>();
    List<CalculationItem> items = new ArrayList<>();
    for (Interval part : parts(billed, meter)) {
      Catalogue usage =
          meter
              .usageCatalogues()
              .at(part.start())
              .orElseThrow(() -> noCatalogue("usageCatalogues", meter, part));
      Catalogue supply =
          meter
              .supplyCatalogues()
              .at(part.start())
              .orElseThrow(() -> noCatalogue("supplyCatalogues", meter, part));
      PartBilling billing =
          new PartBilling(config, meter, series, boundaries, part, usage, supply, warnings);
      items.addAll(billing.items());
    }
    warnings.addAll(0, boundaries.warnings());
    items.sort(ITEM_ORDER);
    BigDecimal usageTotal = BigDecimal.ZERO;
    BigDecimal supplyTotal = BigDecimal.ZERO;
    for (CalculationItem item : items) {
      if (item.kind().group() == ItemGroup.USAGE) {
        usageTotal = usageTotal.add(item.total());
      } else {
        supplyTotal = supplyTotal.add(item.total());
      }
    }
    usageTotal = config.rounding().total(usageTotal);
    supplyTotal = config.rounding().total(supplyTotal);
    return new Calculation(
        meter.locationId(),
        meter.meterId(),
        meter.tariffModel().code(),
        billed,
        items,
        usageTotal,
        supplyTotal,
        config.rounding().total(usageTotal.add(supplyTotal)),
        warnings,
        daily(series, billed, config.calendar().zone()));
  }

  private static Interval activeWindow(Interval period, MeterBilling meter) {
    Instant start = later(period.start(), meter.activeFrom());
    Instant end =
        meter.activeUntil() == null ? period.end() : earlier(period.end(), meter.activeUntil());
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException(
          "meters: location "
              + meter.locationId()
              + " meter "
              + meter.meterId()
              + " is not active in "
              + period);
    }
    return new Interval(start, end);
  }

  private static List<Interval> parts(Interval billed, MeterBilling meter) {
    TreeSet<Instant> cuts = new TreeSet<>();
    cuts.addAll(meter.usageCatalogues().changesWithin(billed.start(), billed.end()));
    cuts.addAll(meter.supplyCatalogues().changesWithin(billed.start(), billed.end()));
    cuts.add(billed.end());
    List<Interval> parts = new ArrayList<>(cuts.size());
    Instant start = billed.start();
    for (Instant cut : cuts) {
      parts.add(new Interval(start, cut));
      start = cut;
    }
    return parts;
  }

  private static List<DailyEnergy> daily(UsageSeries series, Interval billed, ZoneId zone) {
    List<DailyEnergy> days = new ArrayList<>();
    int first =
        UsageSeries.lowerBound(series.quarterStartSeconds, UsageSeries.ceilSeconds(billed.start()));
    int last = UsageSeries.lowerBound(series.quarterStartSeconds, billed.end().getEpochSecond());
    LocalDate day = null;
    long dayEndSeconds = Long.MIN_VALUE;
    long dayMilli = 0;
    for (int i = first; i < last; i++) {
      long start = series.quarterStartSeconds[i];
      if (start >= dayEndSeconds) {
        if (day != null) {
          days.add(new DailyEnergy(day, Amount.kilo(dayMilli)));
        }
        day = Instant.ofEpochSecond(start).atZone(zone).toLocalDate();
        dayEndSeconds = day.plusDays(1).atStartOfDay(zone).toEpochSecond();
        dayMilli = 0;
      }
      dayMilli = Math.addExact(dayMilli, series.quarterActiveMilli[i]);
    }
    if (day != null) {
      days.add(new DailyEnergy(day, Amount.kilo(dayMilli)));
    }
    return days;
  }

  private static IllegalArgumentException noCatalogue(
      String name, MeterBilling meter, Interval part) {
    return new IllegalArgumentException(
        name
            + ": no version valid at "
            + part.start()
            + " for location "
            + meter.locationId()
            + " meter "
            + meter.meterId());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
