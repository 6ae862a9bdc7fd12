package org.fis.billing.calculator;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A tariff model as data: a code and the items it bills. The calculator has one formula per {@link
 * ItemKind}; a model only selects which of them apply, so a new model needs no new class.
 *
 * <p>The four models of the reference system are provided as constants. Immutable and thread-safe.
 *
 * @param code a short stable identifier, stored on issued calculations
 * @param name a human-readable name
 * @param items the items billed, in any order; {@link #items()} returns them in invoice order
 */
public record TariffModel(String code, String name, Set<ItemKind> items) {
  private static final Set<ItemKind> SUPPLY =
      EnumSet.of(
          ItemKind.SUPPLY_ACTIVE_ENERGY_HIGH,
          ItemKind.SUPPLY_ACTIVE_ENERGY_LOW,
          ItemKind.SUPPLY_RENEWABLE_ENERGY_FEE,
          ItemKind.SUPPLY_BUSINESS_USAGE_FEE);

  /**
   * Low voltage, single tariff ("blue"): T0 energy, excess reactive energy, meter fee; supply in a
   * single tariff too, with the two fees.
   */
  public static final TariffModel SINGLE_TARIFF_LV =
      new TariffModel(
          "LV_SINGLE",
          "Low voltage, single tariff",
          EnumSet.of(
              ItemKind.USAGE_ACTIVE_ENERGY_SINGLE,
              ItemKind.USAGE_EXCESS_REACTIVE_ENERGY,
              ItemKind.USAGE_METER_FEE,
              ItemKind.SUPPLY_ACTIVE_ENERGY_SINGLE,
              ItemKind.SUPPLY_RENEWABLE_ENERGY_FEE,
              ItemKind.SUPPLY_BUSINESS_USAGE_FEE));

  /** Low voltage, dual tariff ("white"): T1 and T2 energy, excess reactive energy, meter fee. */
  public static final TariffModel DUAL_TARIFF_LV =
      withSupply(
          "LV_DUAL",
          "Low voltage, dual tariff",
          ItemKind.USAGE_ACTIVE_ENERGY_HIGH,
          ItemKind.USAGE_ACTIVE_ENERGY_LOW,
          ItemKind.USAGE_EXCESS_REACTIVE_ENERGY,
          ItemKind.USAGE_METER_FEE);

  /** Low voltage, dual tariff with peak power ("red"). */
  public static final TariffModel DUAL_TARIFF_POWER_LV =
      withSupply(
          "LV_DUAL_POWER",
          "Low voltage, dual tariff with peak power",
          ItemKind.USAGE_ACTIVE_ENERGY_HIGH,
          ItemKind.USAGE_ACTIVE_ENERGY_LOW,
          ItemKind.USAGE_PEAK_POWER_HIGH,
          ItemKind.USAGE_EXCESS_REACTIVE_ENERGY,
          ItemKind.USAGE_METER_FEE);

  /** Medium voltage ("white medium"): the items of the dual tariff with peak power. */
  public static final TariffModel MV =
      withSupply(
          "MV",
          "Medium voltage",
          ItemKind.USAGE_ACTIVE_ENERGY_HIGH,
          ItemKind.USAGE_ACTIVE_ENERGY_LOW,
          ItemKind.USAGE_PEAK_POWER_HIGH,
          ItemKind.USAGE_EXCESS_REACTIVE_ENERGY,
          ItemKind.USAGE_METER_FEE);

  /** The four models of the reference system. */
  public static final List<TariffModel> STANDARD =
      List.of(SINGLE_TARIFF_LV, DUAL_TARIFF_LV, DUAL_TARIFF_POWER_LV, MV);

  /** Validates the model and copies the items into invoice order. */
  public TariffModel {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(items, "items");
    if (code.isBlank()) {
      throw new IllegalArgumentException("code: must not be blank");
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException("items: a tariff model bills at least one item");
    }
    items = java.util.Collections.unmodifiableSet(EnumSet.copyOf(items));
  }

  /** Whether this model bills the given item. */
  public boolean bills(ItemKind kind) {
    return items.contains(kind);
  }

  /** Whether this model bills energy split into high and low tariff. */
  public boolean needsTariffSplit() {
    return items.contains(ItemKind.USAGE_ACTIVE_ENERGY_HIGH)
        || items.contains(ItemKind.USAGE_ACTIVE_ENERGY_LOW)
        || items.contains(ItemKind.SUPPLY_ACTIVE_ENERGY_HIGH)
        || items.contains(ItemKind.SUPPLY_ACTIVE_ENERGY_LOW);
  }

  /**
   * Looks up one of the {@link #STANDARD} models by code.
   *
   * @param code the model code
   * @return the model
   * @throws IllegalArgumentException when no standard model has this code
   */
  public static TariffModel standard(String code) {
    Objects.requireNonNull(code, "code");
    for (TariffModel model : STANDARD) {
      if (model.code.equals(code)) {
        return model;
      }
    }
    throw new IllegalArgumentException("code: no standard tariff model " + code);
  }

  private static TariffModel withSupply(String code, String name, ItemKind... usage) {
    Set<ItemKind> items = EnumSet.copyOf(SUPPLY);
    items.addAll(List.of(usage));
    return new TariffModel(code, name, items);
  }
}
