package org.fis.iot;

/** The physical quantity a register measures, with its base unit and aggregation kind. */
public enum Quantity {
  /** Voltage in V. */
  VOLTAGE("V", RegisterKind.INSTANTANEOUS),
  /** Current in A. */
  CURRENT("A", RegisterKind.INSTANTANEOUS),
  /** Active power in W. */
  ACTIVE_POWER("W", RegisterKind.INSTANTANEOUS),
  /** Reactive power in var. */
  REACTIVE_POWER("var", RegisterKind.INSTANTANEOUS),
  /** Apparent power in VA. */
  APPARENT_POWER("VA", RegisterKind.INSTANTANEOUS),
  /** Active energy in Wh. */
  ACTIVE_ENERGY("Wh", RegisterKind.CUMULATIVE),
  /** Reactive energy in varh. */
  REACTIVE_ENERGY("varh", RegisterKind.CUMULATIVE),
  /** Apparent energy in VAh. */
  APPARENT_ENERGY("VAh", RegisterKind.CUMULATIVE);

  private final String baseUnit;
  private final RegisterKind kind;

  Quantity(String baseUnit, RegisterKind kind) {
    this.baseUnit = baseUnit;
    this.kind = kind;
  }

  /** The SI base unit every stored value of this quantity is in. */
  public String baseUnit() {
    return baseUnit;
  }

  /** How values of this quantity aggregate. */
  public RegisterKind kind() {
    return kind;
  }

  /** For energy: the power quantity of its mean over time (Wh → W); otherwise null. */
  public Quantity powerOfEnergy() {
    return switch (this) {
      case ACTIVE_ENERGY -> ACTIVE_POWER;
      case REACTIVE_ENERGY -> REACTIVE_POWER;
      case APPARENT_ENERGY -> APPARENT_POWER;
      default -> null;
    };
  }
}
