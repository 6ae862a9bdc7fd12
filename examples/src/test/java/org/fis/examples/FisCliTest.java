package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FisCliTest {
  /** What one run printed and returned. */
  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = FisCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exitCode, out.toString(), err.toString());
  }

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

  @Test
  void bare_fis_prints_the_usage_to_stderr_and_exits_2() {
    Run run = run();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing command").contains("Usage: fis").contains("demo");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void bare_fis_ledger_is_a_usage_error_too() {
    Run run = run("ledger");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing command").contains("balance");
  }

  @Test
  void migrate_without_jdbc_url_refuses_and_names_both_ways_out() {
    Run run = run("migrate");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing --jdbc-url").contains("--embedded");
    assertThat(run.out()).doesNotContain("Migrating");
  }

  @Test
  void migrate_with_both_jdbc_url_and_embedded_is_a_usage_error() {
    Run run = run("migrate", "--embedded", "--jdbc-url", "jdbc:postgresql://localhost/x");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("exclude each other");
  }

  @Test
  void a_month_13_names_the_option_and_the_expected_format_without_a_java_exception() {
    Run run = run("demo", "--month", "2026-13");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--month")
        .contains("'2026-13' is not a month")
        .contains("yyyy-MM")
        .doesNotContain("Exception");
  }

  @Test
  void a_valid_month_is_accepted_by_the_converter() {
    assertThat(FisCli.yearMonth("2026-02")).hasToString("2026-02");
  }

  @Test
  void an_unknown_zone_names_the_option_without_a_java_exception() {
    Run run = run("demo", "--zone", "Mars/Olympus");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--zone")
        .contains("not a time zone")
        .doesNotContain("Exception");
  }

  @Test
  void every_command_summary_in_help_is_a_whole_sentence_on_its_line() {
    Run help = run("--help");
    assertThat(help.exitCode()).isZero();
    List<CommandLine> commands = new ArrayList<>(FisCli.commandLine().getSubcommands().values());
    commands.addAll(FisCli.commandLine().getSubcommands().get("ledger").getSubcommands().values());
    for (CommandLine command : commands) {
      String summary = command.getCommandSpec().usageMessage().description()[0];
      assertThat(summary).as(command.getCommandName()).endsWith(".");
      String parentHelp =
          command.getParent() == null || command.getParent().getCommandName().equals("fis")
              ? help.out()
              : run(command.getParent().getCommandName(), "--help").out();
      assertThat(parentHelp.replaceAll("\\s+", " "))
          .as(command.getCommandName())
          .contains(command.getCommandName() + " " + summary);
    }
  }
}
