package org.fis.accountingpoint.internal;

import java.util.List;
import java.util.function.Function;
import org.fis.accountingpoint.AccountingPointException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Short transactions of the parts that own theirs, with database failures turned into {@link
 * AccountingPointException} carrying the accounting points involved. Thread-safe.
 */
public final class Transactions {
  private final Jdbi jdbi;

  /** Wraps the host's database. */
  public Transactions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Runs {@code body} in a transaction of its own.
   *
   * @param gsrns the accounting points involved, for the exception
   * @param body the work
   * @return its result
   */
  public <T> T inTransaction(List<String> gsrns, Function<Handle, T> body) {
    try {
      return jdbi.inTransaction(body::apply);
    } catch (AccountingPointException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AccountingPointException("accounting point database work failed", gsrns, e);
    }
  }
}
