package org.fis.accountingpoint;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The energy direction(s) of an accounting point over {@code [validFrom, validTo)}.
 *
 * @param directions one or both directions
 * @param validFrom start, inclusive
 * @param validTo end, exclusive, or null for an open end
 */
public record EnergyDirectionPeriod(
    Set<EnergyDirection> directions, Instant validFrom, Instant validTo) implements TimelinePeriod {
  /** Validates the period and copies the set. */
  public EnergyDirectionPeriod {
    Objects.requireNonNull(directions, "directions");
    if (directions.isEmpty()) {
      throw new IllegalArgumentException("directions: must not be empty");
    }
    directions = Set.copyOf(EnumSet.copyOf(directions));
    TimelinePeriod.checkRange(validFrom, validTo);
  }

  /** The directions as stored: {@code consumption}, {@code production} or both joined by '+'. */
  public String code() {
    StringBuilder code = new StringBuilder();
    for (EnergyDirection direction : EnergyDirection.values()) {
      if (directions.contains(direction)) {
        code.append(code.length() == 0 ? "" : "+").append(direction.code());
      }
    }
    return code.toString();
  }

  /**
   * The directions of a stored code.
   *
   * @param code as returned by {@link #code()}
   * @return the set
   */
  public static Set<EnergyDirection> directionsOf(String code) {
    EnumSet<EnergyDirection> set = EnumSet.noneOf(EnergyDirection.class);
    for (String part : code.split("\\+", -1)) {
      EnergyDirection direction = EnergyDirection.ofCode(part);
      if (direction == null) {
        throw new IllegalArgumentException("code: unknown direction " + part);
      }
      set.add(direction);
    }
    return set;
  }
}
