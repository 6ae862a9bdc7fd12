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
 */
public record CalculationItem(
    ItemKind kind,
    Interval part,
    BigDecimal quantity,
    BigDecimal unitPrice,
    BigDecimal total,
    BigDecimal vatRatePercent,
    String catalogueId,
    String basis) {

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

  /** The unit of the quantity. */
  public String unit() {
    return kind.unit();
  }
}
