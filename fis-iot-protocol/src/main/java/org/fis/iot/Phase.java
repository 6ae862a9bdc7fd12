package org.fis.iot;

/** The phase a register belongs to: one of the three phases or the meter's total. */
public enum Phase {
  /** Phase 1. */
  L1,
  /** Phase 2. */
  L2,
  /** Phase 3. */
  L3,
  /** The meter's total (sum over phases) register. */
  TOTAL
}
