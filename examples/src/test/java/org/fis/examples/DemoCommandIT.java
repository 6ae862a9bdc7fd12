package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandIT {
  @Test
  void the_demo_runs_end_to_end_on_an_embedded_postgresql_and_exits_zero() {
    assertThat(FisCli.execute("demo")).isZero();
  }

  @Test
  void an_unreachable_database_is_a_clear_failure_with_exit_code_1() {
    assertThat(FisCli.execute("migrate", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/fis?user=x"))
        .isEqualTo(1);
  }
}
