package org.fis.measure.testkit.library;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.testkit.AssociativityLaw;
import org.fis.measure.testkit.CommutativityLaw;
import org.fis.measure.testkit.IdentityLaw;
import org.fis.measure.testkit.LawRunner;
import org.fis.measure.testkit.MeasureArbitraries;

/**
 * {@code DirectionMeasure.add} is associative, commutative and has the zero of the operand's shape
 * ({@code a.multiply(0)}) as identity, on {@code MeasureArbitraries.fullDirections(KIND)}.
 */
@Label("DirectionMeasure.add (every part available)")
@AddLifecycleHook(LawRunner.Hook.class)
public class DirectionAdditionLaws
    implements AssociativityLaw<DirectionMeasure>,
        CommutativityLaw<DirectionMeasure>,
        IdentityLaw<DirectionMeasure> {
  private static final MeasureKind KIND = MeasureArbitraries.DEFAULT_KIND;

  /** Creates the container; jqwik does this. */
  public DirectionAdditionLaws() {}

  @Override
  public Arbitrary<DirectionMeasure> values() {
    return MeasureArbitraries.fullDirections(KIND);
  }

  @Override
  public DirectionMeasure apply(DirectionMeasure left, DirectionMeasure right) {
    return left.add(right);
  }

  @Override
  public DirectionMeasure identityFor(DirectionMeasure value) {
    return value.multiply(0);
  }
}
