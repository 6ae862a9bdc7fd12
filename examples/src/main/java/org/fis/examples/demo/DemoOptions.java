package org.fis.examples.demo;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The size and shape of one demo run.
 *
 * @param accountingPoints accounting points the simulated datahub serves and the host syncs; one
 *     network user each
 * @param meters meters pushing readings, assigned to the accounting points round robin
 * @param months how many months of quarter-hour readings, starting at {@code firstMonth}
 * @param firstMonth the first month billed (October 2026 by default: it holds the 25-hour day)
 * @param zone the zone of days, months and tariff windows
 * @param reportDirectory where the HTML report is written
 */
public record DemoOptions(
    int accountingPoints,
    int meters,
    int months,
    YearMonth firstMonth,
    ZoneId zone,
    Path reportDirectory) {
  /** Most accounting points a demo run takes. */
  public static final int ACCOUNTING_POINTS_MAX = 10_000;

  /** Most meters a demo run takes. */
  public static final int METERS_MAX = 10_000;

  /** Most months a demo run takes. */
  public static final int MONTHS_MAX = 24;

  /** Validates the options, naming the command-line option in every error. */
  public DemoOptions {
    range(accountingPoints, 1, ACCOUNTING_POINTS_MAX, "--accounting-points");
    range(meters, 1, METERS_MAX, "--meters");
    range(months, 1, MONTHS_MAX, "--months");
    Objects.requireNonNull(firstMonth, "--month");
    Objects.requireNonNull(zone, "--zone");
    Objects.requireNonNull(reportDirectory, "--report");
  }

  private static void range(int value, int min, int max, String option) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          option + ": must be between " + min + " and " + max + ", got " + value);
    }
  }
}
