package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FisCliTest {
  @Test
  void help_lists_the_commands_and_exits_zero() {
    assertThat(FisCli.execute("--help")).isZero();
  }

  @Test
  void an_unknown_command_is_a_usage_error_with_exit_code_2() {
    assertThat(FisCli.execute("no-such-command")).isEqualTo(2);
  }

  @Test
  void an_unknown_option_is_a_usage_error_with_exit_code_2() {
    assertThat(FisCli.execute("demo", "--no-such-option")).isEqualTo(2);
  }

  @Test
  void an_unknown_benchmark_area_is_a_usage_error_with_exit_code_2() {
    assertThat(FisCli.execute("bench", "nothing")).isEqualTo(2);
  }

  @Test
  void a_jdbc_url_that_is_not_postgresql_is_a_failure_not_a_stack_trace() {
    assertThat(FisCli.execute("migrate", "--jdbc-url", "jdbc:mysql://x/y")).isEqualTo(1);
  }
}
