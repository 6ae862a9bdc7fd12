package org.fis.accountingpoint.internal;

import static org.fis.accountingpoint.internal.SyncStateDao.utc;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of controllable unit registrations. Runs on the caller's handle in the caller's
 * transaction; every statement names one accounting point. Stateless and thread-safe.
 */
public final class UnitDao {
  private static final String INSERT_UNIT = Sql.of(UnitDao.class, "insertUnit");
  private static final String TRACK_POINT = Sql.of(UnitDao.class, "trackPoint");
  private static final String LOCK_POINT = Sql.of(UnitDao.class, "lockPoint");
  private static final String DELETE_UNIT = Sql.of(UnitDao.class, "deleteUnit");
  private static final String RELEASE_IF_LAST = Sql.of(UnitDao.class, "releaseIfLast");
  private static final String LIST = Sql.of(UnitDao.class, "list");

  private UnitDao() {}

  /** Inserts a unit; false when it was registered already. */
  public static boolean insertUnit(
      Handle handle, String gsrn, String unitId, Instant syncFrom, Instant now) {
    return handle
            .createUpdate(INSERT_UNIT)
            .bind("gsrn", gsrn)
            .bind("id", unitId)
            .bind("syncFrom", utc(syncFrom))
            .bind("now", utc(now))
            .execute()
        > 0;
  }

  /** Makes the accounting point tracked and due at once (creating its sync row if needed). */
  public static void trackPoint(Handle handle, String gsrn, Instant now) {
    handle.createUpdate(TRACK_POINT).bind("gsrn", gsrn).bind("now", utc(now)).execute();
  }

  /** Locks the accounting point's sync row, if it has one. */
  public static void lockPoint(Handle handle, String gsrn) {
    handle.createQuery(LOCK_POINT).bind("gsrn", gsrn).mapTo(String.class).findOne();
  }

  /** Deletes a unit; false when it was not registered. */
  public static boolean deleteUnit(Handle handle, String gsrn, String unitId) {
    return handle.createUpdate(DELETE_UNIT).bind("gsrn", gsrn).bind("id", unitId).execute() > 0;
  }

  /** Releases the sync row when no unit is left; true when it did. */
  public static boolean releaseIfLast(Handle handle, String gsrn, Instant now) {
    return handle.createUpdate(RELEASE_IF_LAST).bind("gsrn", gsrn).bind("now", utc(now)).execute()
        > 0;
  }

  /** The unit ids of an accounting point, sorted, at most {@code limit}. */
  public static List<String> list(Handle handle, String gsrn, int limit) {
    return handle
        .createQuery(LIST)
        .bind("gsrn", gsrn)
        .bind("limit", limit)
        .mapTo(String.class)
        .list();
  }
}
