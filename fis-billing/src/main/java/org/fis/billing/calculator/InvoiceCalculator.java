package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fis.billing.calculator.internal.MeterCalculator;
import org.fis.measure.time.Interval;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calculates invoices: invoice (network user, period) → calculations (one per location/meter) →
 * items. Pure: no database, no clock, no I/O; the same request gives the same invoice whatever the
 * order of its meters, readings and quarter hours.
 *
 * <pre>{@code
 * InvoiceCalculator calculator = InvoiceCalculator.create(CalculatorConfig.defaults());
 * Invoice invoice = calculator.calculate(new InvoiceRequest(userId, period, meters));
 * }</pre>
 *
 * <p>Missing data never yields a silent under-bill: each calculation lists {@link Warning}s for
 * what it could not bill as asked. Caller errors (a part of the period without a catalogue, a
 * catalogue without a price the tariff model needs, duplicate readings) throw {@link
 * IllegalArgumentException} naming the input.
 *
 * <p>Immutable and thread-safe; does not touch any transaction.
 */
public final class InvoiceCalculator {
  private static final Logger LOG = LoggerFactory.getLogger(InvoiceCalculator.class);
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final int RATE_SCALE = 4;

  private final CalculatorConfig config;
  private final MeterCalculator meters;

  private InvoiceCalculator(CalculatorConfig config) {
    this.config = config;
    this.meters = new MeterCalculator(config);
  }

  /**
   * Creates a calculator and logs its effective configuration once.
   *
   * @param config the configuration, e.g. {@link CalculatorConfig#defaults()}
   * @return the calculator
   */
  public static InvoiceCalculator create(CalculatorConfig config) {
    Objects.requireNonNull(config, "config");
    LOG.debug("fis-billing calculator configuration: {}", config);
    return new InvoiceCalculator(config);
  }

  /** The configuration. */
  public CalculatorConfig config() {
    return config;
  }

  /**
   * Calculates the invoice of a request.
   *
   * @param request the network user, period and meters
   * @return the invoice
   * @throws IllegalArgumentException when the request cannot be priced (see the type's javadoc)
   */
  public Invoice calculate(InvoiceRequest request) {
    Objects.requireNonNull(request, "request");
    List<Calculation> calculations = new ArrayList<>(request.meters().size());
    for (MeterBilling meter : request.meters()) {
      calculations.add(meters.calculate(request.period(), meter));
    }
    return assemble(request.networkUserId(), request.period(), currency(request), calculations);
  }

  /**
   * Calculates one meter alone: for hosts that stream meters one at a time and assemble the invoice
   * with {@link #assemble}.
   *
   * @param period the billing period
   * @param meter the meter
   * @return its calculation
   */
  public Calculation calculate(Interval period, MeterBilling meter) {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(meter, "meter");
    return meters.calculate(period, meter);
  }

  /**
   * Assembles calculations into an invoice: subtotals, VAT per rate (each rate's base is the sum of
   * the item totals at that rate, its VAT rounded once), totals.
   *
   * @param networkUserId the network user
   * @param period the billing period
   * @param currency the currency of every catalogue used
   * @param calculations the calculations, any order
   * @return the invoice
   */
  public Invoice assemble(
      String networkUserId, Interval period, String currency, List<Calculation> calculations) {
    Objects.requireNonNull(networkUserId, "networkUserId");
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(calculations, "calculations");
    List<Calculation> sorted = new ArrayList<>(calculations);
    sorted.sort(Comparator.comparing(Calculation::locationId).thenComparing(Calculation::meterId));
    RoundingPolicy rounding = config.rounding();
    BigDecimal usage = BigDecimal.ZERO;
    BigDecimal supply = BigDecimal.ZERO;
    Map<BigDecimal, BigDecimal> baseByRate = new TreeMap<>();
    for (Calculation calculation : sorted) {
      usage = usage.add(calculation.usageTotal());
      supply = supply.add(calculation.supplyTotal());
      for (CalculationItem item : calculation.items()) {
        BigDecimal rate = item.vatRatePercent().setScale(RATE_SCALE, RoundingMode.UNNECESSARY);
        baseByRate.merge(rate, item.total(), BigDecimal::add);
      }
    }
    List<VatLine> vat = new ArrayList<>();
    BigDecimal vatTotal = BigDecimal.ZERO;
    for (Map.Entry<BigDecimal, BigDecimal> entry : baseByRate.entrySet()) {
      BigDecimal base = rounding.total(entry.getValue());
      BigDecimal tax = rounding.total(base.multiply(entry.getKey()).divide(HUNDRED));
      vat.add(new VatLine(plainRate(entry.getKey()), base, tax));
      vatTotal = vatTotal.add(tax);
    }
    usage = rounding.total(usage);
    supply = rounding.total(supply);
    BigDecimal net = rounding.total(usage.add(supply));
    vatTotal = rounding.total(vatTotal);
    return new Invoice(
        networkUserId,
        period,
        currency,
        sorted,
        usage,
        supply,
        net,
        vat,
        vatTotal,
        rounding.total(net.add(vatTotal)));
  }

  private static BigDecimal plainRate(BigDecimal rate) {
    BigDecimal stripped = rate.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
  }

  private static String currency(InvoiceRequest request) {
    String currency = request.meters().get(0).usageCatalogues().currency();
    for (MeterBilling meter : request.meters()) {
      if (!meter.usageCatalogues().currency().equals(currency)) {
        throw new IllegalArgumentException(
            "meters: catalogues in " + currency + " and " + meter.usageCatalogues().currency());
      }
    }
    return currency;
  }
}
