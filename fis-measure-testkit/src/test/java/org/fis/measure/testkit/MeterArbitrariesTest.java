package org.fis.measure.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fis.measure.MeasureNotation;
import org.fis.measure.Tariff;
import org.fis.measure.TariffMeasure;
import org.fis.measure.Unit;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;
import org.junit.jupiter.api.Test;

/** The realistic generators produce what they promise; a register reset is refused. */
class MeterArbitrariesTest {
  private static final BillingCalendar ZAGREB = BillingCalendar.defaults();
  private static final YearMonth MARCH_2024 = YearMonth.of(2024, 3);
  private static final MeasureNotation WH = MeasureNotation.in(Unit.WH);

  @Provide
  Arbitrary<RegisterSeries> marchInZagreb() {
    return MeterArbitraries.registerSeries(ZAGREB, MARCH_2024);
  }

  @Property(tries = 30)
  void a_register_series_covers_its_dst_month_never_decreases_and_may_have_gaps(
      @ForAll("marchInZagreb") RegisterSeries series) {
    Interval month = ZAGREB.month(MARCH_2024);
    assertThat(series.first().at()).isEqualTo(month.start());
    assertThat(series.last().at()).isEqualTo(month.end());
    // 31 × 96 − 4 quarter hours (the 23-hour day) plus the end reading, less the gaps.
    assertThat(series.readings().size() + series.gaps().size()).isEqualTo(31 * 96 - 4 + 1);
    TariffMeasure advance = series.advance();
    assertThat(advance.tariff(Tariff.T1).importValue().phaseSum().orElseThrow().valueMilli())
        .isNotNegative();
    assertThat(series.advance(series.first().at(), series.last().at())).contains(advance);
  }

  @Property(tries = 10)
  void series_of_random_months_and_zones_validate(@ForAll RegisterSeries series) {
    assertThat(series.readings()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void a_register_reset_is_refused_naming_the_reading_and_the_register() {
    Instant start = Instant.parse("2024-03-01T00:00:00Z");
    RegisterReading first = new RegisterReading(start, WH.dual("100", "5", "50", "0"));
    RegisterReading reset =
        new RegisterReading(start.plus(QuarterHours.LENGTH), WH.dual("0", "5", "50", "0"));
    Interval period = Interval.of(start, QuarterHours.LENGTH);

    assertThatThrownBy(() -> new RegisterSeries(ZAGREB, period, List.of(first, reset)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readings[1]")
        .hasMessageContaining("T1 import decreased by 100.000 Wh")
        .hasMessageContaining("a reset is refused");
  }

  @Test
  void a_series_accepts_equal_registers_and_readings_in_order_only() {
    Instant start = Instant.parse("2024-03-01T00:00:00Z");
    Interval period = Interval.of(start, QuarterHours.LENGTH);
    RegisterReading a = new RegisterReading(start, WH.dual("100", "5", "50", "0"));
    RegisterReading b = new RegisterReading(period.end(), WH.dual("100", "5", "50", "0"));

    assertThat(new RegisterSeries(ZAGREB, period, List.of(a, b)).advance())
        .isEqualTo(WH.dual("0", "0", "0", "0"));
    assertThatThrownBy(() -> new RegisterSeries(ZAGREB, period, List.of(b, a)))
        .hasMessageContaining("readings[1]")
        .hasMessageContaining("is not after");
  }

  @Provide
  Arbitrary<LoadCurve> marchCurves() {
    return MeterArbitraries.loadCurves(ZAGREB, MARCH_2024);
  }

  @Property(tries = 10)
  void a_load_curve_has_one_energy_per_quarter_hour_of_its_month(
      @ForAll("marchCurves") LoadCurve curve) {
    assertThat(curve.energies()).hasSize(31 * 96 - 4);
    Interval lastDay = ZAGREB.day(MARCH_2024.atEndOfMonth());
    assertThat(curve.energiesIn(lastDay)).hasSize(92);
  }

  @Property(tries = 50)
  void redeliveries_hold_exactly_the_original_items(
      @ForAll("redeliveries") Redelivery<Integer> redelivery) {
    assertThat(redelivery.delivered()).containsAll(redelivery.original());
    assertThat(redelivery.delivered().subList(0, redelivery.original().size()))
        .isEqualTo(redelivery.original());
  }

  @Provide
  Arbitrary<Redelivery<Integer>> redeliveries() {
    return MeterArbitraries.redeliveries(
        net.jqwik.api.Arbitraries.integers().list().uniqueElements().ofMaxSize(5));
  }
}
