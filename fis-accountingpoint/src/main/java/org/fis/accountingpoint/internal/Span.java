package org.fis.accountingpoint.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * One period of a timeline in the merge's generic form: an encoded value over {@code [from, to)},
 * {@code to == null} meaning an open end.
 *
 * @param value the encoded value (e.g. a GLN, or {@code organisation:987654325})
 * @param from start, inclusive
 * @param to end, exclusive, or null
 */
public record Span(String value, Instant from, Instant to) {
  /** Validates. */
  public Span {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(from, "from");
    if (to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("to: must be after from " + from + ", got " + to);
    }
  }

  /** Whether {@code other} lies within this span. */
  public boolean contains(Span other) {
    return !other.from.isBefore(from)
        && (to == null || (other.to != null && !other.to.isAfter(to)));
  }
}
