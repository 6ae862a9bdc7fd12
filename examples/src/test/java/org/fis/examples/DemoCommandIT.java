package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandIT {
  @Test
  void the_demo_runs_end_to_end_and_its_checks_and_report_hold(@TempDir Path report)
      throws Exception {
    int exit =
        FisCli.execute(
            "demo", "--accounting-points", "3", "--meters", "4", "--report", report.toString());
    assertThat(exit).isZero();

    String index = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
    // Every check the demo ran passed: trial balance zero, invoices equal receivables, every
    // accounting point synced, aggregates equal the raw data, async balances caught up.
    assertThat(index).contains("the trial balance is zero", "invoice totals equal the ledger");
    assertThat(count(index, "class=\"ok\">passed")).isEqualTo(7);
    assertThat(index).doesNotContain("FAILED");
    // One invoice per network user (3 accounting points, one user each), each with its own page.
    Matcher links = Pattern.compile("href=\"(invoice-[^\"]+\\.html)\"").matcher(index);
    int invoices = 0;
    while (links.find()) {
      String page = Files.readString(report.resolve(links.group(1)), StandardCharsets.UTF_8);
      assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg");
      invoices++;
    }
    assertThat(invoices).isEqualTo(3);
    assertThat(index).contains("<svg id=\"consumption\"").contains("<rect");
  }

  @Test
  void bad_demo_sizes_are_usage_errors_naming_the_option() {
    assertThat(FisCli.execute("demo", "--meters", "0")).isEqualTo(2);
    assertThat(FisCli.execute("demo", "--month", "October")).isEqualTo(2);
  }

  @Test
  void an_unreachable_database_is_a_clear_failure_with_exit_code_1() {
    assertThat(FisCli.execute("migrate", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/fis?user=x"))
        .isEqualTo(1);
  }

  private static int count(String text, String needle) {
    int count = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      count++;
    }
    return count;
  }
}
