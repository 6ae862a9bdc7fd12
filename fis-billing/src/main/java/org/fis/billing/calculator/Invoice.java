package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.fis.measure.time.Interval;

/**
 * A calculated (not yet issued) invoice of one network user for one period: calculations (one per
 * location), subtotals, VAT per rate and totals. {@code netTotal} is the sum of every item total;
 * {@code grossTotal = netTotal + vatTotal}. Immutable and thread-safe.
 *
 * @param networkUserId the network user
 * @param period the billing period
 * @param currency ISO 4217 code of every amount
 * @param calculations one per location, ordered by location and meter
 * @param usageTotal sum of the usage subtotals
 * @param supplyTotal sum of the supply subtotals
 * @param netTotal usage + supply, net of VAT
 * @param vat one line per VAT rate, ascending by rate
 * @param vatTotal sum of the VAT lines
 * @param grossTotal net + VAT
 */
public record Invoice(
    String networkUserId,
    Interval period,
    String currency,
    List<Calculation> calculations,
    BigDecimal usageTotal,
    BigDecimal supplyTotal,
    BigDecimal netTotal,
    List<VatLine> vat,
    BigDecimal vatTotal,
    BigDecimal grossTotal) {

  /** Validates the invoice. */
  public Invoice {
    Objects.requireNonNull(networkUserId, "networkUserId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(usageTotal, "usageTotal");
    Objects.requireNonNull(supplyTotal, "supplyTotal");
    Objects.requireNonNull(netTotal, "netTotal");
    Objects.requireNonNull(vatTotal, "vatTotal");
    Objects.requireNonNull(grossTotal, "grossTotal");
    calculations = List.copyOf(calculations);
    vat = List.copyOf(vat);
  }

  /** Every warning of every calculation. */
  public List<Warning> warnings() {
    return calculations.stream().flatMap(c -> c.warnings().stream()).toList();
  }
}
