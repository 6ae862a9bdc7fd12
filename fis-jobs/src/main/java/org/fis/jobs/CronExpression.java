package org.fis.jobs;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Objects;
import java.util.Optional;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) evaluated in a
 * time zone. Each field is {@code *}, a number, a range {@code a-b}, a step {@code * /s} or {@code
 * a-b/s} (without the space), or a comma-separated list of those. Day of week is 0–7 (0 and 7 are
 * Sunday). As in classic cron, when both day fields are restricted a day matches if either does.
 * Names ({@code MON}, {@code JAN}) and the extensions {@code L}, {@code W}, {@code #}, {@code ?}
 * are not supported and rejected.
 *
 * <p><b>Daylight-saving time.</b> Times are local wall-clock times in the zone. A local time that
 * does not exist (spring forward: 02:30 on a day when clocks jump from 02:00 to 03:00) fires once,
 * at the instant that local time would have had, moved later by the length of the gap (03:30 local,
 * the {@link ZonedDateTime#ofLocal} rule); if that instant is also matched on its own, it still
 * fires once. A local time that occurs twice (fall back: 02:30 on a day when clocks go from 03:00
 * back to 02:00) fires once, at its first occurrence (the earlier offset). So a daily job runs
 * exactly once every local day; an every-15-minutes job skips the repeated hour's second pass.
 *
 * <p>Immutable and thread-safe.
 */
public final class CronExpression {
  /** How many days ahead {@link #next} looks before it concludes that nothing ever matches. */
  public static final int SEARCH_DAYS_MAX = 366 * 8;

  private static final int EXPRESSION_LENGTH_MAX = 200;

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean dayOfMonthRestricted;
  private final boolean dayOfWeekRestricted;

  private CronExpression(
      String text, BitSet[] fields, boolean domRestricted, boolean dowRestricted) {
    this.text = text;
    this.minutes = fields[0];
    this.hours = fields[1];
    this.daysOfMonth = fields[2];
    this.months = fields[3];
    this.daysOfWeek = fields[4];
    this.dayOfMonthRestricted = domRestricted;
    this.dayOfWeekRestricted = dowRestricted;
  }

  /**
   * Parses an expression.
   *
   * @param expression five fields separated by spaces, e.g. {@code "30 2 * * *"}
   * @return the expression
   * @throws IllegalArgumentException naming the field and the reason when it does not parse
   */
  public static CronExpression parse(String expression) {
    Objects.requireNonNull(expression, "expression");
    if (expression.length() > EXPRESSION_LENGTH_MAX) {
      throw new IllegalArgumentException(
          "cron: longer than " + EXPRESSION_LENGTH_MAX + " characters");
    }
    String[] parts = expression.trim().split("\\s+");
    if (parts.length != 5) {
      throw new IllegalArgumentException(
          "cron: expected 5 fields (minute hour day-of-month month day-of-week), got "
              + parts.length
              + " in '"
              + expression
              + "'");
    }
    String[] names = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    int[] mins = {0, 0, 1, 1, 0};
    int[] maxs = {59, 23, 31, 12, 7};
    BitSet[] fields = new BitSet[5];
    for (int i = 0; i < 5; i++) {
      fields[i] = parseField(parts[i], names[i], mins[i], maxs[i]);
    }
    if (fields[4].get(7)) {
      fields[4].set(0);
      fields[4].clear(7);
    }
    String normalised = String.join(" ", parts);
    return new CronExpression(normalised, fields, !parts[2].equals("*"), !parts[4].equals("*"));
  }

  private static BitSet parseField(String field, String name, int min, int max) {
    BitSet bits = new BitSet(max + 1);
    for (String item : field.split(",", -1)) {
      if (item.isEmpty()) {
        throw new IllegalArgumentException("cron " + name + ": empty list item in '" + field + "'");
      }
      int step = 1;
      String range = item;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        step = number(item.substring(slash + 1), name, 1, max);
        range = item.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.indexOf('-') > 0) {
        from = number(range.substring(0, range.indexOf('-')), name, min, max);
        to = number(range.substring(range.indexOf('-') + 1), name, min, max);
        if (from > to) {
          throw new IllegalArgumentException(
              "cron " + name + ": range " + range + " runs backwards");
        }
      } else {
        from = number(range, name, min, max);
        to = slash >= 0 ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String text, String name, int min, int max) {
    if (text.isEmpty() || text.length() > 2 || !text.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("cron " + name + ": '" + text + "' is not a number");
    }
    int value = Integer.parseInt(text);
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "cron " + name + ": " + value + " is outside " + min + "-" + max);
    }
    return value;
  }

  /**
   * The first instant strictly after {@code after} that the expression matches in {@code zone}.
   *
   * @param after the exclusive lower bound
   * @param zone the zone the fields are read in
   * @return the instant, or empty when nothing matches within {@value #SEARCH_DAYS_MAX} days (e.g.
   *     {@code 0 0 31 2 *})
   */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    Objects.requireNonNull(after, "after");
    Objects.requireNonNull(zone, "zone");
    LocalDate day = LocalDateTime.ofInstant(after, zone).toLocalDate().minusDays(1);
    for (int i = 0; i < SEARCH_DAYS_MAX; i++, day = day.plusDays(1)) {
      // A gap can move a candidate of one day past early candidates of the next one, so the
      // earliest instant is taken over two consecutive days.
      Instant best = earliestOn(day, zone, after, null);
      best = earliestOn(day.plusDays(1), zone, after, best);
      if (best != null) {
        return Optional.of(best);
      }
    }
    return Optional.empty();
  }

  private Instant earliestOn(LocalDate day, ZoneId zone, Instant after, Instant best) {
    if (!matches(day)) {
      return best;
    }
    for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
      for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
        Instant candidate =
            ZonedDateTime.ofLocal(day.atTime(LocalTime.of(h, m)), zone, null).toInstant();
        if (candidate.isAfter(after) && (best == null || candidate.isBefore(best))) {
          best = candidate;
        }
      }
    }
    return best;
  }

  private boolean matches(LocalDate day) {
    if (!months.get(day.getMonthValue())) {
      return false;
    }
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    DayOfWeek weekday = day.getDayOfWeek();
    boolean dow = daysOfWeek.get(weekday == DayOfWeek.SUNDAY ? 0 : weekday.getValue());
    if (dayOfMonthRestricted && dayOfWeekRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronExpression that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /** The expression, fields separated by single spaces. */
  @Override
  public String toString() {
    return text;
  }
}
