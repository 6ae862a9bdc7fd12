package org.fis.measure.testkit;

import java.util.List;
import java.util.Objects;

/**
 * A batch and how it was delivered: every original item at least once, some again later
 * (at-least-once delivery). An idempotent consumer gives the same result for {@link #delivered()}
 * as for {@link #original()}.
 *
 * @param original the distinct items, in order
 * @param delivered the items as delivered: {@code original} followed by re-delivered ones
 * @param <T> the item type
 */
public record Redelivery<T>(List<T> original, List<T> delivered) {
  /** Validates and copies. */
  public Redelivery {
    original = List.copyOf(Objects.requireNonNull(original, "original"));
    delivered = List.copyOf(Objects.requireNonNull(delivered, "delivered"));
    if (!delivered.containsAll(original) || !original.containsAll(delivered)) {
      throw new IllegalArgumentException("delivered: must hold exactly the original items");
    }
  }
}
