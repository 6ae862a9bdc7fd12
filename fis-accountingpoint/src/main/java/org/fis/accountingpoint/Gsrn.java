package org.fis.accountingpoint;

import java.util.Objects;

/**
 * A Global Service Relation Number: the 18-digit id of an accounting point, with a valid GS1 check
 * digit. Immutable.
 *
 * @param value the 18 digits
 */
public record Gsrn(String value) {
  /** Validates the GSRN. */
  public Gsrn {
    Objects.requireNonNull(value, "value");
    String problem = BusinessIds.gsrnProblem(value);
    if (problem != null) {
      throw new IllegalArgumentException("gsrn: " + problem + ": " + value);
    }
  }

  /**
   * Parses a GSRN.
   *
   * @param value the 18 digits
   * @return the GSRN
   */
  public static Gsrn of(String value) {
    return new Gsrn(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
