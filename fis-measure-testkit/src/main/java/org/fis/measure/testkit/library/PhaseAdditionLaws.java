package org.fis.measure.testkit.library;

import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.testkit.LawRunner;
import org.fis.measure.testkit.MeasureArbitraries;

/** {@code PhaseMeasure.add} on {@code MeasureArbitraries.phases}: see {@link AdditionLaws}. */
@Label("PhaseMeasure.add (totals, three-phase, composites, not available)")
@AddLifecycleHook(LawRunner.Hook.class)
public class PhaseAdditionLaws extends AdditionLaws<PhaseMeasure> {
  /** Creates the container; jqwik does this. */
  public PhaseAdditionLaws() {
    super(
        MeasureArbitraries.phases(MeasureArbitraries.DEFAULT_KIND),
        PhaseMeasure::add,
        value -> value.multiply(0));
  }
}
