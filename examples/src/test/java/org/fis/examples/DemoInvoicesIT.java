package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fis.billing.calculator.WarningCode;
import org.fis.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's invoices are ones a clerk would send: parties and legal lines on every copy, no
 * warning on any customer's copy, exactly the one injected warning (a meter that missed its tariff
 * switch) on its review page, and no personal id among the journal's account ids.
 */
class DemoInvoicesIT {
  private static TestDatabase database;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @Test
  void the_demo_invoices_can_be_sent_and_only_the_injected_fault_is_warned(@TempDir Path report)
      throws Exception {
    assertThat(
            FisCli.execute(
                "demo",
                "--jdbc-url",
                database.jdbcUrl(),
                "--accounting-points",
                "3",
                "--meters",
                "4",
                "--report",
                report.toString()))
        .isZero();

    String index = Files.readString(report.resolve("index.html"), StandardCharsets.UTF_8);
    Matcher numbers = Pattern.compile("href=\"invoice-([0-9-]+)\\.html\"").matcher(index);
    int invoices = 0;
    int warned = 0;
    while (numbers.find()) {
      String number = numbers.group(1);
      String copy =
          Files.readString(report.resolve("invoice-" + number + ".html"), StandardCharsets.UTF_8);
      String review =
          Files.readString(report.resolve("review-" + number + ".html"), StandardCharsets.UTF_8);
      assertThat(copy)
          .contains("Invoice " + number, "Demo Distribucija d.o.o.", "HR00000000001")
          .contains("Bill to", "Due date", "Payment reference", "HR01 " + number)
          .contains("2026-10-01 \u2013 2026-10-31");
      for (WarningCode code : WarningCode.values()) {
        assertThat(copy).doesNotContain(code.name());
      }
      if (review.contains("TARIFF_REGISTERS_DISAGREE_WITH_CALENDAR")) {
        warned++;
        assertThat(review).contains("meter-0003", "probably missed a tariff switch");
      } else {
        assertThat(review).contains("Warnings (0)");
      }
      // The PDF's text is checked field by field in fis-billing's InvoiceDocumentTest.
      byte[] pdf = Files.readAllBytes(report.resolve("invoice-" + number + ".pdf"));
      assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
      invoices++;
    }
    assertThat(invoices).isEqualTo(3);
    assertThat(warned).isEqualTo(1);

    List<String> accounts =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT account_id FROM fis_ledger.account ORDER BY account_id")
                        .mapTo(String.class)
                        .list());
    List<String> endUsers =
        database
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT end_user_id FROM demo_host.network_user")
                        .mapTo(String.class)
                        .list());
    assertThat(endUsers).hasSize(3);
    for (String endUser : endUsers) {
      assertThat(accounts).noneMatch(a -> a.contains(endUser));
    }
    assertThat(accounts)
        .filteredOn(a -> a.startsWith("receivable:"))
        .hasSize(3)
        .allMatch(a -> a.matches("receivable:nu-[0-9a-f]{32}"));
  }
}
