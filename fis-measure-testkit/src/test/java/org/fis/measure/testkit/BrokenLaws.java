package org.fis.measure.testkit;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.fis.measure.MeasureAccumulator;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.TariffMeasure;

/**
 * Deliberately broken operations under the kit's laws, run only through {@link LawRunner} by {@link
 * ShrinkingTest} (the names do not match the build's test pattern, so the build does not run them
 * on its own: they fail by design).
 */
public final class BrokenLaws {
  private BrokenLaws() {}

  /** "add" that counts the right operand twice: not commutative unless the operands are equal. */
  @AddLifecycleHook(LawRunner.Hook.class)
  public static class Commutativity implements CommutativityLaw<PhaseMeasure> {
    /** Creates the container; jqwik does this. */
    public Commutativity() {}

    @Override
    public Arbitrary<PhaseMeasure> values() {
      return MeasureArbitraries.phases(MeasureKind.ACTIVE_ENERGY);
    }

    @Override
    public PhaseMeasure apply(PhaseMeasure left, PhaseMeasure right) {
      return left.add(right.multiply(2));
    }
  }

  /** A consumer that sums what is delivered without keying it: re-delivery counts twice. */
  @AddLifecycleHook(LawRunner.Hook.class)
  public static class Redelivery implements IdempotentRedeliveryLaw<TariffMeasure, TariffMeasure> {
    /** Creates the container; jqwik does this. */
    public Redelivery() {}

    @Override
    public Arbitrary<List<TariffMeasure>> batches() {
      return MeasureArbitraries.dualThreePhaseReadings(MeasureKind.ACTIVE_ENERGY)
          .list()
          .uniqueElements()
          .ofMinSize(1)
          .ofMaxSize(6);
    }

    @Override
    public TariffMeasure consume(List<TariffMeasure> delivered) {
      return MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY).addAll(delivered).sum();
    }
  }
}
