/**
 * Calendar math for metering and billing: half-open {@link org.fis.measure.time.Interval}s, quarter
 * hours floored in UTC ({@link org.fis.measure.time.QuarterHours}), and days, months, years and
 * billing periods in a configured zone with daylight saving time ({@link
 * org.fis.measure.time.BillingCalendar}). Pure JDK.
 */
package org.fis.measure.time;
