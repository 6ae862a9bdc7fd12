package org.fis.measure.testkit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The law {@code (a ∘ b) ∘ c == a ∘ (b ∘ c)} for a host's operation: implement {@link
 * OperationUnderTest} in a test class that implements this interface. A failure shrinks to the
 * smallest operands.
 *
 * @param <T> the value type
 */
public interface AssociativityLaw<T> extends OperationUnderTest<T> {
  /**
   * The property.
   *
   * @param a first operand
   * @param b second operand
   * @param c third operand
   */
  @Property
  default void operation_is_associative(
      @ForAll("lawValues") T a, @ForAll("lawValues") T b, @ForAll("lawValues") T c) {
    Laws.assertAssociative(this::apply, a, b, c);
  }
}
