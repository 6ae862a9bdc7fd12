package org.fis.measure.testkit.library;

import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.testkit.LawRunner;
import org.fis.measure.testkit.MeasureArbitraries;

/**
 * {@code DirectionMeasure.add} on {@code MeasureArbitraries.fullDirections}: see {@link
 * AdditionLaws}.
 */
@Label("DirectionMeasure.add (every part available)")
@AddLifecycleHook(LawRunner.Hook.class)
public class DirectionAdditionLaws extends AdditionLaws<DirectionMeasure> {
  /** Creates the container; jqwik does this. */
  public DirectionAdditionLaws() {
    super(
        MeasureArbitraries.fullDirections(MeasureArbitraries.DEFAULT_KIND),
        DirectionMeasure::add,
        value -> value.multiply(0));
  }
}
