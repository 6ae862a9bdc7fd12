package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.util.Objects;
import org.fis.measure.time.Interval;

/**
 * One billed item of one calculation, for one part of the period priced by one catalogue version.
 * {@code total = round(quantity × unitPrice)}, see {@link RoundingPolicy}. Immutable and
 * thread-safe.
 *
 * @param kind which item
 * @param part the part of the period this line bills
 * @param quantity the rounded quantity, in {@link ItemKind#unit()}
 * @param unitPrice the rounded unit price
 * @param total the rounded total (money, net of VAT)
 * @param vatRatePercent the VAT rate that applies to {@code total}
 * @param catalogueId the catalogue version that priced it
 * @param basis how the quantity was obtained, for audit (readings, sums, source)
 * @param readings the boundary register readings the quantity was billed from, rounded as billed;
 *     null when the quantity did not come from two register readings (quarter-hour sums, fees)
 * @param peak the peak before and after rounding; null except on a peak item with quarter hours
 */
public record CalculationItem(
    ItemKind kind,
    Interval part,
    BigDecimal quantity,
    BigDecimal unitPrice,
    BigDecimal total,
    BigDecimal vatRatePercent,
    String catalogueId,
    String basis,
    BilledReadings readings,
    BilledPeak peak) {

  /** Validates the item. */
  public CalculationItem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unitPrice, "unitPrice");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(vatRatePercent, "vatRatePercent");
    Objects.requireNonNull(catalogueId, "catalogueId");
    Objects.requireNonNull(basis, "basis");
  }

  /**
   * An item without printed readings or peak (quarter-hour sums, fees, credit notes of old
   * documents).
   */
  public CalculationItem(
      ItemKind kind,
      Interval part,
      BigDecimal quantity,
      BigDecimal unitPrice,
      BigDecimal total,
      BigDecimal vatRatePercent,
      String catalogueId,
      String basis) {
    this(kind, part, quantity, unitPrice, total, vatRatePercent, catalogueId, basis, null, null);
  }

  /** The unit of the quantity. */
  public String unit() {
    return kind.unit();
  }
}
