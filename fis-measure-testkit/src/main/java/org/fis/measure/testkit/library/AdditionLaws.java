package org.fis.measure.testkit.library;

import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import org.fis.measure.testkit.AssociativityLaw;
import org.fis.measure.testkit.CommutativityLaw;
import org.fis.measure.testkit.IdentityLaw;

/**
 * A layer's {@code add} under associativity, commutativity and identity (the zero of the operand's
 * shape, {@code a.multiply(0)}); one subclass per layer names the values and the operations.
 *
 * @param <M> the layer's measure type
 */
public abstract class AdditionLaws<M>
    implements AssociativityLaw<M>, CommutativityLaw<M>, IdentityLaw<M> {
  private final Arbitrary<M> values;
  private final BinaryOperator<M> add;
  private final UnaryOperator<M> zeroOf;

  /**
   * The laws of one layer.
   *
   * @param values the values checked
   * @param add the layer's add
   * @param zeroOf the zero of an operand's shape
   */
  protected AdditionLaws(Arbitrary<M> values, BinaryOperator<M> add, UnaryOperator<M> zeroOf) {
    this.values = Objects.requireNonNull(values, "values");
    this.add = Objects.requireNonNull(add, "add");
    this.zeroOf = Objects.requireNonNull(zeroOf, "zeroOf");
  }

  @Override
  public Arbitrary<M> values() {
    return values;
  }

  @Override
  public M apply(M left, M right) {
    return add.apply(left, right);
  }

  @Override
  public M identityFor(M value) {
    return zeroOf.apply(value);
  }
}
