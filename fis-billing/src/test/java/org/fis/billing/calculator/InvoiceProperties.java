package org.fis.billing.calculator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fis.measure.time.Interval;

/** Laws of the calculator: totals add up, order does not matter, additive items split. */
class InvoiceProperties {
  private static final Instant START = Fixtures.localDate("2026-01-05");
  private static final List<String> VAT_RATES = List.of("0", "5", "13", "25");

  /** One meter's generated data: model, quarter-hour energies, and register options. */
  record MeterCase(
      int model,
      List<Integer> kwhPerQuarter,
      List<Integer> reactivePerQuarter,
      boolean dualRegisters,
      boolean readings,
      String usagePrice,
      String supplyPrice,
      String vat) {}

  /** An invoice case: a few meters over a few days. */
  record InvoiceCase(int days, List<MeterCase> meters, long seed) {}

  private final InvoiceCalculator calculator =
      InvoiceCalculator.create(CalculatorConfig.defaults());

  @Property(tries = 150)
  void the_net_total_is_the_sum_of_the_items_and_the_gross_total_adds_the_vat_lines(
      @ForAll("invoices") InvoiceCase invoiceCase) {
    Invoice invoice = calculator.calculate(request(invoiceCase));

    BigDecimal items =
        invoice.calculations().stream()
            .flatMap(c -> c.items().stream())
            .map(CalculationItem::total)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal vat =
        invoice.vat().stream().map(VatLine::vat).reduce(BigDecimal.ZERO, BigDecimal::add);
    BigDecimal bases =
        invoice.vat().stream().map(VatLine::base).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(invoice.netTotal()).isEqualByComparingTo(items);
    assertThat(bases).isEqualByComparingTo(items);
    assertThat(invoice.usageTotal().add(invoice.supplyTotal())).isEqualByComparingTo(items);
    assertThat(invoice.vatTotal()).isEqualByComparingTo(vat);
    assertThat(invoice.grossTotal()).isEqualByComparingTo(items.add(vat));
    for (Calculation calculation : invoice.calculations()) {
      assertThat(calculation.total())
          .isEqualByComparingTo(calculation.usageTotal().add(calculation.supplyTotal()));
    }
  }

  @Property(tries = 100)
  void the_order_of_meters_readings_and_quarter_hours_does_not_matter(
      @ForAll("invoices") InvoiceCase invoiceCase) {
    InvoiceRequest ordered = request(invoiceCase);
    Random random = new Random(invoiceCase.seed());
    List<MeterBilling> shuffledMeters = new ArrayList<>();
    for (MeterBilling meter : ordered.meters()) {
      List<RegisterReading> readings = new ArrayList<>(meter.readings());
      List<QuarterHourUsage> quarters = new ArrayList<>(meter.quarterHours());
      Collections.shuffle(readings, random);
      Collections.shuffle(quarters, random);
      shuffledMeters.add(meter.withUsage(readings, quarters));
    }
    Collections.shuffle(shuffledMeters, random);
    InvoiceRequest shuffled =
        new InvoiceRequest(ordered.networkUserId(), ordered.period(), shuffledMeters);

    assertThat(calculator.calculate(shuffled)).isEqualTo(calculator.calculate(ordered));
  }

  @Property(tries = 100)
  void additive_items_billed_in_two_parts_sum_to_billing_the_period_whole(
      @ForAll("invoices") InvoiceCase invoiceCase, @ForAll("percents") int splitPercent) {
    // Whole kWh, prices in cents and meter-fee months at 12 decimals: no rounding interferes.
    RoundingPolicy exact =
        RoundingPolicy.defaults()
            .withItem(
                ItemKind.USAGE_METER_FEE, new ItemRounding(4, 12, 3, 2, RoundingMode.HALF_EVEN));
    InvoiceCalculator exactCalculator =
        InvoiceCalculator.create(CalculatorConfig.defaults().withRounding(exact));
    InvoiceRequest whole = request(invoiceCase);
    int splitDay = 1 + splitPercent * (invoiceCase.days() - 1) / 100;
    Instant split =
        Fixtures.localDate("2026-01-05").atZone(Fixtures.ZAGREB).plusDays(splitDay).toInstant();
    Interval first = new Interval(whole.period().start(), split);
    Interval second = new Interval(split, whole.period().end());

    for (MeterBilling meter : whole.meters()) {
      Calculation all = exactCalculator.calculate(whole.period(), meter);
      Calculation a = exactCalculator.calculate(first, meter);
      Calculation b = exactCalculator.calculate(second, meter);
      for (ItemKind kind : meter.tariffModel().items()) {
        if (!kind.additive()) {
          continue;
        }
        assertThat(quantity(a, kind).add(quantity(b, kind)))
            .as("%s quantity", kind)
            .isEqualByComparingTo(quantity(all, kind));
        if (kind != ItemKind.USAGE_METER_FEE) {
          assertThat(total(a, kind).add(total(b, kind)))
              .as("%s total", kind)
              .isEqualByComparingTo(total(all, kind));
        }
      }
    }
  }

  @Provide
  Arbitrary<Integer> percents() {
    return Arbitraries.integers().between(0, 99);
  }

  @Provide
  Arbitrary<InvoiceCase> invoices() {
    return Arbitraries.integers()
        .between(2, 4)
        .flatMap(
            days ->
                Combinators.combine(
                        meterCase(days).list().ofMinSize(1).ofMaxSize(3), Arbitraries.longs())
                    .as((meters, seed) -> new InvoiceCase(days, meters, seed)));
  }

  private Arbitrary<MeterCase> meterCase(int days) {
    int quarters = days * 96;
    Arbitrary<List<Integer>> energies =
        Arbitraries.integers().between(0, 5).list().ofSize(quarters);
    Arbitrary<List<Integer>> reactive =
        Arbitraries.integers().between(0, 3).list().ofSize(quarters);
    Arbitrary<String> prices =
        Arbitraries.integers()
            .between(0, 5000)
            .map(cents -> BigDecimal.valueOf(cents, 2).toPlainString());
    return Combinators.combine(
            Arbitraries.integers().between(0, TariffModel.STANDARD.size() - 1),
            energies,
            reactive,
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            prices,
            prices,
            Arbitraries.of(VAT_RATES))
        .as(MeterCase::new);
  }

  private static InvoiceRequest request(InvoiceCase invoiceCase) {
    Instant end = START.atZone(Fixtures.ZAGREB).plusDays(invoiceCase.days()).toInstant();
    Interval period = new Interval(START, end);
    List<MeterBilling> meters = new ArrayList<>();
    for (int i = 0; i < invoiceCase.meters().size(); i++) {
      meters.add(meter("m" + i, invoiceCase.meters().get(i), period));
    }
    return new InvoiceRequest("user", period, meters);
  }

  private static MeterBilling meter(String id, MeterCase meterCase, Interval period) {
    TariffCalendar calendar = TariffCalendar.defaults();
    List<QuarterHourUsage> quarters = new ArrayList<>();
    List<RegisterReading> readings = new ArrayList<>();
    long highWh = 7_000_000;
    long lowWh = 3_000_000;
    long reactiveVarh = 1_000_000;
    Instant start = period.start();
    for (int i = 0; i < meterCase.kwhPerQuarter().size(); i++) {
      readings.add(reading(meterCase, start, highWh, lowWh, reactiveVarh));
      long wh = meterCase.kwhPerQuarter().get(i) * 1000L;
      long varh = meterCase.reactivePerQuarter().get(i) * 1000L;
      quarters.add(QuarterHourUsage.ofWh(start, wh, varh, 0L));
      if (calendar.isHigh(start)) {
        highWh += wh;
      } else {
        lowWh += wh;
      }
      reactiveVarh += varh;
      start = start.plus(Duration.ofMinutes(15));
    }
    readings.add(reading(meterCase, start, highWh, lowWh, reactiveVarh));
    TariffModel model = TariffModel.STANDARD.get(meterCase.model());
    return Fixtures.meter(
        id,
        model,
        Fixtures.catalogue(
            "u",
            ItemGroup.USAGE,
            Fixtures.EPOCH_2020,
            null,
            meterCase.usagePrice(),
            meterCase.vat()),
        Fixtures.catalogue(
            "s", ItemGroup.SUPPLY, Fixtures.EPOCH_2020, null, meterCase.supplyPrice(), "13"),
        meterCase.readings() ? readings : List.of(),
        quarters);
  }

  private static RegisterReading reading(
      MeterCase meterCase, Instant at, long highWh, long lowWh, long reactiveVarh) {
    return meterCase.dualRegisters()
        ? RegisterReading.dual(at, highWh, lowWh, reactiveVarh, 0)
        : RegisterReading.single(at, highWh + lowWh, reactiveVarh, 0);
  }

  private static BigDecimal quantity(Calculation calculation, ItemKind kind) {
    return calculation.items().stream()
        .filter(i -> i.kind() == kind)
        .map(CalculationItem::quantity)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal total(Calculation calculation, ItemKind kind) {
    return calculation.items().stream()
        .filter(i -> i.kind() == kind)
        .map(CalculationItem::total)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
