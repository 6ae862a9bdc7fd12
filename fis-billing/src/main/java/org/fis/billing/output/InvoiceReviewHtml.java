package org.fis.billing.output;

import static org.fis.billing.output.DocumentFormat.escape;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.fis.billing.calculator.Calculation;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.Warning;
import org.fis.billing.calculator.WarningCode;
import org.fis.billing.document.InvoiceDocument;

/**
 * The billing clerk's internal review page of an invoice: every warning of every calculation,
 * worded for a clerk (what happened, what to do, and the technical detail for metering), marked
 * when the host's policy holds such invoices back, followed by the customer's copy exactly as it
 * will be sent. Also renders the review page of a draft that the issuer held back (no number yet).
 * Never send this page to a customer.
 *
 * <p>Stateless and thread-safe.
 */
public final class InvoiceReviewHtml {
  private InvoiceReviewHtml() {}

  /**
   * The review page of an issued invoice.
   *
   * @param document the invoice document
   * @param blocking the warning codes the host's policy marks blocking (highlighted)
   * @return XHTML
   */
  public static String render(InvoiceDocument document, Set<WarningCode> blocking) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(blocking, "blocking");
    StringBuilder html = new StringBuilder(40_000);
    DocumentSections.open(html, "Review: " + InvoiceDocumentHtml.title(document));
    html.append("<div class=\"review\"><strong>Internal review page: not for the customer.")
        .append("</strong> The customer's copy below carries no warnings.</div>");
    warnings(html, document.issued().invoice(), blocking);
    html.append("<h2>Customer's copy</h2><div style=\"border:0.3mm solid #9aa5b1;padding:4mm\">");
    InvoiceDocumentHtml.body(html, document, true);
    html.append("</div>");
    DocumentSections.close(html);
    return html.toString();
  }

  /**
   * The review page of a draft the issuer held back: nothing was issued or numbered.
   *
   * @param draft the calculated invoice
   * @param blocking the warnings that held it back
   * @param zone the zone of the printed dates
   * @return XHTML
   */
  public static String renderHeld(Invoice draft, List<Warning> blocking, ZoneId zone) {
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(blocking, "blocking");
    Objects.requireNonNull(zone, "zone");
    StringBuilder html = new StringBuilder(40_000);
    DocumentSections.open(html, "Held back: draft for " + draft.networkUserId());
    html.append("<div class=\"review\"><strong>Held back, not issued.</strong> The invoice of ")
        .append(escape(draft.networkUserId()))
        .append(" for ")
        .append(DocumentFormat.period(draft.period().start(), draft.period().end(), zone))
        .append(" has a warning that your billing policy does not allow on a sent invoice. No")
        .append(" invoice number was used. Resolve the warnings below, then issue it again.</div>");
    Set<WarningCode> codes =
        blocking.stream().map(Warning::code).collect(java.util.stream.Collectors.toSet());
    warnings(html, draft, codes);
    html.append("<h2>Draft amounts</h2>");
    DocumentSections.calculations(html, draft, zone, true);
    DocumentSections.totals(html, draft, "Would be due");
    DocumentSections.close(html);
    return html.toString();
  }

  private static void warnings(StringBuilder html, Invoice invoice, Set<WarningCode> blocking) {
    long count = invoice.calculations().stream().mapToLong(c -> c.warnings().size()).sum();
    html.append("<h2>Warnings (").append(count).append(")</h2>");
    if (count == 0) {
      html.append("<p>None: the invoice can be sent as it is.</p>");
      return;
    }
    for (Calculation calculation : invoice.calculations()) {
      for (Warning warning : calculation.warnings()) {
        ClerkWarning text = ClerkWarning.of(warning.code());
        boolean blocks = blocking.contains(warning.code());
        html.append("<div class=\"warning")
            .append(blocks ? " blocking" : "")
            .append("\" data-code=\"")
            .append(warning.code().name())
            .append("\"><strong>")
            .append(blocks ? "Blocks sending. " : "")
            .append("Metering point ")
            .append(escape(calculation.locationId()))
            .append(", meter ")
            .append(escape(calculation.meterId()))
            .append(":</strong> ")
            .append(escape(text.title()))
            .append("<br/><em>What to do:</em> ")
            .append(escape(text.action()))
            .append("<br/><span class=\"small\">Detail for metering (")
            .append(warning.code().name())
            .append("): ")
            .append(escape(warning.detail()))
            .append("</span></div>");
      }
    }
  }
}
