package org.fis.measure.testkit.library;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.fis.measure.MeasureKind;
import org.fis.measure.TariffMeasure;
import org.fis.measure.testkit.AssociativityLaw;
import org.fis.measure.testkit.CommutativityLaw;
import org.fis.measure.testkit.IdentityLaw;
import org.fis.measure.testkit.LawRunner;
import org.fis.measure.testkit.MeasureArbitraries;

/**
 * {@code TariffMeasure.add} is associative, commutative and has the zero of the operand's shape
 * ({@code a.multiply(0)}) as identity, on {@code MeasureArbitraries.fullTariffs(KIND)}.
 */
@Label("TariffMeasure.add (every part available)")
@AddLifecycleHook(LawRunner.Hook.class)
public class TariffAdditionLaws
    implements AssociativityLaw<TariffMeasure>,
        CommutativityLaw<TariffMeasure>,
        IdentityLaw<TariffMeasure> {
  private static final MeasureKind KIND = MeasureArbitraries.DEFAULT_KIND;

  /** Creates the container; jqwik does this. */
  public TariffAdditionLaws() {}

  @Override
  public Arbitrary<TariffMeasure> values() {
    return MeasureArbitraries.fullTariffs(KIND);
  }

  @Override
  public TariffMeasure apply(TariffMeasure left, TariffMeasure right) {
    return left.add(right);
  }

  @Override
  public TariffMeasure identityFor(TariffMeasure value) {
    return value.multiply(0);
  }
}
