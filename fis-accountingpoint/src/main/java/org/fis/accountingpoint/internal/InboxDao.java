package org.fis.accountingpoint.internal;

import static org.fis.accountingpoint.internal.SyncStateDao.utc;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of the event inbox. Runs on the caller's handle in the caller's transaction. Stateless
 * and thread-safe.
 */
public final class InboxDao {
  private static final String TRACKED = Sql.of(InboxDao.class, "tracked");
  private static final String INSERT = Sql.of(InboxDao.class, "insert");
  private static final String MARK_DUE = Sql.of(InboxDao.class, "markDue");
  private static final String PRUNE = Sql.of(InboxDao.class, "prune");

  private InboxDao() {}

  /** Which of the accounting points are tracked (have units). */
  public static Set<String> tracked(Handle handle, Collection<String> gsrns) {
    return new HashSet<>(
        handle
            .createQuery(TRACKED)
            .bindArray("gsrns", String.class, gsrns)
            .mapTo(String.class)
            .list());
  }

  /**
   * Inserts events idempotently; returns {@code gsrn/eventId} of those newly inserted.
   *
   * @param gsrns the events' accounting points
   * @param eventIds their ids, aligned with {@code gsrns}
   * @param occurredAts their times as ISO-8601 text, aligned with {@code gsrns}
   */
  public static Set<String> insert(
      Handle handle,
      List<String> gsrns,
      List<String> eventIds,
      List<String> occurredAts,
      Instant now) {
    return new HashSet<>(
        handle
            .createQuery(INSERT)
            .bindArray("g", String.class, gsrns)
            .bindArray("id", String.class, eventIds)
            .bindArray("t", String.class, occurredAts)
            .bind("now", utc(now))
            .mapTo(String.class)
            .list());
  }

  /** Makes the accounting points due for their events. */
  public static void markDue(Handle handle, Collection<String> gsrns, Instant now) {
    handle
        .createUpdate(MARK_DUE)
        .bindArray("gsrns", String.class, gsrns)
        .bind("now", utc(now))
        .execute();
  }

  /** Deletes up to {@code limit} entries received before {@code before}, oldest first. */
  public static int prune(Handle handle, Instant before, int limit) {
    return handle.createUpdate(PRUNE).bind("before", utc(before)).bind("limit", limit).execute();
  }
}
