package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.fis.measure.time.Interval;

/**
 * The bill of one measurement location (one meter) for the invoice's period: its items, subtotals
 * and warnings. A calculation carries no VAT; VAT is computed on the invoice. Immutable and
 * thread-safe.
 *
 * @param locationId the measurement location
 * @param meterId the meter
 * @param tariffModelCode the tariff model's code
 * @param billed the part of the period the location was active
 * @param items the items, in invoice order then by part
 * @param usageTotal sum of usage item totals
 * @param supplyTotal sum of supply item totals
 * @param total usage + supply
 * @param warnings what could not be billed as asked
 * @param dailyActiveImport daily energy for the consumption chart (empty without quarter hours)
 */
public record Calculation(
    String locationId,
    String meterId,
    String tariffModelCode,
    Interval billed,
    List<CalculationItem> items,
    BigDecimal usageTotal,
    BigDecimal supplyTotal,
    BigDecimal total,
    List<Warning> warnings,
    List<DailyEnergy> dailyActiveImport) {

  /** Validates the calculation. */
  public Calculation {
    Objects.requireNonNull(locationId, "locationId");
    Objects.requireNonNull(meterId, "meterId");
    Objects.requireNonNull(tariffModelCode, "tariffModelCode");
    Objects.requireNonNull(billed, "billed");
    Objects.requireNonNull(usageTotal, "usageTotal");
    Objects.requireNonNull(supplyTotal, "supplyTotal");
    Objects.requireNonNull(total, "total");
    items = List.copyOf(items);
    warnings = List.copyOf(warnings);
    dailyActiveImport = List.copyOf(dailyActiveImport);
  }
}
