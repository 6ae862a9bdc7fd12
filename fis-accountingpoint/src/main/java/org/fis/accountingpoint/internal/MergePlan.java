package org.fis.accountingpoint.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fis.accountingpoint.AccountingPointData;
import org.fis.accountingpoint.Location;

/**
 * The writes one sync of one accounting point needs: computed purely from the stored state and the
 * remote data, then executed set-based for a whole batch by {@link LocalStateDao}.
 *
 * @param gsrn the accounting point
 * @param insertAccountingPoint whether its row must be created
 * @param location the location after the merge
 * @param locationChanged whether an existing row's location must be updated
 * @param diffs the diff per relation (only relations with changes)
 */
public record MergePlan(
    String gsrn,
    boolean insertAccountingPoint,
    Optional<Location> location,
    boolean locationChanged,
    Map<Relation, TimelineMerge.Diff> diffs) {

  /** Whether the merge writes anything at all. */
  public boolean changes() {
    return insertAccountingPoint || locationChanged || !diffs.isEmpty();
  }

  /**
   * Plans a merge of remote data for window {@code [windowFrom, ∞)}.
   *
   * @param local what is stored
   * @param remote the validated remote data
   * @param windowFrom start of the requested window
   * @return the plan
   */
  public static MergePlan of(LocalState local, AccountingPointData remote, Instant windowFrom) {
    Map<Relation, TimelineMerge.Diff> diffs = new EnumMap<>(Relation.class);
    plan(diffs, local, Relation.END_USER, Relation.END_USER.encode(remote.endUsers()), windowFrom);
    plan(
        diffs,
        local,
        Relation.ENERGY_SUPPLIER,
        Relation.ENERGY_SUPPLIER.encode(remote.energySuppliers()),
        windowFrom);
    plan(
        diffs,
        local,
        Relation.METERING_GRID_AREA,
        Relation.METERING_GRID_AREA.encode(remote.meteringGridAreas()),
        windowFrom);
    if (remote.energyDirections().isPresent()) {
      plan(
          diffs,
          local,
          Relation.ENERGY_DIRECTION,
          Relation.ENERGY_DIRECTION.encode(remote.energyDirections().get()),
          windowFrom);
    }
    boolean locationChanged = local.exists() && !local.location().equals(remote.location());
    return new MergePlan(local.gsrn(), !local.exists(), remote.location(), locationChanged, diffs);
  }

  private static void plan(
      Map<Relation, TimelineMerge.Diff> diffs,
      LocalState local,
      Relation relation,
      List<Span> remote,
      Instant windowFrom) {
    List<TimelineMerge.StoredSpan> stored = local.relations().get(relation);
    List<Span> storedSpans = new ArrayList<>(stored.size());
    for (TimelineMerge.StoredSpan row : stored) {
      storedSpans.add(row.span());
    }
    List<Span> target = TimelineMerge.merge(storedSpans, remote, windowFrom);
    TimelineMerge.Diff diff = TimelineMerge.diff(stored, target);
    if (!diff.isEmpty()) {
      diffs.put(relation, diff);
    }
  }
}
