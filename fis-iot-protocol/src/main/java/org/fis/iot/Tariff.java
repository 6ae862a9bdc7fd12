package org.fis.iot;

/** The tariff a register counts in. */
public enum Tariff {
  /** Single tariff (all hours). */
  T0,
  /** High tariff. */
  T1,
  /** Low tariff. */
  T2
}
