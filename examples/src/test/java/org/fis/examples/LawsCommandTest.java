package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code fis laws} checks the library's laws with the chosen tries and seed and says what. */
class LawsCommandTest {

  @Test
  void laws_run_with_the_chosen_tries_and_seed_and_print_what_was_checked() {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new FisCli());
    command.setOut(new PrintWriter(out));

    int exit = command.execute("laws", "--tries", "25", "--seed", "7");

    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("laws: 11 checked, 25 tries each, seed 7")
        .contains("PASSED  PhaseMeasure.add")
        .contains("operation is associative (25 tries, 25 checked)")
        .contains("MeasureAccumulator sums of load curves: measure is additive over split periods")
        .contains("11 passed, 0 failed")
        .contains("rerun: fis laws --tries 25 --seed 7");
  }

  @Test
  void tries_out_of_range_are_a_usage_error() {
    assertThat(FisCli.execute("laws", "--tries", "0")).isEqualTo(2);
  }
}
