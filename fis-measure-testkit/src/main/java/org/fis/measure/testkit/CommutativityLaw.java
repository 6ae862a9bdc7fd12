package org.fis.measure.testkit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The law {@code a ∘ b == b ∘ a} for a host's operation (see {@link OperationUnderTest}).
 *
 * @param <T> the value type
 */
public interface CommutativityLaw<T> extends OperationUnderTest<T> {
  /**
   * The property.
   *
   * @param a first operand
   * @param b second operand
   */
  @Property
  default void operation_is_commutative(@ForAll("lawValues") T a, @ForAll("lawValues") T b) {
    Laws.assertCommutative(this::apply, a, b);
  }
}
