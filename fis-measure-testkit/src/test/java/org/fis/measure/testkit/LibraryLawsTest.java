package org.fis.measure.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.fis.measure.testkit.library.LibraryLaws;
import org.junit.jupiter.api.Test;

/** The library's own law suites pass through the runner, with the tries and seed asked for. */
class LibraryLawsTest {

  @Test
  void every_library_law_holds_and_the_report_says_what_was_checked() {
    LawRunReport report = LawRunner.run(LibraryLaws.CONTAINERS, 100, 17L);

    assertThat(report.results()).hasSize(11);
    assertThat(report.passed()).as(report.describe()).isTrue();
    assertThat(report.results())
        .allSatisfy(
            result -> {
              assertThat(result.tries()).isEqualTo(100);
              assertThat(result.seed()).isEqualTo("17");
            });
    assertThat(report.describe())
        .contains("TariffMeasure.add (every part available): operation is associative")
        .contains("MeasureAccumulator sums of load curves: measure is additive over split periods")
        .contains("TariffMeasure.composite of re-delivered alternatives: redelivery is idempotent")
        .endsWith("11 passed, 0 failed");
  }

  @Test
  void the_same_seed_checks_the_same_cases() {
    LawRunReport first = LawRunner.run(java.util.List.of(BrokenLaws.Commutativity.class), 50, 5L);
    LawRunReport second = LawRunner.run(java.util.List.of(BrokenLaws.Commutativity.class), 50, 5L);

    assertThat(first.results().get(0).shrunkSample())
        .isPresent()
        .isEqualTo(second.results().get(0).shrunkSample());
  }

  @Test
  void tries_out_of_range_are_rejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LawRunner.run(LibraryLaws.CONTAINERS, 0, 1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tries: must be 1..");
  }
}
