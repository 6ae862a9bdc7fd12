package org.fis.measure.testkit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The law {@code a ∘ e == e ∘ a == a} for a host's operation (see {@link OperationUnderTest}),
 * where the identity {@code e} may depend on the operand's shape.
 *
 * @param <T> the value type
 */
public interface IdentityLaw<T> extends OperationUnderTest<T> {
  /**
   * The identity element for an operand, e.g. {@code a.multiply(0)} for measures (a zero of the
   * same shape).
   *
   * @param value the operand
   * @return its identity
   */
  T identityFor(T value);

  /**
   * The property.
   *
   * @param a the operand
   */
  @Property
  default void operation_has_an_identity(@ForAll("lawValues") T a) {
    Laws.assertIdentity(this::apply, this::identityFor, a);
  }
}
