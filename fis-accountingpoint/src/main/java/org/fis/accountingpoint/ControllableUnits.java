package org.fis.accountingpoint;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.fis.accountingpoint.internal.UnitDao;
import org.jdbi.v3.core.Handle;

/**
 * The minimal controllable-unit registry the host keeps in step with its own controllable units:
 * data minimisation means only accounting points with at least one registered unit are synced and
 * kept. Registering makes the accounting point due for a sync at once; removing the last unit stops
 * its syncs and starts the retention after which {@link DataRetention} purges it.
 *
 * <p>Thread-safe. Every method runs in the caller's transaction on the caller's handle. Obtain it
 * from {@link AccountingPoints#units()}.
 */
public final class ControllableUnits {
  /** Most controllable units listed per accounting point. */
  public static final int UNITS_PER_ACCOUNTING_POINT_MAX = 10_000;

  private final Clock clock;

  private ControllableUnits(Clock clock) {
    this.clock = clock;
  }

  /** Creates the registry (the front door does). */
  static ControllableUnits create(Clock clock) {
    return new ControllableUnits(Objects.requireNonNull(clock, "clock"));
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
    if (!UnitDao.insertUnit(handle, gsrn.value(), controllableUnitId, syncFrom, now)) {
      return Registration.ALREADY_REGISTERED;
    }
    UnitDao.trackPoint(handle, gsrn.value(), now);
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
    UnitDao.lockPoint(handle, gsrn.value());
    if (!UnitDao.deleteUnit(handle, gsrn.value(), controllableUnitId)) {
      return Removal.NOT_REGISTERED;
    }
    return UnitDao.releaseIfLast(handle, gsrn.value(), clock.instant())
        ? Removal.LAST_REMOVED
        : Removal.REMOVED;
  }

  /**
   * The units registered on an accounting point, by id (at most {@value
   * #UNITS_PER_ACCOUNTING_POINT_MAX}).
   *
   * @param handle the caller's handle
   * @param gsrn the accounting point
   * @return the unit ids, sorted
   */
  public List<String> list(Handle handle, Gsrn gsrn) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(gsrn, "gsrn");
    return UnitDao.list(handle, gsrn.value(), UNITS_PER_ACCOUNTING_POINT_MAX);
  }

  private static void checkUnitId(String controllableUnitId) {
    Objects.requireNonNull(controllableUnitId, "controllableUnitId");
    if (controllableUnitId.isEmpty() || controllableUnitId.length() > 200) {
      throw new IllegalArgumentException("controllableUnitId: must have 1 to 200 characters");
    }
  }
}
