package org.fis.accountingpoint.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fis.accountingpoint.Location;

/**
 * What is stored for one accounting point before a merge.
 *
 * @param gsrn the accounting point
 * @param exists whether its row exists
 * @param location its stored location
 * @param relations the stored rows per relation (all relations present, maybe empty lists)
 */
public record LocalState(
    String gsrn,
    boolean exists,
    Optional<Location> location,
    Map<Relation, List<TimelineMerge.StoredSpan>> relations) {
  /**
   * The state of an accounting point that is not stored.
   *
   * @param gsrn the accounting point
   * @return the empty state
   */
  public static LocalState absent(String gsrn) {
    Map<Relation, List<TimelineMerge.StoredSpan>> empty = new EnumMap<>(Relation.class);
    for (Relation relation : Relation.values()) {
      empty.put(relation, List.of());
    }
    return new LocalState(gsrn, false, Optional.empty(), empty);
  }
}
