package org.fis.measure.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.fis.measure.PhaseMeasure;

/** A correct operation under the same law as {@link BrokenLaws.Commutativity}. */
@AddLifecycleHook(LawRunner.Hook.class)
public class HostOperations implements CommutativityLaw<PhaseMeasure> {
  /** Creates the container; jqwik does this. */
  public HostOperations() {}

  @Override
  public Arbitrary<PhaseMeasure> values() {
    return MeasureArbitraries.phases(MeasureArbitraries.DEFAULT_KIND);
  }

  @Override
  public PhaseMeasure apply(PhaseMeasure left, PhaseMeasure right) {
    return left.add(right);
  }
}
