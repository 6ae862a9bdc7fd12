package org.fis.accountingpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fis.accountingpoint.internal.LocalState;
import org.fis.accountingpoint.internal.LocalStateDao;
import org.fis.accountingpoint.internal.Relation;
import org.fis.accountingpoint.internal.TimelineMerge;
import org.jdbi.v3.core.Handle;

/**
 * Reads the locally stored data of accounting points. Stateless and thread-safe; runs in the
 * caller's transaction on the caller's handle.
 */
public final class AccountingPointStore {
  private AccountingPointStore() {}

  /**
   * The stored data of one accounting point: its current timelines (ordered by start) and location.
   * Energy directions are always present (possibly empty).
   *
   * @param handle the caller's handle
   * @param gsrn the accounting point
   * @return the data, or empty if it is not stored
   */
  public static Optional<AccountingPointData> read(Handle handle, Gsrn gsrn) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(gsrn, "gsrn");
    Map<String, LocalState> states = LocalStateDao.load(handle, List.of(gsrn.value()));
    LocalState state = states.get(gsrn.value());
    if (state == null || !state.exists()) {
      return Optional.empty();
    }
    return Optional.of(
        new AccountingPointData(
            gsrn,
            decode(state, Relation.END_USER, EndUserPeriod.class),
            decode(state, Relation.ENERGY_SUPPLIER, EnergySupplierPeriod.class),
            decode(state, Relation.METERING_GRID_AREA, MeteringGridAreaPeriod.class),
            Optional.of(decode(state, Relation.ENERGY_DIRECTION, EnergyDirectionPeriod.class)),
            state.location()));
  }

  private static <T extends TimelinePeriod> List<T> decode(
      LocalState state, Relation relation, Class<T> type) {
    List<T> periods = new ArrayList<>();
    for (TimelineMerge.StoredSpan row : state.relations().get(relation)) {
      periods.add(type.cast(relation.decode(row.span())));
    }
    return periods;
  }
}
