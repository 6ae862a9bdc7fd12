package org.fis.ledger;

import java.time.Duration;
import java.util.List;

/**
 * The metrics port of the {@link Ledger}: told about every {@link Ledger#submit} (and every call
 * that submits: {@code post}, {@code reverse}, {@code hold}, …, {@code expireHolds}). Hosts bridge
 * it to their registry ({@code fis-micrometer} has the Micrometer binding); {@link #NONE} drops
 * everything and is what {@link Ledger#create(LedgerConfig, java.time.Clock, BalanceTaskQueue)}
 * uses.
 *
 * <p>The ledger reports what it did in the caller's transaction before the caller commits: a
 * posting counted here is rolled back with the caller's transaction, and is not uncounted.
 *
 * <p>Implementations must be thread-safe, cheap and must not throw: they run on the caller's thread
 * inside its transaction.
 */
public interface LedgerMetrics {
  /** Metrics that drop everything. */
  LedgerMetrics NONE = new LedgerMetrics() {};

  /**
   * A submit finished with one result per command.
   *
   * @param results the outcomes, in command order
   * @param duration how long the ledger worked on it
   */
  default void submitted(List<PostingResult> results, Duration duration) {}

  /**
   * A submit failed with a database error (the caller's transaction is then unusable).
   *
   * @param commands how many commands the submit held (for {@code expireHolds}: its limit)
   * @param duration how long the ledger worked on it
   */
  default void failed(int commands, Duration duration) {}
}
