package org.fis.accountingpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of the sync's health, from {@link AccountingPoints#status}.
 *
 * @param tracked accounting points with controllable units
 * @param neverSynced tracked accounting points never synced successfully
 * @param due tracked accounting points due now and not in progress
 * @param inProgress syncs started less than the sync timeout ago
 * @param dead syncs started longer ago than the sync timeout (reclaimable)
 * @param failing accounting points whose last sync failed
 * @param failures the most recent failures, newest first (bounded)
 */
public record SyncStatusReport(
    long tracked,
    long neverSynced,
    long due,
    long inProgress,
    long dead,
    long failing,
    List<Failure> failures) {
  /** Validates and copies. */
  public SyncStatusReport {
    failures = List.copyOf(failures);
  }

  /**
   * One failing accounting point.
   *
   * @param gsrn the accounting point
   * @param attempts consecutive failures
   * @param lastError the last error message
   * @param lastErrorAt when it failed last
   * @param nextDueAt when it is retried
   */
  public record Failure(
      Gsrn gsrn, int attempts, String lastError, Instant lastErrorAt, Instant nextDueAt) {
    /** Validates. */
    public Failure {
      Objects.requireNonNull(gsrn, "gsrn");
    }
  }
}
