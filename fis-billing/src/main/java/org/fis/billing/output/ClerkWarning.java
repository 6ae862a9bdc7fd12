package org.fis.billing.output;

import org.fis.billing.calculator.WarningCode;

/**
 * A warning worded for a billing clerk: what happened, in the words of the job, and what to do
 * before sending. Printed on the internal review page only, never on the customer's copy.
 *
 * @param title what happened
 * @param action what the clerk does about it
 */
record ClerkWarning(String title, String action) {
  static ClerkWarning of(WarningCode code) {
    return switch (code) {
      case READING_OUTSIDE_TOLERANCE ->
          new ClerkWarning(
              "A meter reading at the start or end of the period is missing; the nearest reading"
                  + " was used instead.",
              "Check the reading date below. If it is far from the period boundary, ask metering"
                  + " for the missing reading before sending.");
      case NO_USAGE_DATA ->
          new ClerkWarning(
              "There is no meter data for part of the period, so that energy was billed as zero.",
              "Do not send until metering confirms whether the meter was switched off or its data"
                  + " is missing.");
      case QUARTER_HOURS_MISSING ->
          new ClerkWarning(
              "Some quarter-hour values are missing, so the peak power and the high/low tariff"
                  + " split may be too low.",
              "Ask metering whether the data can be re-sent; issue once it is complete, or send"
                  + " as is if the gap is known and accepted.");
      case TARIFF_REGISTERS_DISAGREE_WITH_CALENDAR ->
          new ClerkWarning(
              "The meter's high/low tariff registers do not match the tariff times: the meter"
                  + " probably missed a tariff switch. The invoice bills what the meter registered.",
              "Compare with the previous month and ask metering to check the meter's tariff"
                  + " clock before sending.");
      case TARIFF_SPLIT_UNAVAILABLE ->
          new ClerkWarning(
              "The meter has no high/low registers and no quarter-hour data, so all energy was"
                  + " billed at the high-tariff price.",
              "Check the meter's configuration; the customer may be overcharged.");
      case REACTIVE_DATA_MISSING ->
          new ClerkWarning(
              "The meter sent no reactive energy data, so excess reactive energy was billed as"
                  + " zero.",
              "Check the meter's configuration with metering.");
      case PEAK_DATA_MISSING ->
          new ClerkWarning(
              "There is no quarter-hour data to find the peak power, so peak power was billed as"
                  + " zero.",
              "Ask metering for the quarter-hour data before sending.");
      case REGISTER_DECREASED ->
          new ClerkWarning(
              "A meter register went backwards (the meter was probably replaced or reset), so"
                  + " that energy was billed as zero.",
              "Get the old meter's final reading and the new meter's first reading from metering,"
                  + " then correct the invoice.");
    };
  }
}
