package org.fis.measure;

/**
 * Thrown when operands cannot be combined: different kinds (energy + power, active + reactive), or
 * representations that have no lossless conversion (a single tariff asked for its T1 part, a net
 * value asked for its import part, statistics added to statistics). It is an {@link
 * IllegalArgumentException} because it is always a caller's misuse of the algebra, never a data
 * condition: missing data is an explicit "not available" value, not an exception.
 *
 * <p>Immutable and thread-safe. No database access.
 */
public final class MeasureMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what did not match and why
   */
  public MeasureMismatchException(String message) {
    super(message);
  }
}
