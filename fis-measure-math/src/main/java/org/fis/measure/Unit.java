package org.fis.measure;

import java.util.Objects;

/**
 * A unit of a {@link MeasureKind}: the base unit and its decimal multiples (k, M, G). Conversions
 * between units of one kind are exact (powers of ten); conversions across kinds are impossible.
 *
 * <p>Immutable and thread-safe. No database access.
 */
public enum Unit {
  /** Watt-hour. */
  WH(MeasureKind.ACTIVE_ENERGY, "Wh", 0),
  /** Kilowatt-hour. */
  KWH(MeasureKind.ACTIVE_ENERGY, "kWh", 3),
  /** Megawatt-hour. */
  MWH(MeasureKind.ACTIVE_ENERGY, "MWh", 6),
  /** Gigawatt-hour. */
  GWH(MeasureKind.ACTIVE_ENERGY, "GWh", 9),
  /** Var-hour. */
  VARH(MeasureKind.REACTIVE_ENERGY, "varh", 0),
  /** Kilovar-hour. */
  KVARH(MeasureKind.REACTIVE_ENERGY, "kvarh", 3),
  /** Megavar-hour. */
  MVARH(MeasureKind.REACTIVE_ENERGY, "Mvarh", 6),
  /** Volt-ampere-hour. */
  VAH(MeasureKind.APPARENT_ENERGY, "VAh", 0),
  /** Kilovolt-ampere-hour. */
  KVAH(MeasureKind.APPARENT_ENERGY, "kVAh", 3),
  /** Megavolt-ampere-hour. */
  MVAH(MeasureKind.APPARENT_ENERGY, "MVAh", 6),
  /** Watt. */
  W(MeasureKind.ACTIVE_POWER, "W", 0),
  /** Kilowatt. */
  KW(MeasureKind.ACTIVE_POWER, "kW", 3),
  /** Megawatt. */
  MW(MeasureKind.ACTIVE_POWER, "MW", 6),
  /** Volt-ampere reactive. */
  VAR(MeasureKind.REACTIVE_POWER, "var", 0),
  /** Kilovar. */
  KVAR(MeasureKind.REACTIVE_POWER, "kvar", 3),
  /** Megavar. */
  MVAR(MeasureKind.REACTIVE_POWER, "Mvar", 6),
  /** Volt-ampere. */
  VA(MeasureKind.APPARENT_POWER, "VA", 0),
  /** Kilovolt-ampere. */
  KVA(MeasureKind.APPARENT_POWER, "kVA", 3),
  /** Megavolt-ampere. */
  MVA(MeasureKind.APPARENT_POWER, "MVA", 6),
  /** Volt. */
  V(MeasureKind.VOLTAGE, "V", 0),
  /** Kilovolt. */
  KV(MeasureKind.VOLTAGE, "kV", 3),
  /** Ampere. */
  A(MeasureKind.CURRENT, "A", 0),
  /** Kiloampere. */
  KA(MeasureKind.CURRENT, "kA", 3),
  /** One unit of the caller's currency. */
  MONEY(MeasureKind.MONEY, "¤", 0);

  private final MeasureKind kind;
  private final String symbol;
  private final int exponent;

  Unit(MeasureKind kind, String symbol, int exponent) {
    this.kind = kind;
    this.symbol = symbol;
    this.exponent = exponent;
  }

  /**
   * The kind this unit measures.
   *
   * @return the kind
   */
  public MeasureKind kind() {
    return kind;
  }

  /**
   * The symbol, e.g. {@code kWh}.
   *
   * @return the symbol
   */
  public String symbol() {
    return symbol;
  }

  /**
   * The power of ten of this unit relative to the base unit: 3 for kWh.
   *
   * @return the exponent, 0 for base units
   */
  public int exponent() {
    return exponent;
  }

  /**
   * The unit with this symbol (case-sensitive: {@code MWh} is not {@code mWh}).
   *
   * @param symbol e.g. {@code kWh}
   * @return the unit
   * @throws IllegalArgumentException naming the symbol if there is no such unit
   */
  public static Unit ofSymbol(String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    for (Unit unit : values()) {
      if (unit.symbol.equals(symbol)) {
        return unit;
      }
    }
    throw new IllegalArgumentException("symbol: unknown unit '" + symbol + "'");
  }

  static Unit base(MeasureKind kind) {
    for (Unit unit : values()) {
      if (unit.kind == kind && unit.exponent == 0) {
        return unit;
      }
    }
    throw new AssertionError("no base unit for " + kind);
  }
}
