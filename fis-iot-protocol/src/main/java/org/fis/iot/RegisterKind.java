package org.fis.iot;

/**
 * How a register's values aggregate: instantaneous values (voltage, current, power) get count,
 * average, minimum and maximum with their times; cumulative counters (energy) get their first and
 * last reading with times.
 */
public enum RegisterKind {
  /** A value at an instant: V, A, W, var, VA. */
  INSTANTANEOUS,
  /** A counter that never runs backwards: Wh, varh, VAh. */
  CUMULATIVE
}
