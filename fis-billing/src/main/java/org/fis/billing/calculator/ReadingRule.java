package org.fis.billing.calculator;

/**
 * Which register reading stands for "the reading at instant t" at a billing boundary. Immutable and
 * thread-safe.
 */
public enum ReadingRule {
  /** The first reading at or after t (the reference system: the start of the quarter hour at t). */
  FIRST_AT_OR_AFTER,
  /** The last reading at or before t. */
  LAST_AT_OR_BEFORE
}
