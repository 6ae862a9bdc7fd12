package org.fis.accountingpoint;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * An infrastructure failure of this module (database unreachable, unexpected SQL error), carrying
 * the accounting points (GSRNs) involved. Business and remote outcomes are never thrown: they are
 * {@link FetchResult}, {@link SyncResult} and {@link LookupResult} values. Unchecked, immutable.
 */
public final class AccountingPointException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The accounting points involved, possibly empty. */
  private final List<String> ids;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param ids the GSRNs involved, possibly empty
   * @param cause the underlying failure
   */
  public AccountingPointException(String message, List<String> ids, Throwable cause) {
    super(
        message + (ids.isEmpty() ? "" : " [accounting points: " + String.join(",", ids) + "]"),
        cause);
    this.ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
  }

  /** The GSRNs involved, possibly empty. */
  public List<String> ids() {
    return ids;
  }

  /**
   * Whether trying again may succeed: the database reported a serialization failure or deadlock
   * (SQLSTATE class 40), a lost connection (class 08) or an administrator shutdown (57P01).
   */
  public boolean retryable() {
    for (Throwable t = getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        return state.startsWith("40") || state.startsWith("08") || state.equals("57P01");
      }
    }
    return false;
  }
}
