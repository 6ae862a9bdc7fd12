package org.fis.iot;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a bounded query, in period (or reading time) order.
 *
 * @param items the items
 * @param nextAfter pass as {@code after} to get the next page; empty on the last page
 * @param <T> the item type
 */
public record AggregatePage<T>(List<T> items, Optional<Instant> nextAfter) {
  /** Validates the record. */
  public AggregatePage {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    Objects.requireNonNull(nextAfter, "nextAfter");
  }
}
