package org.fis.billing.calculator;

/**
 * The billing items of a calculation, in invoice order. Usage items are the network-usage fee
 * (priced from the usage catalogue of the location's tariff model); supply items are the
 * electricity supply and the regulated fees (priced from the supply catalogue).
 *
 * <p>Immutable and thread-safe.
 */
public enum ItemKind {
  /** Network usage, active energy imported, single tariff (T0). */
  USAGE_ACTIVE_ENERGY_SINGLE(ItemGroup.USAGE, "1.1", "kWh", "Network usage, single tariff"),
  /** Network usage, active energy imported in the high tariff (T1). */
  USAGE_ACTIVE_ENERGY_HIGH(ItemGroup.USAGE, "1.2", "kWh", "Network usage, high tariff"),
  /** Network usage, active energy imported in the low tariff (T2). */
  USAGE_ACTIVE_ENERGY_LOW(ItemGroup.USAGE, "1.3", "kWh", "Network usage, low tariff"),
  /** Peak power: the highest quarter-hour mean import power in the high tariff. */
  USAGE_PEAK_POWER_HIGH(ItemGroup.USAGE, "1.4", "kW", "Peak power, high tariff"),
  /** Excess reactive energy: max(0, |Q import| + |Q export| − k × P import). */
  USAGE_EXCESS_REACTIVE_ENERGY(ItemGroup.USAGE, "1.5", "kvarh", "Excess reactive energy"),
  /** Meter fee per month, prorated by the days the location is active. */
  USAGE_METER_FEE(ItemGroup.USAGE, "1.6", "month", "Meter fee"),
  /**
   * Supply, active energy imported, single tariff: for single-tariff models (the reference bills
   * supply only as T1/T2; a single-tariff meter has no split to bill).
   */
  SUPPLY_ACTIVE_ENERGY_SINGLE(ItemGroup.SUPPLY, "2.0", "kWh", "Electricity supply, single tariff"),
  /** Supply, active energy imported in the high tariff. */
  SUPPLY_ACTIVE_ENERGY_HIGH(ItemGroup.SUPPLY, "2.1", "kWh", "Electricity supply, high tariff"),
  /** Supply, active energy imported in the low tariff. */
  SUPPLY_ACTIVE_ENERGY_LOW(ItemGroup.SUPPLY, "2.2", "kWh", "Electricity supply, low tariff"),
  /** Renewable energy fee, on all active energy imported. */
  SUPPLY_RENEWABLE_ENERGY_FEE(ItemGroup.SUPPLY, "2.3", "kWh", "Renewable energy fee"),
  /** Business usage fee, on all active energy imported. */
  SUPPLY_BUSINESS_USAGE_FEE(ItemGroup.SUPPLY, "2.4", "kWh", "Business usage fee");

  private final ItemGroup group;
  private final String ordinalLabel;
  private final String unit;
  private final String englishName;

  ItemKind(ItemGroup group, String ordinalLabel, String unit, String englishName) {
    this.group = group;
    this.ordinalLabel = ordinalLabel;
    this.unit = unit;
    this.englishName = englishName;
  }

  /** Usage or supply. */
  public ItemGroup group() {
    return group;
  }

  /** The position on the invoice, {@code 1.1} … {@code 2.4}. */
  public String ordinalLabel() {
    return ordinalLabel;
  }

  /** The unit of the item's quantity: {@code kWh}, {@code kW}, {@code kvarh} or {@code month}. */
  public String unit() {
    return unit;
  }

  /** The English label. */
  public String englishName() {
    return englishName;
  }

  /** Whether billing a period in two parts gives the sum of billing it whole (before rounding). */
  public boolean additive() {
    return this != USAGE_PEAK_POWER_HIGH && this != USAGE_EXCESS_REACTIVE_ENERGY;
  }
}
