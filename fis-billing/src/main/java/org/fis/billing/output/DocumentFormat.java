package org.fis.billing.output;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;

/**
 * How documents print numbers and dates: money at its currency's scale with thousands separators,
 * quantities with their unit, local ISO dates, inclusive periods. Stateless and thread-safe.
 */
final class DocumentFormat {
  /** The separator of an inclusive period, {@code 2026-10-01 – 2026-10-31}. */
  static final String PERIOD_DASH = " \u2013 ";

  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private DocumentFormat() {}

  /** The number of decimals of a currency's minor unit (2 when unknown). */
  static int currencyScale(String currency) {
    try {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      return digits < 0 ? 2 : digits;
    } catch (IllegalArgumentException e) {
      return 2;
    }
  }

  /** An amount of money at its currency's scale, e.g. {@code 4,004.71 EUR}. */
  static String money(BigDecimal amount, String currency) {
    return grouped(amount.setScale(currencyScale(currency), RoundingMode.HALF_EVEN))
        + "\u00a0"
        + currency;
  }

  /** An amount without the currency code, at the currency's scale. */
  static String moneyPlain(BigDecimal amount, String currency) {
    return grouped(amount.setScale(currencyScale(currency), RoundingMode.HALF_EVEN));
  }

  /**
   * A unit price: all its significant decimals, but never fewer than the currency's, e.g. {@code
   * 0.041 EUR/kWh} or {@code 2.65 EUR/month}.
   */
  static String unitPrice(BigDecimal price, String currency, String unit) {
    int scale = Math.max(currencyScale(currency), Math.max(0, price.stripTrailingZeros().scale()));
    return grouped(price.setScale(scale, RoundingMode.UNNECESSARY))
        + "\u00a0"
        + currency
        + "/"
        + unit;
  }

  /** A quantity with its unit, e.g. {@code 1,234 kWh}, {@code 0.9677 month}. */
  static String quantity(BigDecimal quantity, String unit) {
    return grouped(quantity) + "\u00a0" + unit;
  }

  /** A number with thousands separators, keeping its scale. */
  static String grouped(BigDecimal value) {
    DecimalFormat format =
        new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setMinimumFractionDigits(Math.max(0, value.scale()));
    format.setMaximumFractionDigits(Math.max(0, value.scale()));
    format.setRoundingMode(RoundingMode.UNNECESSARY);
    return format.format(value);
  }

  /** A local date, ISO. */
  static String date(LocalDate date) {
    return date.toString();
  }

  /** An instant as a local date and time in a zone, e.g. {@code 2026-10-31 19:45}. */
  static String localTime(Instant instant, ZoneId zone) {
    return LOCAL_TIME.format(instant.atZone(zone));
  }

  /** An inclusive period of local days. */
  static String period(LocalDate first, LocalDate last) {
    return date(first) + PERIOD_DASH + date(last);
  }

  /** The inclusive local days of a half-open interval {@code [start, end)}. */
  static String period(Instant start, Instant end, ZoneId zone) {
    LocalDate first = start.atZone(zone).toLocalDate();
    LocalDate last = end.atZone(zone).toLocalDate();
    boolean endsAtMidnight = end.atZone(zone).toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
    return period(first, endsAtMidnight ? last.minusDays(1) : last);
  }

  /** Text for (X)HTML: the five XML specials escaped. */
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
