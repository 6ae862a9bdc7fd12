package org.fis.billing.issuing.internal;

import java.util.List;
import org.fis.billing.calculator.Calculation;
import org.fis.billing.calculator.CalculationItem;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.VatLine;

/** Builds the amounts of a credit note: every quantity and amount negated, prices kept. */
public final class CreditNotes {
  private CreditNotes() {}

  /**
   * The invoice with every quantity, subtotal, VAT and total negated.
   *
   * @param invoice the credited invoice
   * @return the credit note's amounts
   */
  public static Invoice negate(Invoice invoice) {
    List<Calculation> calculations =
        invoice.calculations().stream().map(CreditNotes::negate).toList();
    List<VatLine> vat =
        invoice.vat().stream()
            .map(line -> new VatLine(line.ratePercent(), line.base().negate(), line.vat().negate()))
            .toList();
    return new Invoice(
        invoice.networkUserId(),
        invoice.period(),
        invoice.currency(),
        calculations,
        invoice.usageTotal().negate(),
        invoice.supplyTotal().negate(),
        invoice.netTotal().negate(),
        vat,
        invoice.vatTotal().negate(),
        invoice.grossTotal().negate());
  }

  private static Calculation negate(Calculation calculation) {
    List<CalculationItem> items =
        calculation.items().stream()
            .map(
                item ->
                    new CalculationItem(
                        item.kind(),
                        item.part(),
                        item.quantity().negate(),
                        item.unitPrice(),
                        item.total().negate(),
                        item.vatRatePercent(),
                        item.catalogueId(),
                        item.basis(),
                        item.readings(),
                        item.peak()))
            .toList();
    return new Calculation(
        calculation.locationId(),
        calculation.meterId(),
        calculation.tariffModelCode(),
        calculation.billed(),
        items,
        calculation.usageTotal().negate(),
        calculation.supplyTotal().negate(),
        calculation.total().negate(),
        calculation.warnings(),
        calculation.dailyActiveImport());
  }
}
