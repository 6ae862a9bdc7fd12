package org.fis.measure.testkit.library;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.fis.measure.TariffMeasure;
import org.fis.measure.testkit.IdempotentRedeliveryLaw;
import org.fis.measure.testkit.LawRunner;
import org.fis.measure.testkit.MeasureArbitraries;

/**
 * Building a composite is idempotent under re-delivery: alternatives delivered again (equal
 * duplicates) are merged, so {@code TariffMeasure.composite} of a re-delivered batch equals the
 * composite of each alternative once.
 */
@Label("TariffMeasure.composite of re-delivered alternatives")
@AddLifecycleHook(LawRunner.Hook.class)
public class CompositeRedeliveryLaws
    implements IdempotentRedeliveryLaw<TariffMeasure, TariffMeasure> {

  /** Creates the container; jqwik does this. */
  public CompositeRedeliveryLaws() {}

  @Override
  public Arbitrary<List<TariffMeasure>> batches() {
    Arbitrary<TariffMeasure> singles =
        MeasureArbitraries.fullDirections(MeasureArbitraries.DEFAULT_KIND)
            .map(TariffMeasure::single);
    Arbitrary<TariffMeasure> duals =
        Combinators.combine(
                MeasureArbitraries.fullDirections(MeasureArbitraries.DEFAULT_KIND),
                MeasureArbitraries.fullDirections(MeasureArbitraries.DEFAULT_KIND))
            .as(TariffMeasure::dual);
    Arbitrary<TariffMeasure> missing =
        Arbitraries.just(TariffMeasure.notAvailable(MeasureArbitraries.DEFAULT_KIND));
    return Combinators.combine(singles, duals, missing).as(List::of);
  }

  @Override
  public TariffMeasure consume(List<TariffMeasure> delivered) {
    return TariffMeasure.composite(delivered);
  }
}
