package org.fis.measure.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.fis.measure.MeasureNotation;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Unit;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;
import org.junit.jupiter.api.Test;

/** The law assertions pass on lawful operations and name the law and the operands otherwise. */
class LawsTest {
  private static final MeasureNotation WH = MeasureNotation.in(Unit.WH);

  @Test
  void lawful_addition_passes_every_law() {
    PhaseMeasure a = WH.phase("1 2 3");
    PhaseMeasure b = WH.phase("6");
    PhaseMeasure c = WH.phase("10 | 1 2 7");
    assertThatCode(
            () -> {
              Laws.assertAssociative(PhaseMeasure::add, a, b, c);
              Laws.assertCommutative(PhaseMeasure::add, a, b);
              Laws.assertIdentity(PhaseMeasure::add, x -> x.multiply(0), c);
              Laws.assertIdempotentRedelivery(
                  PhaseMeasure::composite, new Redelivery<>(List.of(a, b), List.of(a, b, a)));
            })
        .doesNotThrowAnyException();
  }

  @Test
  void subtraction_is_not_commutative_and_the_message_names_both_sides() {
    assertThatThrownBy(
            () -> Laws.assertCommutative(PhaseMeasure::subtract, WH.phase("1"), WH.phase("2")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("commutativity: a ∘ b = Total[kind=ACTIVE_ENERGY, valueMilli=-1000]")
        .hasMessageContaining("a = Total[kind=ACTIVE_ENERGY, valueMilli=1000]");
  }

  @Test
  void subtraction_is_not_associative_and_has_no_left_identity() {
    assertThatThrownBy(
            () ->
                Laws.assertAssociative(
                    PhaseMeasure::subtract, WH.phase("1"), WH.phase("2"), WH.phase("3")))
        .hasMessageContaining("associativity");
    assertThatThrownBy(
            () -> Laws.assertIdentity(PhaseMeasure::subtract, x -> x.multiply(0), WH.phase("1")))
        .hasMessageContaining("identity");
  }

  @Test
  void a_consumer_that_counts_twice_fails_redelivery() {
    PhaseMeasure a = WH.phase("1");
    assertThatThrownBy(
            () ->
                Laws.assertIdempotentRedelivery(
                    (List<PhaseMeasure> items) ->
                        items.stream().reduce(PhaseMeasure::add).orElseThrow(),
                    new Redelivery<>(List.of(a), List.of(a, a))))
        .hasMessageContaining("idempotent re-delivery");
  }

  @Test
  void additivity_over_split_periods_compares_the_whole_with_its_parts() {
    Instant start = Instant.parse("2024-10-27T00:00:00Z");
    Interval day = Interval.of(start, QuarterHours.LENGTH.multipliedBy(8));
    TimeArbitraries.SplitPeriod split =
        new TimeArbitraries.SplitPeriod(day, start.plus(QuarterHours.LENGTH.multipliedBy(3)));
    assertThatCode(
            () ->
                Laws.assertAdditiveOverSplit(
                    (Interval part) -> QuarterHours.count(part), Long::sum, split))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                Laws.assertAdditiveOverSplit(
                    (Interval part) -> QuarterHours.count(part) + 1, Long::sum, split))
        .hasMessageContaining("additivity over split periods");
    assertThatThrownBy(() -> new TimeArbitraries.SplitPeriod(day, start))
        .hasMessageContaining("not strictly inside");
  }
}
