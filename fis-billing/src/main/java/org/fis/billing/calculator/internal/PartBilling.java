package org.fis.billing.calculator.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.fis.billing.calculator.BilledPeak;
import org.fis.billing.calculator.BilledReadings;
import org.fis.billing.calculator.CalculationItem;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.Catalogue;
import org.fis.billing.calculator.ItemGroup;
import org.fis.billing.calculator.ItemKind;
import org.fis.billing.calculator.ItemRounding;
import org.fis.billing.calculator.MeterBilling;
import org.fis.billing.calculator.Price;
import org.fis.billing.calculator.RegisterReading;
import org.fis.billing.calculator.TariffCalendar;
import org.fis.billing.calculator.Warning;
import org.fis.billing.calculator.WarningCode;
import org.fis.measure.time.Interval;

/**
 * Bills one part of the period (a stretch priced by one usage and one supply catalogue version):
 * works out the amounts once, then one item per billed kind. Not thread-safe: one per part.
 */
final class PartBilling {
  private static final int FRACTION_SCALE = 12;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final CalculatorConfig config;
  private final MeterBilling meter;
  private final UsageSeries series;
  private final BoundaryReadings boundaries;
  private final Interval part;
  private final Catalogue usage;
  private final Catalogue supply;
  private final List<Warning> warnings;
  private final QuarterStats quarters;

  private Amount total;
  private Amount high;
  private Amount low;

  PartBilling(
      CalculatorConfig config,
      MeterBilling meter,
      UsageSeries series,
      BoundaryReadings boundaries,
      Interval part,
      Catalogue usage,
      Catalogue supply,
      List<Warning> warnings) {
    this.config = config;
    this.meter = meter;
    this.series = series;
    this.boundaries = boundaries;
    this.part = part;
    this.usage = usage;
    this.supply = supply;
    this.warnings = warnings;
    TariffCalendar calendar = config.calendar();
    this.quarters =
        series.hasQuarters()
            ? QuarterStats.of(series, part, calendar.highWindows(part.start(), part.end()))
            : null;
  }

  List<CalculationItem> items() {
    checkQuarterCompleteness();
    total = totalAmount();
    if (meter.tariffModel().needsTariffSplit() && total != null) {
      splitTariffs();
    }
    List<CalculationItem> items = new ArrayList<>();
    for (ItemKind kind : meter.tariffModel().items()) {
      items.add(item(kind));
    }
    return items;
  }

  private CalculationItem item(ItemKind kind) {
    return switch (kind) {
      case USAGE_ACTIVE_ENERGY_SINGLE,
          SUPPLY_ACTIVE_ENERGY_SINGLE,
          SUPPLY_RENEWABLE_ENERGY_FEE,
          SUPPLY_BUSINESS_USAGE_FEE ->
          energyItem(kind, total);
      case USAGE_ACTIVE_ENERGY_HIGH, SUPPLY_ACTIVE_ENERGY_HIGH -> energyItem(kind, high);
      case USAGE_ACTIVE_ENERGY_LOW, SUPPLY_ACTIVE_ENERGY_LOW -> energyItem(kind, low);
      case USAGE_PEAK_POWER_HIGH -> peakItem();
      case USAGE_EXCESS_REACTIVE_ENERGY -> reactiveItem();
      case USAGE_METER_FEE -> meterFeeItem();
    };
  }

  private void checkQuarterCompleteness() {
    if (quarters == null) {
      if (meter.tariffModel().bills(ItemKind.USAGE_PEAK_POWER_HIGH)) {
        warn(WarningCode.PEAK_DATA_MISSING, "no quarter hours at all: peak power billed as 0");
      }
      return;
    }
    long expected = QuarterStats.expected(part);
    if (quarters.count < expected) {
      warn(
          WarningCode.QUARTER_HOURS_MISSING,
          (expected - quarters.count) + " of " + expected + " quarter hours missing");
    }
  }

  private Amount totalAmount() {
    if (series.hasReadings()) {
      return registers(r -> r.activeImport().valueMilli(), "active import T0");
    }
    if (quarters != null) {
      return Amount.sum(quarters.activeMilli, "sum of " + quarters.count + " quarter hours");
    }
    boolean billsUsage =
        meter.tariffModel().items().stream().anyMatch(kind -> kind != ItemKind.USAGE_METER_FEE);
    if (billsUsage) {
      warn(WarningCode.NO_USAGE_DATA, "no readings and no quarter hours: energy billed as 0");
    }
    return null;
  }

  private void splitTariffs() {
    if (series.readingsHaveTariffRegisters) {
      high = registers(r -> r.activeImportHigh().valueMilli(), "meter T1 register");
      low = registers(r -> r.activeImportLow().valueMilli(), "meter T2 register");
      if (quarters != null) {
        crossCheck();
      }
    } else if (quarters != null) {
      long highMilli = quarters.highMilli;
      long totalMilli = total.milli();
      if (total.registers() && highMilli > totalMilli) {
        warn(
            WarningCode.TARIFF_REGISTERS_DISAGREE_WITH_CALENDAR,
            "calendar high-tariff energy "
                + Amount.base(highMilli)
                + " Wh exceeds the register total "
                + Amount.base(totalMilli)
                + " Wh; high capped at the total");
        highMilli = Math.max(0, totalMilli);
      }
      String source =
          total.registers() ? "register total − calendar high" : "calendar, quarter hours";
      high = Amount.sum(highMilli, "calendar high tariff, quarter hours");
      low = Amount.sum(Math.max(0, totalMilli - highMilli), source);
    } else {
      warn(
          WarningCode.TARIFF_SPLIT_UNAVAILABLE,
          "no T1/T2 registers and no quarter hours: all energy billed in the high tariff");
      high = total;
      low = Amount.zero("no tariff split available");
    }
  }

  private void crossCheck() {
    long registerHighMilli = high.milli();
    long calendarHighMilli = quarters.highMilli;
    BigDecimal relative =
        BigDecimal.valueOf(Math.max(0, total.milli()))
            .multiply(config.tariffDisagreementTolerancePercent())
            .divide(HUNDRED, 0, RoundingMode.DOWN);
    long toleranceMilli =
        Math.max(
            Math.multiplyExact(config.tariffDisagreementToleranceWh(), 1000L),
            relative.longValueExact());
    if (Math.abs(registerHighMilli - calendarHighMilli) > toleranceMilli) {
      warn(
          WarningCode.TARIFF_REGISTERS_DISAGREE_WITH_CALENDAR,
          "T1 register "
              + Amount.base(registerHighMilli)
              + " Wh, tariff calendar "
              + Amount.base(calendarHighMilli)
              + " Wh (tolerance "
              + Amount.base(toleranceMilli)
              + " Wh); billed by the registers");
    }
  }

  private Amount registers(ToLongFunction<RegisterReading> registerMilli, String name) {
    RegisterReading start = boundaries.at(part.start());
    RegisterReading end = boundaries.at(part.end());
    long startMilli = registerMilli.applyAsLong(start);
    long endMilli = registerMilli.applyAsLong(end);
    String basis =
        name
            + " "
            + Amount.base(startMilli)
            + " @ "
            + start.at()
            + " → "
            + Amount.base(endMilli)
            + " @ "
            + end.at();
    if (endMilli < startMilli) {
      warn(WarningCode.REGISTER_DECREASED, name + " decreased: " + basis + "; billed as 0");
      return Amount.zero(basis);
    }
    return Amount.readings(name, startMilli, start.at(), endMilli, end.at(), basis);
  }

  private CalculationItem energyItem(ItemKind kind, Amount amount) {
    ItemRounding rounding = config.rounding().item(kind);
    if (amount == null) {
      // The reference leaves the unit price of an item without usage data unrounded.
      return priced(kind, rounding.quantity(BigDecimal.ZERO), "no usage data", false, null, null);
    }
    return priced(
        kind,
        amount.quantityK(rounding),
        amount.basis(),
        true,
        amount.billed(rounding, kind.unit()),
        null);
  }

  private CalculationItem peakItem() {
    ItemKind kind = ItemKind.USAGE_PEAK_POWER_HIGH;
    ItemRounding rounding = config.rounding().item(kind);
    if (quarters == null || quarters.countInside == 0) {
      if (quarters != null) {
        warn(WarningCode.PEAK_DATA_MISSING, "no quarter hour inside the part: peak billed as 0");
      }
      return priced(kind, rounding.quantity(BigDecimal.ZERO), "no quarter hours");
    }
    BigDecimal measuredKw = Amount.kilo(quarters.peakHighMilliW).stripTrailingZeros();
    BigDecimal peakKw = rounding.reading(Amount.kilo(quarters.peakHighMilliW));
    BilledPeak peak =
        quarters.highCountInside == 0 || quarters.peakAt == null
            ? null
            : new BilledPeak(
                measuredKw.scale() < 0 ? measuredKw.setScale(0) : measuredKw,
                peakKw,
                quarters.peakAt);
    String basis =
        quarters.highCountInside == 0
            ? "no high-tariff quarter hour in the part"
            : "highest high-tariff quarter-hour mean power "
                + Amount.base(quarters.peakHighMilliW)
                + " W at "
                + quarters.peakAt;
    return priced(kind, rounding.quantity(peakKw), basis, true, null, peak);
  }

  private CalculationItem reactiveItem() {
    ItemKind kind = ItemKind.USAGE_EXCESS_REACTIVE_ENERGY;
    ItemRounding rounding = config.rounding().item(kind);
    Amount reactiveImport;
    Amount reactiveExport;
    if (series.readingsHaveReactive) {
      reactiveImport = registers(r -> r.reactiveImport().valueMilli(), "reactive import");
      reactiveExport = registers(r -> r.reactiveExport().valueMilli(), "reactive export");
    } else if (quarters != null && series.quartersHaveReactive) {
      reactiveImport = Amount.sum(quarters.reactiveImportMilli, "reactive import, quarter hours");
      reactiveExport = Amount.sum(quarters.reactiveExportMilli, "reactive export, quarter hours");
    } else {
      warn(
          WarningCode.REACTIVE_DATA_MISSING,
          "no reactive registers or quarter hours: excess reactive energy billed as 0");
      return priced(kind, rounding.quantity(BigDecimal.ZERO), "no reactive data");
    }
    BigDecimal qImport = reactiveImport.quantityK(rounding).abs();
    BigDecimal qExport = reactiveExport.quantityK(rounding).abs();
    BigDecimal pImport = total == null ? BigDecimal.ZERO : total.quantityK(rounding);
    BigDecimal excess = qImport.add(qExport).subtract(config.reactiveFactor().multiply(pImport));
    String basis =
        "|Qi| "
            + qImport.toPlainString()
            + " + |Qe| "
            + qExport.toPlainString()
            + " − "
            + config.reactiveFactor().toPlainString()
            + " × P "
            + pImport.toPlainString();
    return priced(kind, rounding.quantity(excess.max(BigDecimal.ZERO)), basis);
  }

  private CalculationItem meterFeeItem() {
    ItemKind kind = ItemKind.USAGE_METER_FEE;
    ItemRounding rounding = config.rounding().item(kind);
    ZoneId zone = config.calendar().zone();
    LocalDate day = part.start().atZone(zone).toLocalDate();
    LocalDate lastDay = part.end().atZone(zone).toLocalDate();
    BigDecimal months = BigDecimal.ZERO;
    int counted = 0;
    for (int guard = 0; !day.isAfter(lastDay); guard++, day = day.plusDays(1)) {
      if (guard > TariffCalendar.DAYS_MAX) {
        throw new IllegalArgumentException(
            "period: longer than " + TariffCalendar.DAYS_MAX + " days");
      }
      if (activeDayStartsIn(day, zone)) {
        counted++;
        int length = YearMonth.from(day).lengthOfMonth();
        months =
            months.add(
                BigDecimal.ONE.divide(
                    BigDecimal.valueOf(length), FRACTION_SCALE, RoundingMode.HALF_EVEN));
      }
    }
    return priced(kind, rounding.quantity(months), counted + " active days");
  }

  /**
   * A day counts in the part that holds its first active instant, so that a day is never counted
   * twice when the period is split, and a location active for any part of a day pays that day.
   */
  private boolean activeDayStartsIn(LocalDate day, ZoneId zone) {
    Instant dayStart = day.atStartOfDay(zone).toInstant();
    Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
    Instant firstActive = dayStart.isBefore(meter.activeFrom()) ? meter.activeFrom() : dayStart;
    Instant activeEnd = meter.activeUntil();
    boolean activeThatDay =
        firstActive.isBefore(dayEnd) && (activeEnd == null || firstActive.isBefore(activeEnd));
    return activeThatDay && part.contains(firstActive);
  }

  private CalculationItem priced(ItemKind kind, BigDecimal quantity, String basis) {
    return priced(kind, quantity, basis, true, null, null);
  }

  private CalculationItem priced(
      ItemKind kind,
      BigDecimal quantity,
      String basis,
      boolean roundPrice,
      BilledReadings readings,
      BilledPeak peak) {
    Catalogue catalogue = kind.group() == ItemGroup.USAGE ? usage : supply;
    Price price =
        catalogue
            .price(kind)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        (kind.group() == ItemGroup.USAGE ? "usageCatalogues" : "supplyCatalogues")
                            + ": version "
                            + catalogue.catalogueId()
                            + " has no price for "
                            + kind
                            + " (meter "
                            + meter.meterId()
                            + ")"));
    ItemRounding rounding = config.rounding().item(kind);
    BigDecimal unitPrice = roundPrice ? rounding.unitPrice(price.unitPrice()) : price.unitPrice();
    BigDecimal total = rounding.total(quantity.multiply(unitPrice));
    return new CalculationItem(
        kind,
        part,
        quantity,
        unitPrice,
        total,
        price.vatRatePercent(),
        catalogue.catalogueId(),
        basis,
        readings,
        peak);
  }

  private void warn(WarningCode code, String detail) {
    warnings.add(
        new Warning(
            code,
            "meter " + meter.meterId() + ", " + part.start() + "–" + part.end() + ": " + detail));
  }
}
