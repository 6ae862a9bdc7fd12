package org.fis.billing.output;

import static org.fis.billing.output.DocumentFormat.escape;

import java.util.Objects;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.document.InvoiceDocument;
import org.fis.billing.document.IssuerProfile;

/**
 * The customer's copy of an invoice or credit note as one self-contained, printable XHTML document
 * (inline CSS, no scripts, nothing fetched): issuer and network-user blocks, the legal lines
 * (number, issue date, due date, inclusive period, payment reference, VAT number, currency), meter
 * readings as billed, items, a daily consumption chart with axes and units, VAT per rate, totals
 * and payment instructions. Money is printed at its currency's scale everywhere. Warnings are never
 * printed here: they belong on the clerk's {@link InvoiceReviewHtml}. The same markup is what
 * {@link InvoicePdf} renders.
 *
 * <p>Stateless and thread-safe.
 */
public final class InvoiceDocumentHtml {
  private InvoiceDocumentHtml() {}

  /**
   * Renders the customer's copy.
   *
   * @param document the invoice document
   * @return XHTML, UTF-8 text
   */
  public static String render(InvoiceDocument document) {
    return render(document, true);
  }

  /** The document with an SVG chart (browsers) or a chart of boxes (the PDF renderer). */
  static String render(InvoiceDocument document, boolean svgChart) {
    Objects.requireNonNull(document, "document");
    StringBuilder html = new StringBuilder(32_768);
    DocumentSections.open(html, title(document));
    body(html, document, svgChart);
    DocumentSections.close(html);
    return html.toString();
  }

  static String title(InvoiceDocument document) {
    return (document.creditNote() ? "Credit note " : "Invoice ") + document.issued().number();
  }

  /** Everything inside the sheet: shared with the review page. */
  static void body(StringBuilder html, InvoiceDocument document, boolean svgChart) {
    Invoice invoice = document.issued().invoice();
    IssuerProfile profile = document.profile();
    html.append("<table class=\"head\"><tr><td style=\"width:55%\">");
    DocumentSections.party(html, "Issued by", profile.issuer(), "IBAN: " + profile.iban());
    html.append("</td><td><h1>").append(escape(title(document))).append("</h1>");
    html.append("<table class=\"legal\">");
    DocumentSections.legalLine(html, "Invoice number", document.issued().number());
    DocumentSections.legalLine(html, "Issue date", DocumentFormat.date(document.issueDate()));
    if (!document.creditNote()) {
      DocumentSections.legalLine(html, "Due date", DocumentFormat.date(document.dueDate()));
    }
    DocumentSections.legalLine(
        html,
        "Billing period",
        DocumentFormat.period(document.periodFirstDay(), document.periodLastDay()));
    DocumentSections.legalLine(html, "Payment reference", document.paymentReference());
    DocumentSections.legalLine(html, "Issuer VAT number", profile.issuer().vatNumber());
    DocumentSections.legalLine(html, "Currency", invoice.currency());
    html.append("</table></td></tr></table><div style=\"margin-top:6mm\">");
    DocumentSections.party(
        html, "Bill to", document.networkUser(), "Customer number: " + invoice.networkUserId());
    html.append("</div>");
    if (document.creditNote()) {
      html.append("<p><strong>This credit note cancels invoice ")
          .append(escape(String.valueOf(document.issued().creditedInvoiceId())))
          .append(" in full.</strong> Reason: ")
          .append(escape(String.valueOf(document.issued().creditReason())))
          .append("</p>");
    }
    DocumentSections.calculations(html, invoice, profile.zone(), svgChart);
    DocumentSections.totals(html, invoice, document.creditNote() ? "Total credited" : "Amount due");
    if (!document.creditNote()) {
      html.append("<div class=\"pay\">Please pay <strong>")
          .append(DocumentFormat.money(invoice.grossTotal(), invoice.currency()))
          .append("</strong> by <strong>")
          .append(DocumentFormat.date(document.dueDate()))
          .append("</strong> to IBAN <strong>")
          .append(escape(profile.iban()))
          .append("</strong> (")
          .append(escape(profile.issuer().name()))
          .append("), quoting the payment reference <strong>")
          .append(escape(document.paymentReference()))
          .append("</strong>.</div>");
    }
    html.append("<p class=\"small\">Meter readings are printed rounded as billed. Quantities are")
        .append(" in kWh (active energy), kW (peak power), kvarh (reactive energy) or months")
        .append(" (meter fee). All dates are local dates in ")
        .append(escape(profile.zone().getId()))
        .append("; the billing period includes its first and last day.</p>");
  }
}
