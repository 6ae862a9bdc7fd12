package com.example.billing;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.fis.measure.MeasureKind;
import org.fis.measure.TariffMeasure;
import org.fis.measure.testkit.AssociativityLaw;
import org.fis.measure.testkit.Available;
import org.fis.measure.testkit.CommutativityLaw;
import org.fis.measure.testkit.Laws;
import org.fis.measure.testkit.MeasureArbitraries;

/** The host's operation under the kit's laws: a few lines each. */
class MonthlyEnergyTest
    implements AssociativityLaw<TariffMeasure>, CommutativityLaw<TariffMeasure> {

  @Override
  public Arbitrary<TariffMeasure> values() {
    return MeasureArbitraries.fullTariffs(MeasureKind.ACTIVE_ENERGY);
  }

  @Override
  public TariffMeasure apply(TariffMeasure left, TariffMeasure right) {
    return MonthlyEnergy.combine(left, right);
  }

  @Property(tries = 200)
  void combining_shards_in_any_order_gives_the_same_total(
      @ForAll @Available TariffMeasure a, @ForAll @Available TariffMeasure b) {
    Laws.assertCommutative(MonthlyEnergy::combine, a, b);
  }

  @Property(tries = 200)
  void the_high_tariff_line_is_additive(
      @ForAll("dualReadings") TariffMeasure a, @ForAll("dualReadings") TariffMeasure b) {
    Laws.assertCommutative(
        (x, y) -> MonthlyEnergy.highTariffOnly(x).add(MonthlyEnergy.highTariffOnly(y)), a, b);
  }

  @net.jqwik.api.Provide
  Arbitrary<TariffMeasure> dualReadings() {
    return MeasureArbitraries.dualThreePhaseReadings(MeasureKind.ACTIVE_ENERGY);
  }
}
