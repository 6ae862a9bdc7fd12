package org.fis.iot;

/** The energy flow direction of a register. */
public enum Direction {
  /** Non-directional (voltage, current). */
  ANY,
  /** Signed net value (import positive). */
  NET,
  /** Import (consumption). */
  IMPORT,
  /** Export (production). */
  EXPORT
}
