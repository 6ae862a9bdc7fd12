package org.fis.accountingpoint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The data of one accounting point: as the adapter returned it (already validated), or as stored
 * locally. Immutable; lists are copied.
 *
 * @param gsrn the accounting point
 * @param endUsers the end user timeline, ordered by start, non-overlapping
 * @param energySuppliers the energy supplier timeline
 * @param meteringGridAreas the metering grid area timeline
 * @param energyDirections the energy direction timeline; empty {@code Optional} when the adapter
 *     omitted the optional field, which leaves the local timeline untouched (an empty list clears)
 * @param location the position; empty when the adapter sent null or nothing, which clears it
 */
public record AccountingPointData(
    Gsrn gsrn,
    List<EndUserPeriod> endUsers,
    List<EnergySupplierPeriod> energySuppliers,
    List<MeteringGridAreaPeriod> meteringGridAreas,
    Optional<List<EnergyDirectionPeriod>> energyDirections,
    Optional<Location> location) {
  /** Validates and copies. */
  public AccountingPointData {
    Objects.requireNonNull(gsrn, "gsrn");
    endUsers = List.copyOf(Objects.requireNonNull(endUsers, "endUsers"));
    energySuppliers = List.copyOf(Objects.requireNonNull(energySuppliers, "energySuppliers"));
    meteringGridAreas = List.copyOf(Objects.requireNonNull(meteringGridAreas, "meteringGridAreas"));
    energyDirections =
        Objects.requireNonNull(energyDirections, "energyDirections").map(List::copyOf);
    Objects.requireNonNull(location, "location");
  }

  @Override
  public String toString() {
    return "AccountingPointData["
        + gsrn
        + ", "
        + endUsers.size()
        + " end users (hidden), "
        + energySuppliers
        + ", "
        + meteringGridAreas
        + ", "
        + energyDirections
        + ", "
        + location
        + "]";
  }
}
