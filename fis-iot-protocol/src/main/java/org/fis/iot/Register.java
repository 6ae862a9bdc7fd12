package org.fis.iot;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One register of a meter model: the field name devices use in the push body, what it measures and
 * in which unit the device sends it.
 *
 * <p>Values are stored exactly in milli base units (for example mWh); {@link #unit()} may carry a
 * decimal prefix ({@code kWh}, {@code MWh}), which {@link #milliFactor()} converts.
 *
 * @param name the field name in the push body, e.g. {@code VoltageL1AnyT0_V} or {@code 1-0:1.8.0}
 * @param quantity what the register measures
 * @param phase its phase, or {@link Phase#TOTAL}
 * @param direction its direction
 * @param tariff its tariff
 * @param unit the unit the device sends: the quantity's base unit, optionally prefixed by k or M
 * @param source documentation of where the value comes from (Modbus address, scaling), may be empty
 */
public record Register(
    String name,
    Quantity quantity,
    Phase phase,
    Direction direction,
    Tariff tariff,
    String unit,
    String source) {
  /** Longest register name. */
  public static final int NAME_LENGTH_MAX = 64;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:\\-*]{1,64}");

  /** Validates the register. */
  public Register {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(tariff, "tariff");
    Objects.requireNonNull(unit, "unit");
    source = source == null ? "" : source;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: must be 1.." + NAME_LENGTH_MAX + " of [A-Za-z0-9_.:-*], got '" + name + "'");
    }
    prefixFactor(unit, quantity);
  }

  /** How the register aggregates, from its quantity. */
  public RegisterKind kind() {
    return quantity.kind();
  }

  /** The factor from the sent unit to milli base units (1000 for V, 1 000 000 for kWh). */
  public BigDecimal milliFactor() {
    return BigDecimal.valueOf(milliFactorLong());
  }

  /** {@link #milliFactor()} as a long. */
  public long milliFactorLong() {
    return 1000L * prefixFactor(unit, quantity);
  }

  private static long prefixFactor(String unit, Quantity quantity) {
    String base = quantity.baseUnit();
    if (unit.equalsIgnoreCase(base)) {
      return 1;
    }
    if (unit.length() == base.length() + 1 && unit.substring(1).equalsIgnoreCase(base)) {
      switch (unit.charAt(0)) {
        case 'k':
          return 1_000L;
        case 'M':
          return 1_000_000L;
        default:
          break;
      }
    }
    throw new IllegalArgumentException(
        "unit: '" + unit + "' is not " + base + ", k" + base + " or M" + base + " for " + quantity);
  }
}
