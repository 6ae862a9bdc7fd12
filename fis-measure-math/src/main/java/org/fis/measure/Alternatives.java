package org.fis.measure;

import java.util.Map;

/**
 * A layer's composite: alternative representations of one quantity, keyed by representation. Not
 * API: each layer's {@code Composite} record publishes {@link #members()} as its own component.
 *
 * @param <R> the layer's representation enum
 * @param <M> the layer's measure type
 */
interface Alternatives<R extends Enum<R>, M> {
  /**
   * The members.
   *
   * @return the members by representation
   */
  Map<R, M> members();
}
