package org.fis.measure.testkit.library;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.testkit.AssociativityLaw;
import org.fis.measure.testkit.CommutativityLaw;
import org.fis.measure.testkit.IdentityLaw;
import org.fis.measure.testkit.LawRunner;
import org.fis.measure.testkit.MeasureArbitraries;

/**
 * {@code PhaseMeasure.add} is associative, commutative and has the zero of the operand's shape
 * ({@code a.multiply(0)}) as identity, on {@code MeasureArbitraries.phases(KIND)}.
 */
@Label("PhaseMeasure.add (totals, three-phase, composites, not available)")
@AddLifecycleHook(LawRunner.Hook.class)
public class PhaseAdditionLaws
    implements AssociativityLaw<PhaseMeasure>,
        CommutativityLaw<PhaseMeasure>,
        IdentityLaw<PhaseMeasure> {
  private static final MeasureKind KIND = MeasureArbitraries.DEFAULT_KIND;

  /** Creates the container; jqwik does this. */
  public PhaseAdditionLaws() {}

  @Override
  public Arbitrary<PhaseMeasure> values() {
    return MeasureArbitraries.phases(KIND);
  }

  @Override
  public PhaseMeasure apply(PhaseMeasure left, PhaseMeasure right) {
    return left.add(right);
  }

  @Override
  public PhaseMeasure identityFor(PhaseMeasure value) {
    return value.multiply(0);
  }
}
