package org.fis.measure;

/**
 * A tariff register: T0 (single tariff, or the total of all tariffs), T1 (high, day) and T2 (low,
 * night).
 *
 * <p>Immutable and thread-safe. No database access.
 */
public enum Tariff {
  /** The single tariff, or the total T1 + T2 of a dual-tariff measure. */
  T0,
  /** The high (day) tariff. */
  T1,
  /** The low (night) tariff. */
  T2
}
