package org.fis.examples.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.fis.billing.calculator.Calculation;
import org.fis.billing.calculator.DailyEnergy;
import org.fis.billing.document.InvoiceDocument;
import org.fis.billing.document.IssuerProfile;
import org.fis.billing.issuing.IssueResult;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.issuing.Snapshot;
import org.fis.billing.output.InvoiceDocumentHtml;
import org.fis.billing.output.InvoicePdf;
import org.fis.billing.output.InvoiceReviewHtml;
import org.fis.examples.demo.DemoSummary.Check;
import org.fis.ledger.TrialBalance;

/**
 * Writes the demo's HTML report: an index page (checks, invoices, trial balance, a chart of the
 * daily consumption of all meters) and per invoice the customer's copy as HTML and PDF and the
 * clerk's review page (warnings); per invoice held back, its review page. All self-contained
 * (inline CSS and SVG, no scripts, nothing fetched).
 */
final class ReportWriter {
  private static final int CHART_WIDTH = 900;
  private static final int CHART_HEIGHT = 220;

  private ReportWriter() {}

  /** Writes the report and returns the index page. */
  static Path write(
      Path directory,
      IssuerProfile profile,
      List<IssuedInvoice> invoices,
      List<IssueResult.Held> held,
      Function<IssuedInvoice, List<Snapshot>> snapshots,
      TrialBalance trialBalance,
      List<Check> checks)
      throws IOException {
    ZoneId zone = profile.zone();
    Files.createDirectories(directory);
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>FIS demo report</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #bbb;padding:4px 8px}td.n{text-align:right}")
        .append("#invoices td,#held td{white-space:nowrap}")
        .append(".ok{color:#070}.fail{color:#b00;font-weight:bold}")
        .append("</style></head><body><h1>FIS demo report</h1>");
    appendChecks(html, checks);
    appendChart(html, invoices);
    appendInvoices(html, directory, profile, invoices, snapshots);
    appendHeld(html, directory, zone, held);
    appendTrialBalance(html, trialBalance);
    html.append("</body></html>\n");
    Path index = directory.resolve("index.html");
    Files.writeString(index, html, StandardCharsets.UTF_8);
    return index.toAbsolutePath();
  }

  private static void appendChecks(StringBuilder html, List<Check> checks) {
    html.append(
        "<h2>Checks</h2><table id=\"checks\"><tr><th>check</th><th>result</th><th>figures</th></tr>");
    for (Check check : checks) {
      html.append("<tr><td>")
          .append(escape(check.name()))
          .append("</td><td class=\"")
          .append(check.passed() ? "ok\">passed" : "fail\">FAILED")
          .append("</td><td>")
          .append(escape(check.detail()))
          .append("</td></tr>");
    }
    html.append("</table>");
  }

  private static void appendChart(StringBuilder html, List<IssuedInvoice> invoices) {
    TreeMap<LocalDate, BigDecimal> daily = new TreeMap<>();
    for (IssuedInvoice issued : invoices) {
      for (Calculation calculation : issued.invoice().calculations()) {
        for (DailyEnergy day : calculation.dailyActiveImport()) {
          daily.merge(day.date(), day.activeImportKwh(), BigDecimal::add);
        }
      }
    }
    html.append("<h2>Daily consumption of all meters (kWh)</h2>");
    if (daily.isEmpty()) {
      html.append("<p>No consumption billed.</p>");
      return;
    }
    BigDecimal max = daily.values().stream().reduce(BigDecimal.ONE, BigDecimal::max);
    int left = 60;
    int plotWidth = CHART_WIDTH - left;
    double step = niceStep(max.doubleValue() / 4);
    int ticks = (int) Math.ceil(max.doubleValue() / step);
    double top = ticks * step;
    double slot = plotWidth / (double) daily.size();
    html.append("<svg id=\"consumption\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(CHART_WIDTH)
        .append("\" height=\"")
        .append(CHART_HEIGHT + 40)
        .append("\" role=\"img\" aria-label=\"daily consumption in kWh\" font-size=\"11\"")
        .append(" fill=\"#555\">");
    for (int t = 0; t <= ticks; t++) {
      double y = 10 + CHART_HEIGHT * (1 - t / (double) ticks);
      html.append(
          String.format(
              java.util.Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
              left,
              CHART_WIDTH,
              y,
              y,
              left - 6,
              y + 4,
              money(BigDecimal.valueOf(t * step)).replace(".00", "")));
    }
    int i = 0;
    for (Map.Entry<LocalDate, BigDecimal> day : daily.entrySet()) {
      double height = CHART_HEIGHT * day.getValue().doubleValue() / top;
      html.append(
              String.format(
                  java.util.Locale.ROOT,
                  "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3a7bd5\">",
                  left + i * slot + slot * 0.15,
                  10 + CHART_HEIGHT - height,
                  slot * 0.7,
                  height))
          .append("<title>")
          .append(day.getKey())
          .append(": ")
          .append(day.getValue().toPlainString())
          .append(" kWh</title></rect>");
      if (day.getKey().getDayOfMonth() == 1 || day.getKey().getDayOfMonth() % 5 == 0) {
        html.append(
            String.format(
                java.util.Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                left + i * slot + slot / 2,
                CHART_HEIGHT + 25,
                day.getKey().getDayOfMonth() == 1
                    ? day.getKey().toString().substring(0, 7)
                    : String.valueOf(day.getKey().getDayOfMonth())));
      }
      i++;
    }
    html.append(
            String.format(
                java.util.Locale.ROOT,
                "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">"
                    + "kWh per day</text>",
                10 + CHART_HEIGHT / 2,
                10 + CHART_HEIGHT / 2))
        .append("</svg><p><small>")
        .append(daily.keySet().iterator().next())
        .append(" \u2013 ")
        .append(daily.lastKey())
        .append(", highest day ")
        .append(money(max.setScale(0, RoundingMode.HALF_EVEN)).replace(".00", ""))
        .append(" kWh; x axis: day of month (the 25- and 23-hour days of DST changes show as")
        .append(" longer or shorter bars)</small></p>");
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  private static double niceStep(double raw) {
    if (raw <= 0) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double factor : new double[] {1, 2, 5, 10}) {
      if (factor * magnitude >= raw) {
        return factor * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static void appendInvoices(
      StringBuilder html,
      Path directory,
      IssuerProfile profile,
      List<IssuedInvoice> invoices,
      Function<IssuedInvoice, List<Snapshot>> snapshots)
      throws IOException {
    html.append("<h2>Invoices</h2><table id=\"invoices\"><tr><th>number</th><th>network user</th>")
        .append("<th>period</th><th>net</th><th>VAT</th><th>gross</th><th>warnings</th>")
        .append("<th>PDF</th><th>clerk's review</th></tr>");
    for (IssuedInvoice issued : invoices) {
      InvoiceDocument document = InvoiceDocument.of(issued, snapshots.apply(issued), profile);
      String file = "invoice-" + issued.number() + ".html";
      String pdf = "invoice-" + issued.number() + ".pdf";
      String review = "review-" + issued.number() + ".html";
      Files.writeString(
          directory.resolve(file), InvoiceDocumentHtml.render(document), StandardCharsets.UTF_8);
      Files.write(directory.resolve(pdf), InvoicePdf.render(document));
      Files.writeString(
          directory.resolve(review),
          InvoiceReviewHtml.render(document, Accounting.BLOCKING),
          StandardCharsets.UTF_8);
      var invoice = issued.invoice();
      long warnings = invoice.calculations().stream().mapToLong(c -> c.warnings().size()).sum();
      html.append("<tr><td><a href=\"")
          .append(file)
          .append("\">")
          .append(escape(issued.number()))
          .append("</a></td><td>")
          .append(escape(document.networkUser().name()))
          .append("</td><td>")
          .append(document.periodFirstDay())
          .append(" \u2013 ")
          .append(document.periodLastDay())
          .append("</td><td class=\"n\">")
          .append(money(invoice.netTotal()))
          .append("</td><td class=\"n\">")
          .append(money(invoice.vatTotal()))
          .append("</td><td class=\"n\">")
          .append(money(invoice.grossTotal()))
          .append("</td><td class=\"n")
          .append(warnings > 0 ? " fail" : "")
          .append("\">")
          .append(warnings)
          .append("</td><td><a href=\"")
          .append(pdf)
          .append("\">PDF</a></td><td><a href=\"")
          .append(review)
          .append("\">review</a></td></tr>");
    }
    html.append("</table><p><small>Amounts in ")
        .append(Accounting.CURRENCY)
        .append(". Warnings are shown to the clerk on the review page only, never on the")
        .append(" customer's copy.</small></p>");
  }

  private static void appendHeld(
      StringBuilder html, Path directory, ZoneId zone, List<IssueResult.Held> held)
      throws IOException {
    html.append("<h2>Held back for review (not issued)</h2>");
    if (held.isEmpty()) {
      html.append("<p>None.</p>");
      return;
    }
    html.append("<table id=\"held\"><tr><th>network user</th><th>period</th><th>why</th></tr>");
    for (int i = 0; i < held.size(); i++) {
      IssueResult.Held hold = held.get(i);
      String file = "held-" + (i + 1) + ".html";
      Files.writeString(
          directory.resolve(file),
          InvoiceReviewHtml.renderHeld(hold.draft(), hold.blocking(), zone),
          StandardCharsets.UTF_8);
      html.append("<tr><td><a href=\"")
          .append(file)
          .append("\">")
          .append(escape(hold.draft().networkUserId()))
          .append("</a></td><td>")
          .append(hold.draft().period().start().atZone(zone).toLocalDate())
          .append(" \u2013 ")
          .append(hold.draft().period().end().atZone(zone).toLocalDate().minusDays(1))
          .append("</td><td>")
          .append(escape(hold.blocking().get(0).code().name()))
          .append("</td></tr>");
    }
    html.append("</table>");
  }

  private static void appendTrialBalance(StringBuilder html, TrialBalance trialBalance) {
    html.append("<h2>Trial balance</h2><table id=\"trial-balance\"><tr><th>account</th>")
        .append(
            "<th>type</th><th>debits</th><th>credits</th><th>closing (debit − credit)</th></tr>");
    for (TrialBalance.Row row : trialBalance.rows()) {
      html.append("<tr><td>")
          .append(escape(row.accountId()))
          .append("</td><td>")
          .append(row.type())
          .append("</td><td class=\"n\">")
          .append(money(row.periodDebits()))
          .append("</td><td class=\"n\">")
          .append(money(row.periodCredits()))
          .append("</td><td class=\"n\">")
          .append(money(row.closingDebitNet()))
          .append("</td></tr>");
    }
    html.append("</table><p>Balanced: ")
        .append(trialBalance.balanced() ? "yes" : "NO")
        .append("</p>");
  }

  /** An amount of money at the currency's scale (two decimals for EUR), with separators. */
  static String money(BigDecimal amount) {
    java.text.DecimalFormat format =
        new java.text.DecimalFormat(
            "#,##0.00", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
    format.setRoundingMode(RoundingMode.HALF_EVEN);
    return format.format(amount);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
