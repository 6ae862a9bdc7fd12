package org.fis.iot;

/**
 * An infrastructure failure of this module (database, serialization of our own output), carrying
 * the ids involved. Bad input never raises it: that is a result or a 4xx response.
 */
public final class IotException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whether retrying the whole transaction may succeed (deadlock, concurrent insert). */
  private final boolean retryable;

  /**
   * Creates the exception.
   *
   * @param message what failed, with the ids involved
   * @param cause the underlying failure, may be null
   */
  public IotException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /**
   * Creates the exception.
   *
   * @param message what failed, with the ids involved
   * @param cause the underlying failure, may be null
   * @param retryable whether retrying the whole transaction may succeed
   */
  public IotException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /**
   * Whether retrying the whole transaction may succeed: a deadlock, a serialization failure, or a
   * concurrent transaction that stored the same meter reading first.
   *
   * @return true if retryable
   */
  public boolean retryable() {
    return retryable;
  }
}
