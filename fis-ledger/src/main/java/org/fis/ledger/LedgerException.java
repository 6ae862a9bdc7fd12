package org.fis.ledger;

import java.util.List;
import java.util.Objects;

/**
 * An infrastructure failure of the ledger (database error, corrupt stored data). Carries the ids
 * involved (ledger, accounts, operations). Business outcomes are never thrown: they are {@link
 * PostingResult} values. Immutable.
 */
public final class LedgerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The ids involved (ledger, account or operation ids), possibly empty. */
  private final List<String> ids;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param ids the ledger, account or operation ids involved
   * @param cause the underlying failure, or {@code null}
   */
  public LedgerException(String message, List<String> ids, Throwable cause) {
    super(message + " " + ids, cause);
    this.ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
  }

  /**
   * The ids involved.
   *
   * @return ledger, account or operation ids
   */
  public List<String> ids() {
    return ids;
  }
}
