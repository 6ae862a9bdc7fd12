package org.fis.examples.bench.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.fis.billing.calculator.Calculation;
import org.fis.billing.calculator.CalculationItem;
import org.fis.billing.calculator.CatalogueTimeline;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.ItemKind;
import org.fis.billing.calculator.MeterBilling;
import org.fis.billing.calculator.QuarterHourUsage;
import org.fis.billing.calculator.TariffModel;
import org.fis.measure.time.Interval;

/**
 * A row sink that gathers one meter's quarter hours at a time (rows arrive in meter order), bills
 * the meter as soon as its last row has arrived, and hands the invoice (one network user per meter)
 * to a consumer. Holds one meter's rows at a time. Not thread-safe.
 */
public final class BillingRun implements QuarterHourTable.RowSink {
  private static final int QUARTERS_PER_MONTH_MAX = 31 * 100;

  private final InvoiceCalculator calculator;
  private final Interval period;
  private final CatalogueTimeline usage;
  private final CatalogueTimeline supply;
  private final Consumer<InvoiceRequest> issue;
  private final List<QuarterHourUsage> quarters = new ArrayList<>(QUARTERS_PER_MONTH_MAX);
  private int meter = -1;
  private int invoices;
  private BigDecimal grossTotal = BigDecimal.ZERO;
  private BigDecimal firstMeterKwh;
  private int warnings;

  /**
   * Creates the run.
   *
   * @param calculator the calculator
   * @param period the billing period
   * @param usage the usage catalogues of every meter
   * @param supply the supply catalogues of every meter
   * @param issue also called with each meter's request (e.g. to issue and store it); may ignore it
   *     (with a null {@code calculator} the run does not calculate itself and only hands the
   *     requests over, for an issuer that calculates as it issues)
   */
  public BillingRun(
      InvoiceCalculator calculator,
      Interval period,
      CatalogueTimeline usage,
      CatalogueTimeline supply,
      Consumer<InvoiceRequest> issue) {
    this.calculator = calculator;
    this.period = period;
    this.usage = usage;
    this.supply = supply;
    this.issue = issue;
  }

  @Override
  public void row(
      int meterNumber,
      long startSeconds,
      long activeImportWh,
      long reactiveImportVarh,
      long reactiveExportVarh) {
    if (meterNumber != meter) {
      finishMeter();
      meter = meterNumber;
    }
    quarters.add(
        QuarterHourUsage.ofWh(
            Instant.ofEpochSecond(startSeconds),
            activeImportWh,
            reactiveImportVarh,
            reactiveExportVarh));
  }

  /** Bills the last meter; call once after streaming. */
  public void finish() {
    finishMeter();
  }

  private void finishMeter() {
    if (meter < 0) {
      return;
    }
    MeterBilling billing =
        new MeterBilling(
            "loc-" + meter,
            "meter-" + meter,
            TariffModel.DUAL_TARIFF_POWER_LV,
            period.start(),
            null,
            usage,
            supply,
            List.of(),
            List.copyOf(quarters));
    issue.accept(new InvoiceRequest("user-" + meter, period, List.of(billing)));
    invoices++;
    if (calculator == null) {
      quarters.clear();
      return;
    }
    Calculation calculation = calculator.calculate(period, billing);
    Invoice invoice =
        calculator.assemble("user-" + meter, period, usage.currency(), List.of(calculation));
    grossTotal = grossTotal.add(invoice.grossTotal());
    warnings += invoice.warnings().size();
    if (firstMeterKwh == null) {
      firstMeterKwh = BigDecimal.ZERO;
      for (CalculationItem item : calculation.items()) {
        if (item.kind() == ItemKind.SUPPLY_ACTIVE_ENERGY_HIGH
            || item.kind() == ItemKind.SUPPLY_ACTIVE_ENERGY_LOW) {
          firstMeterKwh = firstMeterKwh.add(item.quantity());
        }
      }
    }
    quarters.clear();
  }

  /** Invoices produced. */
  public int invoices() {
    return invoices;
  }

  /** The sum of all invoices' gross totals. */
  public BigDecimal grossTotal() {
    return grossTotal;
  }

  /** Supply high + low quantity (kWh) of the first meter billed, for a cross-check. */
  public BigDecimal firstMeterKwh() {
    return firstMeterKwh;
  }

  /** Warnings over all invoices. */
  public int warnings() {
    return warnings;
  }
}
