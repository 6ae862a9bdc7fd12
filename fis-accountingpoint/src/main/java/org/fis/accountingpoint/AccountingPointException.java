package org.fis.accountingpoint;

/**
 * An infrastructure failure of this module (database unreachable, unexpected SQL error), carrying
 * the accounting point(s) involved. Unchecked.
 */
public final class AccountingPointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The accounting points involved, comma separated; may be empty. */
  private final String gsrns;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param gsrns the accounting points involved
   * @param cause the underlying failure
   */
  public AccountingPointException(String message, String gsrns, Throwable cause) {
    super(message + (gsrns.isEmpty() ? "" : " [accounting points: " + gsrns + "]"), cause);
    this.gsrns = gsrns;
  }

  /** The accounting points involved, comma separated. */
  public String gsrns() {
    return gsrns;
  }
}
