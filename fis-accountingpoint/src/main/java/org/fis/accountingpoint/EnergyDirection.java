package org.fis.accountingpoint;

/** One direction of energy flow at an accounting point: the contract's {@code direction} items. */
public enum EnergyDirection {
  /** Energy taken from the grid. */
  CONSUMPTION("consumption"),
  /** Energy fed into the grid. */
  PRODUCTION("production");

  private final String code;

  EnergyDirection(String code) {
    this.code = code;
  }

  /** The contract's spelling. */
  public String code() {
    return code;
  }

  /**
   * The direction with the given code.
   *
   * @param code {@code consumption} or {@code production}
   * @return the direction, or {@code null} if unknown
   */
  public static EnergyDirection ofCode(String code) {
    for (EnergyDirection direction : values()) {
      if (direction.code.equals(code)) {
        return direction;
      }
    }
    return null;
  }
}
