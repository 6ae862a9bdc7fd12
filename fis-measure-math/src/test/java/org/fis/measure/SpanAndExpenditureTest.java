package org.fis.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fis.measure.Measures.threeWh;
import static org.fis.measure.Measures.totalWh;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.fis.measure.time.Interval;
import org.junit.jupiter.api.Test;

class SpanAndExpenditureTest {
  private static final Interval QUARTER =
      Interval.of(Instant.parse("2024-03-01T10:00:00Z"), Duration.ofMinutes(15));

  private static TariffMeasure energy(long wh) {
    return TariffMeasure.single(DirectionMeasure.importExport(totalWh(wh), totalWh(0)));
  }

  private static TariffMeasure money(String amount) {
    return TariffMeasure.single(
        DirectionMeasure.net(PhaseMeasure.total(Quantity.of(amount, Unit.MONEY))));
  }

  @Test
  void a_cumulative_span_gives_first_last_difference_and_mean_power() {
    SpanMeasure register = new SpanMeasure.Cumulative(QUARTER, energy(10_000), energy(12_500));
    assertThat(register.minimum()).isEqualTo(energy(10_000));
    assertThat(register.maximum()).isEqualTo(energy(12_500));
    assertThat(register.difference()).isEqualTo(energy(2_500));
    TariffMeasure power = register.differencePerDuration(RoundingMode.HALF_EVEN);
    assertThat(power.kind()).isEqualTo(MeasureKind.ACTIVE_POWER);
    assertThat(power.total().importValue().phaseSum()).contains(Quantity.of(10, Unit.KW));
  }

  @Test
  void a_cumulative_span_has_no_average_or_peak() {
    SpanMeasure register = new SpanMeasure.Cumulative(QUARTER, energy(1), energy(2));
    assertThatThrownBy(register::average)
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("average: not derivable from a Cumulative span");
    assertThatThrownBy(register::peak).isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void min_max_average_and_peak_spans_answer_what_they_hold() {
    SpanMeasure minMax = new SpanMeasure.MinMax(QUARTER, energy(1), energy(5));
    assertThat(minMax.difference()).isEqualTo(energy(4));
    assertThat(minMax.peak()).isEqualTo(energy(5));
    assertThatThrownBy(minMax::average).isInstanceOf(MeasureMismatchException.class);
    SpanMeasure average = new SpanMeasure.Average(QUARTER, energy(3));
    assertThat(average.average()).isEqualTo(energy(3));
    assertThatThrownBy(average::minimum).isInstanceOf(MeasureMismatchException.class);
    assertThatThrownBy(average::maximum).isInstanceOf(MeasureMismatchException.class);
    assertThatThrownBy(average::peak).isInstanceOf(MeasureMismatchException.class);
    SpanMeasure peak = new SpanMeasure.Peak(QUARTER, energy(9));
    assertThat(peak.peak()).isEqualTo(energy(9));
    assertThatThrownBy(peak::difference).isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void instantaneous_spans_give_all_statistics_and_check_their_times() {
    Instant inside = QUARTER.start().plusSeconds(60);
    SpanMeasure statistics =
        new SpanMeasure.Instantaneous(QUARTER, energy(3), energy(1), inside, energy(7), inside);
    assertThat(statistics.average()).isEqualTo(energy(3));
    assertThat(statistics.peak()).isEqualTo(energy(7));
    assertThat(statistics.minimum()).isEqualTo(energy(1));
    assertThat(statistics.difference()).isEqualTo(energy(6));
    assertThatThrownBy(
            () ->
                new SpanMeasure.Instantaneous(
                    QUARTER, energy(3), energy(1), QUARTER.end(), energy(7), inside))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minimumAt:");
  }

  @Test
  void a_not_available_span_answers_not_available_and_an_empty_span_has_no_mean() {
    SpanMeasure missing = new SpanMeasure.NotAvailable(QUARTER, MeasureKind.ACTIVE_ENERGY);
    assertThat(missing.peak().isAvailable()).isFalse();
    assertThat(missing.average().isAvailable()).isFalse();
    assertThat(missing.difference().isAvailable()).isFalse();
    assertThat(missing.differencePerDuration(RoundingMode.HALF_EVEN).kind())
        .isEqualTo(MeasureKind.ACTIVE_POWER);
    SpanMeasure empty =
        new SpanMeasure.MinMax(
            new Interval(QUARTER.start(), QUARTER.start()), energy(1), energy(2));
    assertThatThrownBy(() -> empty.differencePerDuration(RoundingMode.HALF_EVEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interval: empty");
  }

  @Test
  void difference_per_duration_of_a_power_span_is_a_mismatch() {
    TariffMeasure kw =
        TariffMeasure.single(DirectionMeasure.net(PhaseMeasure.total(Quantity.of(1, Unit.KW))));
    SpanMeasure power = new SpanMeasure.MinMax(QUARTER, kw, kw);
    assertThatThrownBy(() -> power.differencePerDuration(RoundingMode.HALF_EVEN))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("not an energy");
    assertThatThrownBy(() -> new SpanMeasure.MinMax(QUARTER, kw, energy(1)))
        .isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void per_duration_maps_every_layer_and_composite_member() {
    PhaseMeasure energy = PhaseMeasure.composite(threeWh(250, 500, 750), totalWh(1500));
    PhaseMeasure power = energy.perDuration(Duration.ofMinutes(15), RoundingMode.HALF_EVEN);
    assertThat(power.phaseSum()).contains(Quantity.of(6, Unit.KW));
    assertThat(power.phasePeak()).contains(Quantity.of(3, Unit.KW));
    assertThat(
            PhaseMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY)
                .perDuration(Duration.ofHours(1), RoundingMode.HALF_EVEN))
        .isEqualTo(PhaseMeasure.notAvailable(MeasureKind.ACTIVE_POWER));
    assertThat(
            DirectionMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY)
                .perDuration(Duration.ofHours(1), RoundingMode.HALF_EVEN))
        .isEqualTo(DirectionMeasure.notAvailable(MeasureKind.ACTIVE_POWER));
    assertThatThrownBy(
            () ->
                DirectionMeasure.net(PhaseMeasure.total(Quantity.of(1, Unit.V)))
                    .perDuration(Duration.ofHours(1), RoundingMode.HALF_EVEN))
        .isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void expenditure_usage_supply_and_sum() {
    ExpenditureMeasure both = new ExpenditureMeasure.UsageAndSupply(money("10.5"), money("20"));
    assertThat(both.usage()).isEqualTo(money("10.5"));
    assertThat(both.supply()).isEqualTo(money("20"));
    assertThat(both.sum()).isEqualTo(money("30.5"));
    ExpenditureMeasure usage = new ExpenditureMeasure.Usage(money("1"));
    assertThat(usage.sum()).isEqualTo(money("1"));
    assertThat(usage.supply().isAvailable()).isFalse();
    ExpenditureMeasure supply = new ExpenditureMeasure.Supply(money("2"));
    assertThat(supply.sum()).isEqualTo(money("2"));
    assertThat(supply.usage().isAvailable()).isFalse();
  }

  @Test
  void expenditures_add_by_shared_part_and_reject_usage_plus_supply() {
    ExpenditureMeasure both = new ExpenditureMeasure.UsageAndSupply(money("1"), money("2"));
    assertThat(both.add(both))
        .isEqualTo(new ExpenditureMeasure.UsageAndSupply(money("2"), money("4")));
    assertThat(both.add(new ExpenditureMeasure.Usage(money("5"))))
        .isEqualTo(new ExpenditureMeasure.Usage(money("6")));
    assertThat(new ExpenditureMeasure.Supply(money("1")).add(both))
        .isEqualTo(new ExpenditureMeasure.Supply(money("3")));
    assertThat(both.add(new ExpenditureMeasure.NotAvailable()))
        .isEqualTo(new ExpenditureMeasure.NotAvailable());
    assertThatThrownBy(
            () ->
                new ExpenditureMeasure.Usage(money("1"))
                    .add(new ExpenditureMeasure.Supply(money("1"))))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("share no cost part");
  }

  @Test
  void expenditure_scalars_and_money_only() {
    ExpenditureMeasure both = new ExpenditureMeasure.UsageAndSupply(money("1"), money("2"));
    assertThat(both.multiply(3).divide(3, RoundingMode.UNNECESSARY)).isEqualTo(both);
    assertThat(both.negate().sum()).isEqualTo(money("-3"));
    assertThat(new ExpenditureMeasure.NotAvailable().multiply(2).sum().isAvailable()).isFalse();
    assertThatThrownBy(() -> new ExpenditureMeasure.Usage(energy(1)))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("usage: must be MONEY");
  }
}
