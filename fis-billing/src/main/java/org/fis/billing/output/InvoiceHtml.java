package org.fis.billing.output;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.fis.billing.calculator.Calculation;
import org.fis.billing.calculator.CalculationItem;
import org.fis.billing.calculator.DailyEnergy;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.VatLine;
import org.fis.billing.calculator.Warning;
import org.fis.billing.issuing.DocumentKind;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.measure.time.Interval;

/**
 * Renders an invoice as one printable, self-contained HTML document: no scripts, no external
 * resources; items per location, subtotals, VAT per rate, totals, warnings, and an inline SVG bar
 * chart of daily consumption. Every text from the input is HTML-escaped.
 *
 * <p>Stateless and thread-safe.
 */
public final class InvoiceHtml {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final int CHART_WIDTH = 720;
  private static final int CHART_HEIGHT = 200;
  private static final int CHART_DAYS_MAX = 400;

  private InvoiceHtml() {}

  /**
   * An issued invoice or credit note.
   *
   * @param issued the document
   * @param zone the zone dates are printed in
   * @return the HTML document
   */
  public static String render(IssuedInvoice issued, ZoneId zone) {
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(zone, "zone");
    String title =
        (issued.kind() == DocumentKind.CREDIT_NOTE ? "Credit note " : "Invoice ") + issued.number();
    StringBuilder header = new StringBuilder();
    row(header, "Number", issued.number());
    row(header, "Issuer", issued.issuerId());
    row(header, "Issued", DATE_TIME.format(issued.issuedAt().atZone(zone)));
    if (issued.kind() == DocumentKind.CREDIT_NOTE) {
      row(header, "Credits invoice", issued.creditedInvoiceId().toString());
      row(header, "Reason", issued.creditReason());
    }
    return document(title, header, issued.invoice(), zone);
  }

  /**
   * A calculated invoice that is not issued yet, marked as a draft.
   *
   * @param invoice the invoice
   * @param zone the zone dates are printed in
   * @return the HTML document
   */
  public static String renderDraft(Invoice invoice, ZoneId zone) {
    Objects.requireNonNull(invoice, "invoice");
    Objects.requireNonNull(zone, "zone");
    return document("Draft invoice (not issued)", new StringBuilder(), invoice, zone);
  }

  /**
   * An SVG bar chart of daily energy, one bar per day.
   *
   * @param days the daily energies, any order; several calculations' days are summed
   * @return the {@code <svg>} element
   */
  public static String consumptionChart(List<DailyEnergy> days) {
    Map<LocalDate, BigDecimal> byDay = new TreeMap<>();
    for (DailyEnergy day : days) {
      byDay.merge(day.date(), day.activeImportKwh(), BigDecimal::add);
    }
    StringBuilder svg = new StringBuilder();
    svg.append("<svg role=\"img\" width=\"")
        .append(CHART_WIDTH)
        .append("\" height=\"")
        .append(CHART_HEIGHT + 30)
        .append("\" viewBox=\"0 0 ")
        .append(CHART_WIDTH)
        .append(' ')
        .append(CHART_HEIGHT + 30)
        .append("\"><title>Daily active energy imported (kWh)</title>");
    if (byDay.isEmpty() || byDay.size() > CHART_DAYS_MAX) {
      svg.append("<text x=\"10\" y=\"20\">No quarter-hour data for a chart</text></svg>");
      return svg.toString();
    }
    BigDecimal max = byDay.values().stream().reduce(BigDecimal.ZERO, BigDecimal::max);
    double slot = (double) CHART_WIDTH / byDay.size();
    int index = 0;
    for (Map.Entry<LocalDate, BigDecimal> day : byDay.entrySet()) {
      // Chart geometry only: amounts are printed from the exact values.
      double height =
          max.signum() == 0
              ? 0
              : day.getValue()
                  .multiply(BigDecimal.valueOf(CHART_HEIGHT))
                  .divide(max, 2, RoundingMode.HALF_EVEN)
                  .doubleValue();
      svg.append(
          String.format(
              java.util.Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b6ea5\">"
                  + "<title>%s: %s kWh</title></rect>",
              index * slot + 1,
              CHART_HEIGHT - height,
              Math.max(1, slot - 2),
              height,
              day.getKey(),
              day.getValue().setScale(3, RoundingMode.HALF_EVEN).toPlainString()));
      index++;
    }
    LocalDate first = byDay.keySet().iterator().next();
    LocalDate last = ((TreeMap<LocalDate, BigDecimal>) byDay).lastKey();
    svg.append("<text x=\"0\" y=\"")
        .append(CHART_HEIGHT + 20)
        .append("\" font-size=\"12\">")
        .append(first)
        .append("</text><text x=\"")
        .append(CHART_WIDTH)
        .append("\" y=\"")
        .append(CHART_HEIGHT + 20)
        .append("\" font-size=\"12\" text-anchor=\"end\">")
        .append(last)
        .append(" · max ")
        .append(max.setScale(0, RoundingMode.HALF_EVEN).toPlainString())
        .append(" kWh/day</text></svg>");
    return svg.toString();
  }

  private static String document(String title, StringBuilder header, Invoice invoice, ZoneId zone) {
    row(header, "Network user", invoice.networkUserId());
    row(header, "Period", period(invoice.period(), zone));
    row(header, "Currency", invoice.currency());
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#111}")
        .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}")
        .append("th,td{border:1px solid #bbb;padding:3px 8px}td.n{text-align:right}")
        .append(".warn{color:#8a4b00}")
        .append("@media print{body{margin:0}section{page-break-inside:avoid}}")
        .append("</style></head><body><h1>")
        .append(escape(title))
        .append("</h1><table class=\"header\">")
        .append(header)
        .append("</table>");
    for (Calculation calculation : invoice.calculations()) {
      calculation(html, calculation, zone);
    }
    totals(html, invoice);
    html.append("<section><h2>Consumption</h2>")
        .append(
            consumptionChart(
                invoice.calculations().stream()
                    .flatMap(c -> c.dailyActiveImport().stream())
                    .toList()))
        .append("</section></body></html>");
    return html.toString();
  }

  private static void calculation(StringBuilder html, Calculation calculation, ZoneId zone) {
    html.append("<section><h2>Location ")
        .append(escape(calculation.locationId()))
        .append(", meter ")
        .append(escape(calculation.meterId()))
        .append(" (")
        .append(escape(calculation.tariffModelCode()))
        .append(")</h2><table><tr><th>#</th><th>Item</th><th>Part</th><th>Quantity</th>")
        .append("<th>Unit</th><th>Unit price</th><th>Total</th><th>VAT %</th></tr>");
    for (CalculationItem item : calculation.items()) {
      html.append("<tr><td>")
          .append(item.kind().ordinalLabel())
          .append("</td><td>")
          .append(escape(item.kind().englishName()))
          .append("</td><td>")
          .append(escape(period(item.part(), zone)))
          .append("</td><td class=\"n\">")
          .append(item.quantity().toPlainString())
          .append("</td><td>")
          .append(escape(item.unit()))
          .append("</td><td class=\"n\">")
          .append(item.unitPrice().toPlainString())
          .append("</td><td class=\"n\">")
          .append(item.total().toPlainString())
          .append("</td><td class=\"n\">")
          .append(item.vatRatePercent().toPlainString())
          .append("</td></tr>");
    }
    html.append("<tr><td colspan=\"6\">Usage subtotal</td><td class=\"n\">")
        .append(calculation.usageTotal().toPlainString())
        .append("</td><td></td></tr><tr><td colspan=\"6\">Supply subtotal</td><td class=\"n\">")
        .append(calculation.supplyTotal().toPlainString())
        .append("</td><td></td></tr></table>");
    if (!calculation.warnings().isEmpty()) {
      html.append("<ul class=\"warn\">");
      for (Warning warning : calculation.warnings()) {
        html.append("<li>")
            .append(warning.code())
            .append(": ")
            .append(escape(warning.detail()))
            .append("</li>");
      }
      html.append("</ul>");
    }
    html.append("</section>");
  }

  private static void totals(StringBuilder html, Invoice invoice) {
    html.append("<section><h2>Totals</h2><table>");
    amountRow(html, "Network usage", invoice.usageTotal());
    amountRow(html, "Supply", invoice.supplyTotal());
    amountRow(html, "Total without VAT", invoice.netTotal());
    for (VatLine line : invoice.vat()) {
      amountRow(
          html,
          "VAT " + line.ratePercent().toPlainString() + " % on " + line.base().toPlainString(),
          line.vat());
    }
    amountRow(html, "VAT", invoice.vatTotal());
    html.append("<tr><th>Total to pay (")
        .append(escape(invoice.currency()))
        .append(")</th><th class=\"n\">")
        .append(invoice.grossTotal().toPlainString())
        .append("</th></tr></table></section>");
  }

  private static void amountRow(StringBuilder html, String label, BigDecimal amount) {
    html.append("<tr><td>")
        .append(escape(label))
        .append("</td><td class=\"n\">")
        .append(amount.toPlainString())
        .append("</td></tr>");
  }

  private static void row(StringBuilder html, String label, String value) {
    html.append("<tr><th>")
        .append(escape(label))
        .append("</th><td>")
        .append(escape(value))
        .append("</td></tr>");
  }

  private static String period(Interval interval, ZoneId zone) {
    return local(interval.start(), zone) + " – " + local(interval.end(), zone);
  }

  private static String local(Instant instant, ZoneId zone) {
    var local = instant.atZone(zone);
    return local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
        ? DATE.format(local)
        : DATE_TIME.format(local);
  }

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
