package org.fis.measure.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.TariffMeasure;
import org.junit.jupiter.api.Test;

/** A broken operation fails its law, and jqwik's shrinking reports the smallest failing case. */
class ShrinkingTest {

  @Test
  void a_non_commutative_add_fails_and_shrinks_to_two_totals_of_at_most_one_thousandth() {
    LawResult result = single(LawRunner.run(List.of(BrokenLaws.Commutativity.class), 200, 42L));

    assertThat(result.status()).isEqualTo(LawResult.Status.FAILED);
    assertThat(result.failure()).hasValueSatisfying(m -> assertThat(m).contains("commutativity"));
    List<Object> sample = result.shrunkSample().orElseThrow();
    assertThat(sample).hasSize(2);
    assertThat(sample)
        .allSatisfy(
            value -> {
              assertThat(value).isInstanceOf(PhaseMeasure.Total.class);
              assertThat(Math.abs(((PhaseMeasure.Total) value).valueMilli()))
                  .isLessThanOrEqualTo(1);
            });
    assertThat(sample.get(0)).isNotEqualTo(sample.get(1));
  }

  @Test
  void a_consumer_that_counts_redelivered_readings_fails_on_a_single_reading_delivered_twice() {
    LawResult result = single(LawRunner.run(List.of(BrokenLaws.Redelivery.class), 200, 42L));

    assertThat(result.status()).isEqualTo(LawResult.Status.FAILED);
    Redelivery<?> smallest = (Redelivery<?>) result.shrunkSample().orElseThrow().get(0);
    assertThat(smallest.original()).hasSize(1);
    assertThat(smallest.delivered()).hasSize(2);
    TariffMeasure reading = (TariffMeasure) smallest.original().get(0);
    long gross = reading.total().sum().phaseSum().orElseThrow().valueMilli();
    assertThat(Math.abs(gross)).as("one thousandth in one register").isEqualTo(1);
  }

  @Test
  void a_correct_operation_passes_the_same_law() {
    LawRunReport report = LawRunner.run(List.of(HostOperations.class), 200, 42L);

    assertThat(report.passed()).as(report.describe()).isTrue();
  }

  private static LawResult single(LawRunReport report) {
    assertThat(report.results()).as(report.describe()).hasSize(1);
    return report.results().get(0);
  }
}
