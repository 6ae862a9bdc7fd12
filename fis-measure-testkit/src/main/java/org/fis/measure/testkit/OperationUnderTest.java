package org.fis.measure.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;

/**
 * A host's binary operation and the values to check it on: the base of {@link AssociativityLaw},
 * {@link CommutativityLaw} and {@link IdentityLaw}. A test class implements the laws it claims and
 * these two methods; jqwik then runs the laws' properties on it.
 *
 * @param <T> the value type
 */
public interface OperationUnderTest<T> {
  /**
   * The values the laws are checked on, e.g. {@code MeasureArbitraries.fullTariffs(kind)}.
   *
   * @return the values
   */
  Arbitrary<T> values();

  /**
   * The operation under test.
   *
   * @param left the left operand
   * @param right the right operand
   * @return the result
   */
  T apply(T left, T right);

  /**
   * The provider the law properties draw from: {@link #values()}.
   *
   * @return the values
   */
  @Provide
  default Arbitrary<T> lawValues() {
    return values();
  }
}
