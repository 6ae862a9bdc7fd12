package org.fis.billing.output;

import static org.fis.billing.output.DocumentFormat.escape;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fis.billing.calculator.BilledReadings;
import org.fis.billing.calculator.Calculation;
import org.fis.billing.calculator.CalculationItem;
import org.fis.billing.calculator.DailyEnergy;
import org.fis.billing.calculator.Invoice;
import org.fis.billing.calculator.VatLine;
import org.fis.billing.document.Party;

/**
 * The parts of an invoice document as well-formed XHTML (the PDF renderer parses it as XML), shared
 * by the customer's copy and the clerk's review page. Stateless and thread-safe.
 */
final class DocumentSections {
  /** A bound on the calculations printed on one document. */
  static final int CALCULATIONS_MAX = 10_000;

  static final String CSS =
      "@page{size:A4;margin:14mm 14mm 16mm 14mm}"
          + "body{font-family:Helvetica,Arial,sans-serif;font-size:9.5pt;color:#1d1d1d;margin:0}"
          + ".sheet{max-width:182mm;margin:0 auto}"
          + "h1{font-size:17pt;margin:0 0 2mm 0}h2{font-size:11pt;margin:6mm 0 2mm 0}"
          + "h3{font-size:10pt;margin:4mm 0 1mm 0}"
          + "table{border-collapse:collapse;width:100%}"
          + "td,th{padding:1.2mm 1.6mm;vertical-align:top;text-align:left}"
          + "th{background:#eef1f5;font-weight:bold;border-bottom:0.4mm solid #9aa5b1}"
          + "td{border-bottom:0.2mm solid #d5dae0}"
          + ".n{text-align:right;white-space:nowrap}"
          + ".head td{border:none;padding:0}"
          + ".party{line-height:1.35}"
          + ".label{color:#5a6470;font-size:8pt;text-transform:uppercase;letter-spacing:0.3pt}"
          + ".legal td{border:none;padding:0.6mm 1.6mm;white-space:nowrap}"
          + ".legal td.k{color:#5a6470;width:34mm}"
          + ".totals td{border:none}.totals tr.due td{font-weight:bold;font-size:11pt;"
          + "border-top:0.4mm solid #1d1d1d}"
          + ".pay{margin-top:5mm;padding:3mm;border:0.3mm solid #9aa5b1;background:#f7f9fb}"
          + ".small{font-size:8pt;color:#5a6470}"
          + ".chart{position:relative;height:52mm;margin:2mm 0 0 0}"
          + ".bar{position:absolute;background:#3a7bd5}"
          + ".grid{position:absolute;left:14mm;right:0;border-top:0.2mm solid #d5dae0}"
          + ".axis{position:absolute;font-size:7pt;color:#5a6470}"
          + ".review{border:0.6mm solid #b36b00;background:#fff6e5;padding:3mm;margin:0 0 5mm 0}"
          + ".warning{margin:2mm 0;padding:2mm 3mm;border-left:1.2mm solid #b36b00;"
          + "background:#fffaf0}"
          + ".blocking{border-left-color:#b00020;background:#fff0f2}"
          + ".keep{page-break-inside:avoid}"
          + "table.readings{margin-bottom:3mm}.readings td{white-space:nowrap}"
          + "@media screen{body{padding:10mm 0;background:#fff}}";

  private static final int CHART_WIDTH_MM = 168;
  private static final int CHART_PLOT_LEFT_MM = 14;
  private static final int CHART_PLOT_HEIGHT_MM = 40;
  private static final int CHART_PLOT_TOP_MM = 3;

  private DocumentSections() {}

  static void open(StringBuilder html, String title) {
    html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head>")
        .append("<meta charset=\"utf-8\"/><title>")
        .append(escape(title))
        .append("</title><style>")
        .append(CSS)
        .append("</style></head><body><div class=\"sheet\">");
  }

  static void close(StringBuilder html) {
    html.append("</div></body></html>\n");
  }

  static void party(StringBuilder html, String label, Party party, String extraLine) {
    html.append("<div class=\"party\"><div class=\"label\">")
        .append(escape(label))
        .append("</div><strong>")
        .append(escape(party.name()))
        .append("</strong><br/>")
        .append(escape(party.street()))
        .append("<br/>")
        .append(escape(party.postalCode()))
        .append(' ')
        .append(escape(party.city()));
    if (!party.country().isBlank()) {
      html.append("<br/>").append(escape(party.country()));
    }
    if (!party.vatNumber().isBlank()) {
      html.append("<br/>VAT number: ").append(escape(party.vatNumber()));
    }
    if (extraLine != null) {
      html.append("<br/>").append(escape(extraLine));
    }
    html.append("</div>");
  }

  static void legalLine(StringBuilder html, String key, String value) {
    html.append("<tr><td class=\"k\">")
        .append(escape(key))
        .append("</td><td>")
        .append(escape(value))
        .append("</td></tr>");
  }

  /** One section per calculation: readings, peak, items, and the daily chart. */
  static void calculations(StringBuilder html, Invoice invoice, ZoneId zone, boolean svg) {
    List<Calculation> calculations = invoice.calculations();
    if (calculations.size() > CALCULATIONS_MAX) {
      throw new IllegalArgumentException(
          "invoice: " + calculations.size() + " calculations, at most " + CALCULATIONS_MAX);
    }
    for (Calculation calculation : calculations) {
      calculation(html, calculation, invoice.currency(), zone, svg);
    }
  }

  private static void calculation(
      StringBuilder html, Calculation calculation, String currency, ZoneId zone, boolean svg) {
    html.append("<h2>Metering point ")
        .append(escape(calculation.locationId()))
        .append("</h2><p class=\"small\">Meter ")
        .append(escape(calculation.meterId()))
        .append(" · tariff model ")
        .append(escape(calculation.tariffModelCode()))
        .append(" · billed ")
        .append(
            DocumentFormat.period(calculation.billed().start(), calculation.billed().end(), zone))
        .append("</p>");
    readings(html, calculation, zone);
    items(html, calculation, currency, zone);
    chart(html, calculation.dailyActiveImport(), svg);
  }

  private static void readings(StringBuilder html, Calculation calculation, ZoneId zone) {
    Map<String, BilledReadings> byRegister = new LinkedHashMap<>();
    StringBuilder peaks = new StringBuilder();
    for (CalculationItem item : calculation.items()) {
      if (item.readings() != null) {
        byRegister.putIfAbsent(
            item.readings().register() + "|" + item.readings().startAt(), item.readings());
      }
      if (item.peak() != null) {
        peaks
            .append("<p>Peak power (high tariff): ")
            .append(DocumentFormat.quantity(item.peak().measuredKw(), "kW"))
            .append(" measured in the quarter hour from ")
            .append(DocumentFormat.localTime(item.peak().quarterHourStart(), zone))
            .append(", rounded to ")
            .append(DocumentFormat.quantity(item.peak().roundedKw(), "kW"))
            .append(", billed ")
            .append(DocumentFormat.quantity(item.quantity(), item.unit()))
            .append(".</p>");
      }
    }
    if (!byRegister.isEmpty()) {
      html.append("<table class=\"readings\"><tr><th>Meter register</th><th>Reading at</th>")
          .append("<th class=\"n\">Start</th><th>Reading at</th><th class=\"n\">End</th>")
          .append("<th class=\"n\">Difference</th></tr>");
      for (BilledReadings r : byRegister.values()) {
        html.append("<tr><td>")
            .append(escape(registerName(r.register())))
            .append("</td><td>")
            .append(DocumentFormat.localTime(r.startAt(), zone))
            .append("</td><td class=\"n\">")
            .append(DocumentFormat.quantity(r.start(), r.unit()))
            .append("</td><td>")
            .append(DocumentFormat.localTime(r.endAt(), zone))
            .append("</td><td class=\"n\">")
            .append(DocumentFormat.quantity(r.end(), r.unit()))
            .append("</td><td class=\"n\">")
            .append(DocumentFormat.quantity(r.difference(), r.unit()))
            .append("</td></tr>");
      }
      html.append("</table>");
    }
    html.append(peaks);
  }

  private static String registerName(String register) {
    return switch (register) {
      case "active import T0" -> "Active energy, total";
      case "meter T1 register" -> "Active energy, high tariff (T1)";
      case "meter T2 register" -> "Active energy, low tariff (T2)";
      case "reactive import" -> "Reactive energy, import";
      case "reactive export" -> "Reactive energy, export";
      default -> register;
    };
  }

  private static void items(
      StringBuilder html, Calculation calculation, String currency, ZoneId zone) {
    boolean parts = calculation.items().stream().map(CalculationItem::part).distinct().count() > 1;
    html.append("<table class=\"items\"><tr><th>No.</th><th>Item</th>");
    if (parts) {
      html.append("<th>Days</th>");
    }
    html.append("<th class=\"n\">Quantity</th><th class=\"n\">Unit price</th>")
        .append("<th class=\"n\">VAT</th><th class=\"n\">Amount</th></tr>");
    for (CalculationItem item : calculation.items()) {
      html.append("<tr><td>")
          .append(escape(item.kind().ordinalLabel()))
          .append("</td><td>")
          .append(escape(item.kind().englishName()))
          .append("</td>");
      if (parts) {
        html.append("<td>")
            .append(DocumentFormat.period(item.part().start(), item.part().end(), zone))
            .append("</td>");
      }
      html.append("<td class=\"n\">")
          .append(DocumentFormat.quantity(item.quantity(), item.unit()))
          .append("</td><td class=\"n\">")
          .append(DocumentFormat.unitPrice(item.unitPrice(), currency, item.unit()))
          .append("</td><td class=\"n\">")
          .append(item.vatRatePercent().stripTrailingZeros().toPlainString())
          .append("\u00a0%</td><td class=\"n\">")
          .append(DocumentFormat.money(item.total(), currency))
          .append("</td></tr>");
    }
    html.append("<tr><td></td><td colspan=\"")
        .append(parts ? 5 : 4)
        .append("\"><strong>Metering point total</strong> (network usage ")
        .append(DocumentFormat.money(calculation.usageTotal(), currency))
        .append(", supply ")
        .append(DocumentFormat.money(calculation.supplyTotal(), currency))
        .append(")</td><td class=\"n\"><strong>")
        .append(DocumentFormat.money(calculation.total(), currency))
        .append("</strong></td></tr></table>");
  }

  /**
   * A bar chart of daily consumption with a labelled y axis (kWh per day, gridlines at round
   * values) and an x axis (day of month), in plain positioned boxes so that browsers and the PDF
   * renderer draw it the same way.
   */
  static void chart(StringBuilder html, List<DailyEnergy> days, boolean svg) {
    html.append("<div class=\"keep\"><h3>Daily consumption (active energy, kWh per day)</h3>");
    if (days.isEmpty()) {
      html.append("<p class=\"small\">No quarter-hour data: no daily consumption to show.</p>");
      html.append("</div>");
      return;
    }
    if (svg) {
      svgChart(html, days);
      html.append("</div>");
      return;
    }
    BigDecimal max =
        days.stream().map(DailyEnergy::activeImportKwh).reduce(BigDecimal.ONE, BigDecimal::max);
    double step = niceStep(max.doubleValue() / 4);
    int ticks = (int) Math.ceil(max.doubleValue() / step);
    double top = ticks * step;
    double plotWidth = CHART_WIDTH_MM - CHART_PLOT_LEFT_MM;
    double slot = plotWidth / days.size();
    html.append("<div class=\"chart\" style=\"width:").append(CHART_WIDTH_MM).append("mm\">");
    for (int t = 0; t <= ticks; t++) {
      double y = CHART_PLOT_TOP_MM + CHART_PLOT_HEIGHT_MM * (1 - t / (double) ticks);
      html.append("<div class=\"grid\" style=\"top:")
          .append(mm(y))
          .append("\"></div><div class=\"axis\" style=\"left:0;width:12mm;text-align:right;top:")
          .append(mm(y - 1.6))
          .append("\">")
          .append(
              DocumentFormat.grouped(
                  BigDecimal.valueOf(t * step)
                      .stripTrailingZeros()
                      .setScale(
                          Math.max(0, BigDecimal.valueOf(step).stripTrailingZeros().scale()),
                          java.math.RoundingMode.HALF_EVEN)))
          .append("</div>");
    }
    for (int i = 0; i < days.size(); i++) {
      DailyEnergy day = days.get(i);
      double height = CHART_PLOT_HEIGHT_MM * day.activeImportKwh().doubleValue() / top;
      double left = CHART_PLOT_LEFT_MM + i * slot + slot * 0.15;
      html.append("<div class=\"bar\" title=\"")
          .append(day.date())
          .append(": ")
          .append(day.activeImportKwh().toPlainString())
          .append(" kWh\" style=\"left:")
          .append(mm(left))
          .append(";width:")
          .append(mm(slot * 0.7))
          .append(";top:")
          .append(mm(CHART_PLOT_TOP_MM + CHART_PLOT_HEIGHT_MM - height))
          .append(";height:")
          .append(mm(height))
          .append("\"></div>");
      int dayOfMonth = day.date().getDayOfMonth();
      if (i == 0 || dayOfMonth % 5 == 0 || i == days.size() - 1) {
        html.append("<div class=\"axis\" style=\"text-align:center;width:8mm;left:")
            .append(mm(CHART_PLOT_LEFT_MM + i * slot + slot / 2 - 4))
            .append(";top:")
            .append(mm(CHART_PLOT_TOP_MM + CHART_PLOT_HEIGHT_MM + 1))
            .append("\">")
            .append(dayOfMonth)
            .append("</div>");
      }
    }
    html.append("<div class=\"axis\" style=\"left:0;top:")
        .append(mm(CHART_PLOT_TOP_MM + CHART_PLOT_HEIGHT_MM + 5))
        .append(";width:")
        .append(CHART_WIDTH_MM)
        .append("mm;text-align:center\">Day of month (")
        .append(days.get(0).date())
        .append(DocumentFormat.PERIOD_DASH)
        .append(days.get(days.size() - 1).date())
        .append("); y axis: kWh per day</div></div></div>");
  }

  /**
   * The same chart as inline SVG, for browsers (crisp at any zoom, each bar titled with its date
   * and energy). The PDF renderer draws no SVG, so the PDF uses the box variant.
   */
  private static void svgChart(StringBuilder html, List<DailyEnergy> days) {
    final int width = 640;
    final int height = 200;
    final int left = 48;
    final int top = 10;
    final int plotHeight = 150;
    BigDecimal max =
        days.stream().map(DailyEnergy::activeImportKwh).reduce(BigDecimal.ONE, BigDecimal::max);
    double step = niceStep(max.doubleValue() / 4);
    int ticks = (int) Math.ceil(max.doubleValue() / step);
    double axisTop = ticks * step;
    double slot = (width - left) / (double) days.size();
    html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"daily\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\" role=\"img\" aria-label=\"daily consumption in kWh\" font-size=\"10\"")
        .append(" font-family=\"Helvetica,Arial,sans-serif\" fill=\"#5a6470\">");
    for (int t = 0; t <= ticks; t++) {
      double y = top + plotHeight * (1 - t / (double) ticks);
      html.append("<line x1=\"")
          .append(left)
          .append("\" x2=\"")
          .append(width)
          .append("\" y1=\"")
          .append(px(y))
          .append("\" y2=\"")
          .append(px(y))
          .append("\" stroke=\"#d5dae0\"/><text x=\"")
          .append(left - 6)
          .append("\" y=\"")
          .append(px(y + 3))
          .append("\" text-anchor=\"end\">")
          .append(tickLabel(t, step))
          .append("</text>");
    }
    for (int i = 0; i < days.size(); i++) {
      DailyEnergy day = days.get(i);
      double barHeight = plotHeight * day.activeImportKwh().doubleValue() / axisTop;
      html.append("<rect x=\"")
          .append(px(left + i * slot + slot * 0.15))
          .append("\" y=\"")
          .append(px(top + plotHeight - barHeight))
          .append("\" width=\"")
          .append(px(slot * 0.7))
          .append("\" height=\"")
          .append(px(barHeight))
          .append("\" fill=\"#3a7bd5\"><title>")
          .append(day.date())
          .append(": ")
          .append(day.activeImportKwh().toPlainString())
          .append(" kWh</title></rect>");
      int dayOfMonth = day.date().getDayOfMonth();
      if (i == 0 || dayOfMonth % 5 == 0 || i == days.size() - 1) {
        html.append("<text x=\"")
            .append(px(left + i * slot + slot / 2))
            .append("\" y=\"")
            .append(top + plotHeight + 13)
            .append("\" text-anchor=\"middle\">")
            .append(dayOfMonth)
            .append("</text>");
      }
    }
    html.append("<text x=\"12\" y=\"")
        .append(top + plotHeight / 2)
        .append("\" text-anchor=\"middle\" transform=\"rotate(-90 12 ")
        .append(top + plotHeight / 2)
        .append(")\">kWh per day</text><text x=\"")
        .append(left + (width - left) / 2)
        .append("\" y=\"")
        .append(height - 4)
        .append("\" text-anchor=\"middle\">Day of month (")
        .append(days.get(0).date())
        .append(DocumentFormat.PERIOD_DASH)
        .append(days.get(days.size() - 1).date())
        .append(")</text></svg>");
  }

  private static String tickLabel(int tick, double step) {
    BigDecimal stepDecimal = BigDecimal.valueOf(step).stripTrailingZeros();
    return DocumentFormat.grouped(
        BigDecimal.valueOf(tick)
            .multiply(stepDecimal)
            .setScale(Math.max(0, stepDecimal.scale()), java.math.RoundingMode.HALF_EVEN));
  }

  private static String px(double value) {
    return String.format(java.util.Locale.ROOT, "%.1f", value);
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
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

  private static String mm(double value) {
    return String.format(java.util.Locale.ROOT, "%.2fmm", value);
  }

  /** VAT per rate and the totals, with the amount due. */
  static void totals(StringBuilder html, Invoice invoice, String dueLabel) {
    String currency = invoice.currency();
    html.append("<div class=\"keep\"><h2>Summary</h2><table class=\"vat\"><tr><th>VAT rate</th>")
        .append("<th class=\"n\">Taxable amount</th><th class=\"n\">VAT</th></tr>");
    for (VatLine line : invoice.vat()) {
      html.append("<tr><td>")
          .append(line.ratePercent().stripTrailingZeros().toPlainString())
          .append("\u00a0%</td><td class=\"n\">")
          .append(DocumentFormat.money(line.base(), currency))
          .append("</td><td class=\"n\">")
          .append(DocumentFormat.money(line.vat(), currency))
          .append("</td></tr>");
    }
    html.append("</table><table class=\"totals\" style=\"width:90mm;margin-left:auto\">")
        .append("<tr><td>Network usage</td><td class=\"n\">")
        .append(DocumentFormat.money(invoice.usageTotal(), currency))
        .append("</td></tr><tr><td>Electricity supply</td><td class=\"n\">")
        .append(DocumentFormat.money(invoice.supplyTotal(), currency))
        .append("</td></tr><tr><td>Total without VAT</td><td class=\"n\">")
        .append(DocumentFormat.money(invoice.netTotal(), currency))
        .append("</td></tr><tr><td>VAT</td><td class=\"n\">")
        .append(DocumentFormat.money(invoice.vatTotal(), currency))
        .append("</td></tr><tr class=\"due\"><td>")
        .append(escape(dueLabel))
        .append("</td><td class=\"n\">")
        .append(DocumentFormat.money(invoice.grossTotal(), currency))
        .append("</td></tr></table></div>");
  }
}
