package org.fis.accountingpoint.internal;

import static org.fis.accountingpoint.internal.SyncStateDao.instant;
import static org.fis.accountingpoint.internal.SyncStateDao.utc;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of the status report. Runs on the caller's handle in the caller's transaction. Stateless
 * and thread-safe.
 */
public final class StatusDao {
  private static final String COUNTS = Sql.of(StatusDao.class, "counts");
  private static final String FAILURES = Sql.of(StatusDao.class, "failures");

  private StatusDao() {}

  /**
   * The counts of the report.
   *
   * @param tracked rows not released
   * @param neverSynced tracked rows never synced
   * @param due tracked rows due and not in progress
   * @param inProgress rows whose start is within the sync timeout
   * @param dead rows whose start is older than the sync timeout
   * @param failing rows whose last sync failed
   */
  public record Counts(
      long tracked, long neverSynced, long due, long inProgress, long dead, long failing) {}

  /**
   * One failing row.
   *
   * @param gsrn the accounting point
   * @param attempts consecutive failures
   * @param lastError the last error
   * @param lastErrorAt when it failed last
   * @param nextDueAt when it is retried
   */
  public record FailureRow(
      String gsrn, int attempts, String lastError, Instant lastErrorAt, Instant nextDueAt) {}

  /** Counts over all sync rows (one scan). */
  public static Counts counts(Handle handle, Instant now, Instant staleBefore) {
    return handle
        .createQuery(COUNTS)
        .bind("now", utc(now))
        .bind("staleBefore", utc(staleBefore))
        .map(
            (rs, ctx) ->
                new Counts(
                    rs.getLong("tracked"),
                    rs.getLong("never_synced"),
                    rs.getLong("due"),
                    rs.getLong("in_progress"),
                    rs.getLong("dead"),
                    rs.getLong("failing")))
        .one();
  }

  /** The most recent failures, newest first. */
  public static List<FailureRow> failures(Handle handle, int limit) {
    return handle
        .createQuery(FAILURES)
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new FailureRow(
                    rs.getString("gsrn"),
                    rs.getInt("attempts"),
                    rs.getString("last_error"),
                    instant(rs, "last_error_at").orElseThrow(),
                    instant(rs, "next_due_at").orElseThrow()))
        .list();
  }
}
