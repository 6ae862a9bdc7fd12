package org.fis.billing.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fis.billing.calculator.CalculatorConfig;
import org.fis.billing.calculator.Fixtures;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.InvoiceCalculator;
import org.fis.billing.calculator.InvoiceRequest;
import org.fis.billing.calculator.ItemKind;
import org.fis.billing.calculator.RegisterReading;
import org.fis.billing.calculator.TariffModel;
import org.fis.billing.calculator.WarningCode;
import org.fis.billing.document.InvoiceDocument;
import org.fis.billing.document.IssuerProfile;
import org.fis.billing.document.Party;
import org.fis.billing.issuing.DocumentKind;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.issuing.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * Renders the customer's copy as HTML and PDF and the clerk's review page, and checks that the
 * documents carry what an invoice must print. The rendered files are kept under {@code
 * target/invoice-documents/} for a look with a browser and a PDF viewer.
 */
class InvoiceDocumentTest {
  private static final Instant JAN_1 = Fixtures.localDate("2026-01-01");
  private static final Instant FEB_1 = Fixtures.localDate("2026-02-01");

  static final Party ISSUER =
      new Party(
          "Elektra Distribucija d.o.o.",
          "Ulica grada Vukovara 37",
          "10000",
          "Zagreb",
          "Croatia",
          "HR12345678901");
  static final Party CUSTOMER =
      new Party("Kava Bar Jelena", "Ilica 12", "10000", "Zagreb", "Croatia", "");
  static final IssuerProfile PROFILE =
      IssuerProfile.of(ISSUER, "HR1210010051863000160", Fixtures.ZAGREB)
          .withReferencePrefix("HR01");

  /**
   * Quarter hours of 700 to 1,555 Wh; the registers are their calendar split, as a meter that
   * follows the tariff calendar registers them (so the invoice carries no warning).
   */
  private static final List<org.fis.billing.calculator.QuarterHourUsage> QUARTERS =
      Fixtures.quarters(Fixtures.JANUARY, i -> 700 + (i % 96) * 9);

  private final Invoice invoice =
      InvoiceCalculator.create(CalculatorConfig.defaults())
          .calculate(
              new InvoiceRequest(
                  "nu-000017",
                  Fixtures.JANUARY,
                  List.of(
                      Fixtures.meter(
                          "m1",
                          TariffModel.DUAL_TARIFF_POWER_LV,
                          Fixtures.usageCatalogue("usage-1", Fixtures.EPOCH_2020, null, "0.041"),
                          Fixtures.supplyCatalogue("supply-1", Fixtures.EPOCH_2020, null, "0.105"),
                          List.of(
                              RegisterReading.dual(JAN_1, 10_000_000, 6_000_000, 4_000_000, 0),
                              RegisterReading.dual(
                                  FEB_1,
                                  10_000_000 + highWh(QUARTERS),
                                  6_000_000 + lowWh(QUARTERS),
                                  4_495_667,
                                  0)),
                          QUARTERS))));

  private static long highWh(List<org.fis.billing.calculator.QuarterHourUsage> quarters) {
    org.fis.billing.calculator.TariffCalendar calendar =
        org.fis.billing.calculator.TariffCalendar.defaults();
    return quarters.stream()
        .filter(q -> calendar.isHigh(q.start()))
        .mapToLong(q -> q.activeImport().valueMilli() / 1000)
        .sum();
  }

  private static long lowWh(List<org.fis.billing.calculator.QuarterHourUsage> quarters) {
    long total = quarters.stream().mapToLong(q -> q.activeImport().valueMilli() / 1000).sum();
    return total - highWh(quarters);
  }

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

  private final InvoiceDocument document =
      InvoiceDocument.of(
          issued, List.of(new Snapshot("network-user", "nu-000017", CUSTOMER.toJson())), PROFILE);

  @Test
  void the_document_takes_the_network_user_from_the_archived_snapshot_and_computes_its_dates() {
    assertThat(document.networkUser()).isEqualTo(CUSTOMER);
    assertThat(document.issueDate()).hasToString("2026-02-01");
    assertThat(document.dueDate()).hasToString("2026-02-16");
    assertThat(document.periodFirstDay()).hasToString("2026-01-01");
    assertThat(document.periodLastDay()).hasToString("2026-01-31");
    assertThat(document.paymentReference()).isEqualTo("HR01 2026-000042");
  }

  @Test
  void a_document_without_a_network_user_snapshot_is_refused_with_the_reason() {
    assertThatThrownBy(() -> InvoiceDocument.of(issued, List.of(), PROFILE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no 'network-user' snapshot");
    assertThatThrownBy(
            () ->
                InvoiceDocument.of(
                    issued,
                    List.of(new Snapshot("network-user", "nu", "{\"name\":\"Kava\"}")),
                    PROFILE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("street: must not be blank");
  }

  @Test
  void an_issuer_without_a_vat_number_cannot_issue_documents() {
    Party noVat = new Party("X", "Street 1", "10000", "Zagreb", "", "");
    assertThatThrownBy(() -> IssuerProfile.of(noVat, "HR12", Fixtures.ZAGREB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("issuer.vatNumber");
  }

  @Test
  void the_customer_copy_prints_parties_legal_lines_readings_and_money_at_currency_scale()
      throws IOException {
    String html = InvoiceDocumentHtml.render(document);
    keep("invoice-2026-000042.html", html.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(html).startsWith("<!DOCTYPE html>");
    assertThat(html)
        .contains("Elektra Distribucija d.o.o.", "HR12345678901", "HR1210010051863000160")
        .contains("Kava Bar Jelena", "Ilica 12", "10000 Zagreb")
        .contains("Invoice 2026-000042", "2026-02-01", "2026-02-16", "HR01 2026-000042")
        .contains("2026-01-01 \u2013 2026-01-31")
        .doesNotContain("2026-02-01 \u2013", "\u2013 2026-02-01");
    assertThat(html).contains(DocumentFormat.money(invoice.grossTotal(), "EUR"));
    assertThat(html).containsPattern("[0-9],[0-9]{3}\\.[0-9]{2}\u00a0EUR");
    assertThat(html).doesNotContainPattern("[0-9]\\.[0-9]{3,}\u00a0EUR<");
    // Boundary readings as billed (kWh, 2 decimals) and the peak before and after rounding.
    assertThat(html).contains("10,000.00\u00a0kWh", "6,000.00\u00a0kWh", "16,000.00\u00a0kWh");
    assertThat(invoice.warnings()).isEmpty();
    assertThat(html).contains("Peak power (high tariff)", "kW measured");
    assertThat(html).contains("Daily consumption", "kWh per day", "Day of month");
    for (WarningCode code : WarningCode.values()) {
      assertThat(html).doesNotContain(code.name());
    }
    assertThat(html).doesNotContain("<script", "<link", "url(", "https://", "src=");
  }

  @Test
  void the_pdf_carries_the_required_fields_as_text() throws IOException {
    byte[] pdf = InvoicePdf.render(document);
    keep("invoice-2026-000042.pdf", pdf);

    assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    String text;
    try (PDDocument loaded = Loader.loadPDF(pdf)) {
      assertThat(loaded.getNumberOfPages()).isBetween(1, 3);
      text = new PDFTextStripper().getText(loaded);
    }
    String flat = text.replace('\u00a0', ' ').replaceAll("\\s+", " ");
    assertThat(flat)
        .contains("Invoice 2026-000042")
        .contains("Elektra Distribucija d.o.o.", "Ulica grada Vukovara 37", "HR12345678901")
        .contains("Kava Bar Jelena", "Ilica 12", "10000 Zagreb")
        .contains("Issue date 2026-02-01", "Due date 2026-02-16")
        .contains("Payment reference HR01 2026-000042", "Currency EUR")
        .contains("2026-01-01 \u2013 2026-01-31")
        .contains(
            "Amount due "
                + DocumentFormat.money(invoice.grossTotal(), "EUR").replace('\u00a0', ' '))
        .contains("kWh", "kW")
        .contains("Day of month");
    for (WarningCode code : WarningCode.values()) {
      assertThat(flat).doesNotContain(code.name());
    }
  }

  @Test
  void the_review_page_words_warnings_for_a_clerk_and_marks_the_blocking_ones() throws IOException {
    Invoice withWarning =
        InvoiceCalculator.create(CalculatorConfig.defaults())
            .calculate(
                new InvoiceRequest(
                    "nu-000018",
                    Fixtures.JANUARY,
                    List.of(
                        Fixtures.meter("m9", TariffModel.DUAL_TARIFF_LV, List.of(), List.of()))));
    IssuedInvoice other =
        new IssuedInvoice(
            new UUID(1, 3),
            "dso",
            "2026-000043",
            2026,
            43,
            DocumentKind.INVOICE,
            0,
            null,
            null,
            Instant.parse("2026-02-01T08:00:00Z"),
            withWarning);
    InvoiceDocument doc =
        InvoiceDocument.of(
            other, List.of(new Snapshot("network-user", "nu-000018", CUSTOMER.toJson())), PROFILE);

    String review = InvoiceReviewHtml.render(doc, Set.of(WarningCode.NO_USAGE_DATA));
    keep("review-2026-000043.html", review.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String customer = InvoiceDocumentHtml.render(doc);

    assertThat(review)
        .contains("Internal review page: not for the customer")
        .contains("Blocks sending.", "There is no meter data for part of the period")
        .contains("What to do:", "NO_USAGE_DATA");
    assertThat(customer).doesNotContain("NO_USAGE_DATA", "What to do", "no meter data");
    assertThat(withWarning.warnings()).isNotEmpty();
    assertThat(
            withWarning.calculations().get(0).items().stream()
                .filter(i -> i.kind() == ItemKind.USAGE_ACTIVE_ENERGY_HIGH))
        .isNotEmpty();
  }

  @Test
  void a_review_page_without_warnings_says_the_invoice_can_be_sent() {
    assertThat(InvoiceReviewHtml.render(document, Set.of()))
        .contains("Warnings (0)", "can be sent as it is");
  }

  private static void keep(String name, byte[] content) throws IOException {
    Path directory = Path.of("target", "invoice-documents");
    Files.createDirectories(directory);
    Files.write(directory.resolve(name), content);
  }
}
