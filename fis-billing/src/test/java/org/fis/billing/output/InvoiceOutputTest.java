package org.fis.billing.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.Fixtures;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.RegisterReading;
import org.fis.billing.calculator.TariffModel;
import org.fis.billing.issuing.DocumentKind;
import org.fis.billing.issuing.IssuedInvoice;
import org.junit.jupiter.api.Test;

class InvoiceOutputTest {
  private static final Instant JAN_1 = Fixtures.localDate("2026-01-01");
  private static final Instant FEB_1 = Fixtures.localDate("2026-02-01");

  private final Invoice invoice =
      InvoiceCalculator.create(CalculatorConfig.defaults())
          .calculate(
              new InvoiceRequest(
                  "user <script>",
                  Fixtures.JANUARY,
                  List.of(
                      Fixtures.meter(
                          "m1",
                          TariffModel.DUAL_TARIFF_POWER_LV,
                          List.of(
                              RegisterReading.dual(JAN_1, 0, 0, 0, 0),
                              RegisterReading.dual(FEB_1, 1_736_000, 1_240_000, 0, 0)),
                          Fixtures.quarters(Fixtures.JANUARY, i -> 1_000 + i % 7)),
                      Fixtures.meter("m2", TariffModel.SINGLE_TARIFF_LV, List.of(), List.of()))));

  private final IssuedInvoice issued =
      new IssuedInvoice(
          new UUID(1, 2),
          "dso",
          "2026-000042",
          2026,
          42,
          DocumentKind.INVOICE,
          0,
          null,
          null,
          Instant.parse("2026-02-01T08:00:00Z"),
          invoice);

  @Test
  void an_invoice_round_trips_through_json_exactly() {
    String json = InvoiceJson.write(invoice);

    assertThat(InvoiceJson.readInvoice(json)).isEqualTo(invoice);
    assertThat(json).contains("\"grossTotal\":" + invoice.grossTotal().toPlainString());
    assertThat(json).contains("\"start\":\"2025-12-31T23:00:00Z\"").doesNotContain("\"empty\"");
  }

  @Test
  void an_issued_invoice_round_trips_through_json_exactly() {
    assertThat(InvoiceJson.readIssued(InvoiceJson.write(issued))).isEqualTo(issued);
  }

  @Test
  void json_that_is_not_an_invoice_is_rejected() {
    assertThatThrownBy(() -> InvoiceJson.readInvoice("{\"networkUserId\": 1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("json: not an invoice");
  }

  @Test
  void the_html_document_is_self_contained_and_shows_items_totals_vat_warnings_and_a_chart() {
    String html = InvoiceHtml.render(issued, Fixtures.ZAGREB);

    assertThat(html).startsWith("<!DOCTYPE html>").contains("Invoice 2026-000042");
    assertThat(html).contains("Peak power, high tariff", "Meter fee", "2026-01-01 – 2026-02-01");
    assertThat(html).contains(invoice.grossTotal().toPlainString(), "VAT 25 % on", "VAT 13 % on");
    assertThat(html).contains("NO_USAGE_DATA");
    assertThat(html).contains("<svg", "<rect").contains("2026-01-31");
    assertThat(html)
        .doesNotContain("<script", "http://", "https://", "src=", "href=")
        .contains("user &lt;script&gt;");
  }

  @Test
  void a_credit_note_is_titled_as_such_and_names_the_credited_invoice() {
    IssuedInvoice note =
        new IssuedInvoice(
            new UUID(1, 3),
            "dso",
            "2026-000043",
            2026,
            43,
            DocumentKind.CREDIT_NOTE,
            0,
            issued.invoiceId(),
            "wrong meter",
            Instant.parse("2026-02-02T08:00:00Z"),
            invoice);

    assertThat(InvoiceHtml.render(note, Fixtures.ZAGREB))
        .contains("Credit note 2026-000043", issued.invoiceId().toString(), "wrong meter");
  }

  @Test
  void a_draft_is_marked_as_not_issued() {
    assertThat(InvoiceHtml.renderDraft(invoice, Fixtures.ZAGREB))
        .contains("Draft invoice (not issued)");
  }

  @Test
  void the_chart_of_an_invoice_without_quarter_hours_says_so() {
    assertThat(InvoiceHtml.consumptionChart(List.of())).contains("No quarter-hour data");
  }
}
