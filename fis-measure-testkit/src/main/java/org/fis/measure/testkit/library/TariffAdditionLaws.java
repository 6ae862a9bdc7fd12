package org.fis.measure.testkit.library;

import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.fis.measure.TariffMeasure;
import org.fis.measure.testkit.LawRunner;
import org.fis.measure.testkit.MeasureArbitraries;

/**
 * {@code TariffMeasure.add} on {@code MeasureArbitraries.fullTariffs}: see {@link AdditionLaws}.
 */
@Label("TariffMeasure.add (every part available)")
@AddLifecycleHook(LawRunner.Hook.class)
public class TariffAdditionLaws extends AdditionLaws<TariffMeasure> {
  /** Creates the container; jqwik does this. */
  public TariffAdditionLaws() {
    super(
        MeasureArbitraries.fullTariffs(MeasureArbitraries.DEFAULT_KIND),
        TariffMeasure::add,
        value -> value.multiply(0));
  }
}
