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
import org.fis.billing.calculator.Calculation;
import org.fis.billing.calculator.DailyEnergy;
import org.fis.billing.issuing.IssuedInvoice;
import org.fis.billing.output.InvoiceHtml;
import org.fis.examples.demo.DemoSummary.Check;
import org.fis.ledger.TrialBalance;

/**
 * Writes the demo's HTML report: an index page (checks, invoices, trial balance, a chart of the
 * daily consumption of all meters) and one printable page per invoice, all self-contained (inline
 * CSS and SVG, no scripts, nothing fetched).
 */
final class ReportWriter {
  private static final int CHART_WIDTH = 900;
  private static final int CHART_HEIGHT = 220;

  private ReportWriter() {}

  /** Writes the report and returns the index page. */
  static Path write(
      Path directory,
      ZoneId zone,
      List<IssuedInvoice> invoices,
      TrialBalance trialBalance,
      List<Check> checks)
      throws IOException {
    Files.createDirectories(directory);
    StringBuilder html = new StringBuilder(16_384);
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>FIS demo report</title><style>")
        .append("body{font-family:sans-serif;margin:2em;color:#222}")
        .append("table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #bbb;padding:4px 8px}td.n{text-align:right}")
        .append(".ok{color:#070}.fail{color:#b00;font-weight:bold}")
        .append("</style></head><body><h1>FIS demo report</h1>");
    appendChecks(html, checks);
    appendChart(html, invoices);
    appendInvoices(html, directory, zone, invoices);
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
    int barWidth = Math.max(2, CHART_WIDTH / daily.size() - 2);
    html.append("<svg id=\"consumption\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(CHART_WIDTH)
        .append("\" height=\"")
        .append(CHART_HEIGHT + 20)
        .append("\" role=\"img\" aria-label=\"daily consumption\">");
    int x = 0;
    for (Map.Entry<LocalDate, BigDecimal> day : daily.entrySet()) {
      int height =
          day.getValue()
              .multiply(BigDecimal.valueOf(CHART_HEIGHT))
              .divide(max, 0, RoundingMode.HALF_EVEN)
              .intValue();
      html.append("<rect x=\"")
          .append(x)
          .append("\" y=\"")
          .append(CHART_HEIGHT - height)
          .append("\" width=\"")
          .append(barWidth)
          .append("\" height=\"")
          .append(height)
          .append("\" fill=\"#3a7bd5\"><title>")
          .append(day.getKey())
          .append(": ")
          .append(day.getValue().toPlainString())
          .append(" kWh</title></rect>");
      x += barWidth + 2;
    }
    html.append("</svg><p><small>")
        .append(daily.keySet().iterator().next())
        .append(" to ")
        .append(daily.lastKey())
        .append(", highest day ")
        .append(max.setScale(0, RoundingMode.HALF_EVEN).toPlainString())
        .append(" kWh (the 25- and 23-hour days of DST changes show as longer or shorter bars)")
        .append("</small></p>");
  }

  private static void appendInvoices(
      StringBuilder html, Path directory, ZoneId zone, List<IssuedInvoice> invoices)
      throws IOException {
    html.append("<h2>Invoices</h2><table id=\"invoices\"><tr><th>number</th><th>network user</th>")
        .append("<th>period</th><th>net</th><th>VAT</th><th>gross</th><th>warnings</th></tr>");
    for (IssuedInvoice issued : invoices) {
      String file = "invoice-" + issued.number() + ".html";
      Files.writeString(
          directory.resolve(file), InvoiceHtml.render(issued, zone), StandardCharsets.UTF_8);
      var invoice = issued.invoice();
      long warnings = invoice.calculations().stream().mapToLong(c -> c.warnings().size()).sum();
      html.append("<tr><td><a href=\"")
          .append(file)
          .append("\">")
          .append(escape(issued.number()))
          .append("</a></td><td>")
          .append(escape(invoice.networkUserId()))
          .append("</td><td>")
          .append(invoice.period().start().atZone(zone).toLocalDate())
          .append(" to ")
          .append(invoice.period().end().atZone(zone).toLocalDate().minusDays(1))
          .append("</td><td class=\"n\">")
          .append(invoice.netTotal().toPlainString())
          .append("</td><td class=\"n\">")
          .append(invoice.vatTotal().toPlainString())
          .append("</td><td class=\"n\">")
          .append(invoice.grossTotal().toPlainString())
          .append("</td><td class=\"n\">")
          .append(warnings)
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

  /** An amount for display: at least two decimals, no trailing zeros beyond them. */
  static String money(BigDecimal amount) {
    BigDecimal stripped = amount.stripTrailingZeros();
    return (stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped)
        .toPlainString();
  }

  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
