package org.fis.accountingpoint;

import static org.fis.accountingpoint.internal.SyncRepository.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * The minimal controllable-unit registry the host keeps in step with its own controllable units:
 * data minimisation means only accounting points with at least one registered unit are synced and
 * kept. Registering makes the accounting point due for a sync at once; removing the last unit stops
 * its syncs and starts the retention after which {@link DataRetention} purges it.
 *
 * <p>Thread-safe. Every method runs in the caller's transaction on the caller's handle.
 */
public final class ControllableUnits {
  /** Most controllable units listed per accounting point. */
  public static final int UNITS_PER_ACCOUNTING_POINT_MAX = 10_000;

  private final Clock clock;

  /**
   * Creates the registry.
   *
   * @param clock the clock
   */
  public ControllableUnits(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The outcome of {@link #register}. */
  public enum Registration {
    /** The unit is newly registered. */
    REGISTERED,
    /** The unit was registered already; nothing changed. */
    ALREADY_REGISTERED
  }

  /** The outcome of {@link #remove}. */
  public enum Removal {
    /** The unit was removed; others remain on the accounting point. */
    REMOVED,
    /** The last unit was removed: syncs stop and the retention starts. */
    LAST_REMOVED,
    /** No such unit was registered. */
    NOT_REGISTERED
  }

  /**
   * Registers a controllable unit on an accounting point.
   *
   * @param handle the caller's handle (its transaction)
   * @param gsrn the accounting point
   * @param controllableUnitId the host's id of the unit (1 to 200 characters)
   * @param syncFrom from when the accounting point's data is needed (e.g. the unit's start); the
   *     sync window starts at the earliest of its units
   * @return the outcome
   */
  public Registration register(
      Handle handle, Gsrn gsrn, String controllableUnitId, Instant syncFrom) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(gsrn, "gsrn");
    checkUnitId(controllableUnitId);
    Objects.requireNonNull(syncFrom, "syncFrom");
    Instant now = clock.instant();
    int inserted =
        handle
            .createUpdate(
                "INSERT INTO fis_accountingpoint.controllable_unit"
                    + " (gsrn, controllable_unit_id, sync_from, registered_at)"
                    + " VALUES (:gsrn, :id, :from, :now) ON CONFLICT DO NOTHING")
            .bind("gsrn", gsrn.value())
            .bind("id", controllableUnitId)
            .bind("from", utc(syncFrom))
            .bind("now", utc(now))
            .execute();
    if (inserted == 0) {
      return Registration.ALREADY_REGISTERED;
    }
    // A new unit may widen the window or end a retention: the point is due at once, and a sync
    // running now (with the old window) leaves it due (the generation bump, as for an event).
    handle
        .createUpdate(
            "INSERT INTO fis_accountingpoint.sync_state (gsrn, priority, next_due_at, created_at)"
                + " VALUES (:gsrn, 1, :now, :now)"
                + " ON CONFLICT (gsrn) DO UPDATE SET released_at = NULL,"
                + " event_generation = sync_state.event_generation + 1,"
                + " priority = CASE WHEN sync_state.last_synced_at IS NULL"
                + "   THEN LEAST(sync_state.priority, 1) ELSE sync_state.priority END,"
                + " next_due_at = CASE WHEN sync_state.sync_started_at IS NULL"
                + "   THEN LEAST(sync_state.next_due_at, :now) ELSE sync_state.next_due_at END")
        .bind("gsrn", gsrn.value())
        .bind("now", utc(now))
        .execute();
    return Registration.REGISTERED;
  }

  /**
   * Removes a controllable unit.
   *
   * @param handle the caller's handle (its transaction)
   * @param gsrn the accounting point
   * @param controllableUnitId the host's id of the unit
   * @return the outcome
   */
  public Removal remove(Handle handle, Gsrn gsrn, String controllableUnitId) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(gsrn, "gsrn");
    checkUnitId(controllableUnitId);
    // Lock the sync row first, so that a concurrent register of another unit is either seen by
    // the "last unit?" check below or un-releases the row after this transaction.
    handle
        .createQuery(
            "SELECT gsrn FROM fis_accountingpoint.sync_state WHERE gsrn = :gsrn FOR UPDATE")
        .bind("gsrn", gsrn.value())
        .mapTo(String.class)
        .findOne();
    int deleted =
        handle
            .createUpdate(
                "DELETE FROM fis_accountingpoint.controllable_unit"
                    + " WHERE gsrn = :gsrn AND controllable_unit_id = :id")
            .bind("gsrn", gsrn.value())
            .bind("id", controllableUnitId)
            .execute();
    if (deleted == 0) {
      return Removal.NOT_REGISTERED;
    }
    int released =
        handle
            .createUpdate(
                "UPDATE fis_accountingpoint.sync_state SET released_at = :now"
                    + " WHERE gsrn = :gsrn AND NOT EXISTS (SELECT 1"
                    + " FROM fis_accountingpoint.controllable_unit WHERE gsrn = :gsrn)")
            .bind("gsrn", gsrn.value())
            .bind("now", utc(clock.instant()))
            .execute();
    return released > 0 ? Removal.LAST_REMOVED : Removal.REMOVED;
  }

  /**
   * The units registered on an accounting point, by id (at most {@value
   * #UNITS_PER_ACCOUNTING_POINT_MAX}).
   *
   * @param handle the caller's handle
   * @param gsrn the accounting point
   * @return the unit ids, sorted
   */
  public static List<String> list(Handle handle, Gsrn gsrn) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(gsrn, "gsrn");
    return handle
        .createQuery(
            "SELECT controllable_unit_id FROM fis_accountingpoint.controllable_unit"
                + " WHERE gsrn = :gsrn ORDER BY controllable_unit_id LIMIT :limit")
        .bind("gsrn", gsrn.value())
        .bind("limit", UNITS_PER_ACCOUNTING_POINT_MAX)
        .mapTo(String.class)
        .list();
  }

  private static void checkUnitId(String controllableUnitId) {
    Objects.requireNonNull(controllableUnitId, "controllableUnitId");
    if (controllableUnitId.isEmpty() || controllableUnitId.length() > 200) {
      throw new IllegalArgumentException("controllableUnitId: must have 1 to 200 characters");
    }
  }
}
