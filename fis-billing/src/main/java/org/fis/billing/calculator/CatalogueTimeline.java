package org.fis.billing.calculator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The versions of one catalogue over time, without overlaps. A billing period that spans a change
 * of version is split at the change, and each part is priced by the version valid then, not by the
 * one valid at issue time. Gaps are allowed; billing a period that falls into a gap is a caller
 * error.
 *
 * <p>Immutable and thread-safe.
 *
 * @param versions the versions, in any order; stored sorted by {@code validFrom}
 */
public record CatalogueTimeline(List<Catalogue> versions) {
  /** A bound on versions per timeline, so that a misconfigured host fails fast. */
  public static final int VERSIONS_MAX = 10_000;

  /** Validates the timeline: no two versions overlap, one currency. */
  public CatalogueTimeline {
    Objects.requireNonNull(versions, "versions");
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("versions: a timeline needs at least one version");
    }
    if (versions.size() > VERSIONS_MAX) {
      throw new IllegalArgumentException("versions: more than " + VERSIONS_MAX);
    }
    List<Catalogue> sorted = new ArrayList<>(versions);
    sorted.sort(Comparator.comparing(Catalogue::validFrom));
    for (int i = 1; i < sorted.size(); i++) {
      Catalogue previous = sorted.get(i - 1);
      Catalogue next = sorted.get(i);
      if (previous.validUntil() == null || previous.validUntil().isAfter(next.validFrom())) {
        throw new IllegalArgumentException(
            "versions: "
                + previous.catalogueId()
                + " overlaps "
                + next.catalogueId()
                + " at "
                + next.validFrom());
      }
      if (!previous.currency().equals(next.currency())) {
        throw new IllegalArgumentException(
            "versions: mixed currencies " + previous.currency() + " and " + next.currency());
      }
    }
    versions = List.copyOf(sorted);
  }

  /** A timeline of one version. */
  public static CatalogueTimeline of(Catalogue... versions) {
    return new CatalogueTimeline(List.of(versions));
  }

  /** The currency of every version. */
  public String currency() {
    return versions.get(0).currency();
  }

  /** The version valid at the instant, if any. */
  public Optional<Catalogue> at(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    for (Catalogue version : versions) {
      if (version.validAt(instant)) {
        return Optional.of(version);
      }
    }
    return Optional.empty();
  }

  /**
   * The instants strictly inside {@code (from, to)} where the valid version changes.
   *
   * @param from start of the interval
   * @param to end of the interval
   * @return the change instants, ascending
   */
  public List<Instant> changesWithin(Instant from, Instant to) {
    List<Instant> changes = new ArrayList<>();
    for (Catalogue version : versions) {
      addIfInside(changes, version.validFrom(), from, to);
      if (version.validUntil() != null) {
        addIfInside(changes, version.validUntil(), from, to);
      }
    }
    return changes.stream().distinct().sorted().toList();
  }

  private static void addIfInside(List<Instant> out, Instant instant, Instant from, Instant to) {
    if (instant.isAfter(from) && instant.isBefore(to)) {
      out.add(instant);
    }
  }
}
