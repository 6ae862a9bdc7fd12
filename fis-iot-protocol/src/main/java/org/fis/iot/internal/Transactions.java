package org.fis.iot.internal;

import java.util.function.Function;
import org.fis.iot.IotException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs a unit of work in its own transaction (at the pool's isolation level, READ COMMITTED by
 * PostgreSQL default), retrying retryable failures.
 */
public final class Transactions {
  private Transactions() {}

  /** The result of a unit of work and whether to commit it. */
  public record Outcome<T>(T value, boolean commit) {}

  /**
   * Runs {@code work} in a new transaction, committing only when it says so, retrying up to {@code
   * retryMax} times on deadlocks, serialization failures and concurrent inserts of the same key.
   */
  public static <T> T run(Jdbi jdbi, int retryMax, Function<Handle, Outcome<T>> work) {
    RuntimeException last = null;
    for (int attempt = 0; attempt <= retryMax; attempt++) {
      try (Handle handle = jdbi.open()) {
        handle.begin();
        try {
          Outcome<T> outcome = work.apply(handle);
          if (outcome.commit()) {
            handle.commit();
          } else {
            handle.rollback();
          }
          return outcome.value();
        } catch (RuntimeException e) {
          handle.rollback();
          throw e;
        }
      } catch (RuntimeException e) {
        if (!Responses.retryable(e)) {
          throw e;
        }
        last = e;
      }
    }
    throw new IotException("transaction failed after " + (retryMax + 1) + " attempts", last);
  }
}
