package org.fis.billing.calculator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The explicit rounding policy of a calculation: one {@link ItemRounding} per item, and the scale
 * and mode of subtotals, totals and VAT. The {@link #defaults()} reproduce the reference system:
 * {@link RoundingMode#HALF_EVEN} everywhere; readings to 2 decimals of kWh/kW/kvarh, energy and
 * power quantities to whole units; energy and reactive prices to 6 decimals, power and meter-fee
 * prices to 3; money to 2 decimals. Meter-fee quantities (months) keep 4 decimals for proration.
 *
 * <p>Immutable and thread-safe.
 *
 * @param items the rounding of every item
 * @param totalScale decimal places of subtotals, totals and VAT
 * @param totalMode rounding mode of subtotals, totals and VAT
 */
public record RoundingPolicy(
    Map<ItemKind, ItemRounding> items, int totalScale, RoundingMode totalMode) {
  /** Validates the policy: every item has a rounding. */
  public RoundingPolicy {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(totalMode, "totalMode");
    for (ItemKind kind : ItemKind.values()) {
      if (!items.containsKey(kind)) {
        throw new IllegalArgumentException("items: no rounding for " + kind);
      }
    }
    if (totalScale < 0 || totalScale > ItemRounding.SCALE_MAX) {
      throw new IllegalArgumentException("totalScale: out of range, got " + totalScale);
    }
    if (totalMode == RoundingMode.UNNECESSARY) {
      throw new IllegalArgumentException("totalMode: UNNECESSARY would throw on real data");
    }
    items = java.util.Collections.unmodifiableMap(new EnumMap<>(items));
  }

  /** The reference system's rounding (see the type's javadoc). */
  public static RoundingPolicy defaults() {
    RoundingMode mode = RoundingMode.HALF_EVEN;
    ItemRounding energy = new ItemRounding(2, 0, 6, 2, mode);
    Map<ItemKind, ItemRounding> items = new EnumMap<>(ItemKind.class);
    for (ItemKind kind : ItemKind.values()) {
      items.put(kind, energy);
    }
    items.put(ItemKind.USAGE_PEAK_POWER_HIGH, new ItemRounding(2, 0, 3, 2, mode));
    items.put(ItemKind.USAGE_METER_FEE, new ItemRounding(4, 4, 3, 2, mode));
    return new RoundingPolicy(items, 2, mode);
  }

  /** The rounding of one item. */
  public ItemRounding item(ItemKind kind) {
    return items.get(kind);
  }

  /** This policy with another rounding for one item. */
  public RoundingPolicy withItem(ItemKind kind, ItemRounding rounding) {
    Map<ItemKind, ItemRounding> copy = new EnumMap<>(items);
    copy.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(rounding, "rounding"));
    return new RoundingPolicy(copy, totalScale, totalMode);
  }

  /** This policy with every item and the totals in another rounding mode. */
  public RoundingPolicy withMode(RoundingMode mode) {
    Map<ItemKind, ItemRounding> copy = new EnumMap<>(ItemKind.class);
    items.forEach((kind, rounding) -> copy.put(kind, rounding.withMode(mode)));
    return new RoundingPolicy(copy, totalScale, mode);
  }

  /** This policy with another scale for totals. */
  public RoundingPolicy withTotalScale(int scale) {
    return new RoundingPolicy(items, scale, totalMode);
  }

  /** Rounds a subtotal, total or VAT amount. */
  public BigDecimal total(BigDecimal value) {
    return value.setScale(totalScale, totalMode);
  }
}
