package org.fis.measure;

/**
 * What a quantity measures, with its base unit. Quantities of different kinds never combine: adding
 * energy to power, or active to reactive energy, throws {@link MeasureMismatchException}.
 *
 * <p>Immutable and thread-safe. No database access.
 */
public enum MeasureKind {
  /** Active energy, base unit watt-hour (Wh). */
  ACTIVE_ENERGY("Wh"),
  /** Reactive energy, base unit volt-ampere-reactive-hour (varh). */
  REACTIVE_ENERGY("varh"),
  /** Apparent energy, base unit volt-ampere-hour (VAh). */
  APPARENT_ENERGY("VAh"),
  /** Active power, base unit watt (W). */
  ACTIVE_POWER("W"),
  /** Reactive power, base unit volt-ampere reactive (var). */
  REACTIVE_POWER("var"),
  /** Apparent power, base unit volt-ampere (VA). */
  APPARENT_POWER("VA"),
  /** Voltage, base unit volt (V). */
  VOLTAGE("V"),
  /** Current, base unit ampere (A). */
  CURRENT("A"),
  /**
   * An amount of money in the caller's currency (the algebra does not know currencies), base unit
   * "¤". Used by {@link ExpenditureMeasure}.
   */
  MONEY("¤");

  private final String baseUnitSymbol;

  MeasureKind(String baseUnitSymbol) {
    this.baseUnitSymbol = baseUnitSymbol;
  }

  /**
   * The symbol of the base unit, e.g. {@code Wh}.
   *
   * @return the symbol
   */
  public String baseUnitSymbol() {
    return baseUnitSymbol;
  }

  /**
   * The base unit, e.g. {@link Unit#WH} for {@link #ACTIVE_ENERGY}.
   *
   * @return the unit whose exponent is 0
   */
  public Unit baseUnit() {
    return Unit.base(this);
  }

  /**
   * Whether this is an energy (Wh, varh, VAh).
   *
   * @return true for the three energies
   */
  public boolean isEnergy() {
    return this == ACTIVE_ENERGY || this == REACTIVE_ENERGY || this == APPARENT_ENERGY;
  }

  /**
   * Whether this is a power (W, var, VA).
   *
   * @return true for the three powers
   */
  public boolean isPower() {
    return this == ACTIVE_POWER || this == REACTIVE_POWER || this == APPARENT_POWER;
  }

  /**
   * The power whose integral over time is this energy: Wh → W, varh → var, VAh → VA.
   *
   * @return the power kind
   * @throws MeasureMismatchException if this is not an energy
   */
  public MeasureKind power() {
    switch (this) {
      case ACTIVE_ENERGY:
        return ACTIVE_POWER;
      case REACTIVE_ENERGY:
        return REACTIVE_POWER;
      case APPARENT_ENERGY:
        return APPARENT_POWER;
      default:
        throw new MeasureMismatchException("power: " + this + " is not an energy");
    }
  }

  /**
   * The energy that is this power integrated over time: W → Wh, var → varh, VA → VAh.
   *
   * @return the energy kind
   * @throws MeasureMismatchException if this is not a power
   */
  public MeasureKind energy() {
    switch (this) {
      case ACTIVE_POWER:
        return ACTIVE_ENERGY;
      case REACTIVE_POWER:
        return REACTIVE_ENERGY;
      case APPARENT_POWER:
        return APPARENT_ENERGY;
      default:
        throw new MeasureMismatchException("energy: " + this + " is not a power");
    }
  }
}
