package org.fis.billing;

/**
 * An infrastructure failure of fis-billing (the database refused a statement, a stored document
 * could not be read), carrying the ids involved in its message. Business outcomes are result
 * values, never this exception; caller errors are {@link IllegalArgumentException}s.
 *
 * <p>The caller's transaction is left as the failure left it: the caller rolls it back.
 */
public final class BillingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed, with the ids involved
   * @param cause the underlying failure
   */
  public BillingException(String message, Throwable cause) {
    super(message, cause);
  }
}
