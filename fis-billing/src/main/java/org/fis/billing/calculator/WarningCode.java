package org.fis.billing.calculator;

/** Why a calculation carries a {@link Warning}. Immutable and thread-safe. */
public enum WarningCode {
  /** No register reading within the tolerance of a boundary; a farther reading was used. */
  READING_OUTSIDE_TOLERANCE,
  /** The meter has neither readings nor quarter hours for a part of the period: billed as zero. */
  NO_USAGE_DATA,
  /** Quarter hours are missing in a part where quarter-hour data was billed. */
  QUARTER_HOURS_MISSING,
  /** The meter's T1/T2 registers disagree with the tariff calendar beyond the tolerance. */
  TARIFF_REGISTERS_DISAGREE_WITH_CALENDAR,
  /** No T1/T2 registers and no quarter hours: all energy was billed in the high tariff. */
  TARIFF_SPLIT_UNAVAILABLE,
  /** No reactive registers or reactive quarter-hour data: excess reactive energy billed as zero. */
  REACTIVE_DATA_MISSING,
  /** No quarter hours inside a part: peak power billed as zero. */
  PEAK_DATA_MISSING,
  /** A register decreased between two boundaries (reset or replacement): that amount is zero. */
  REGISTER_DECREASED
}
