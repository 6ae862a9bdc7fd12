package com.example.billing;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.PropertyDefaults;
import org.fis.measure.TariffMeasure;
import org.fis.measure.testkit.LoadCurve;
import org.fis.measure.testkit.MeterArbitraries;
import org.fis.measure.testkit.SplitAdditivityLaw;
import org.fis.measure.testkit.TimeArbitraries;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;

/** The host's month total is additive over split periods, DST days included. */
@PropertyDefaults(tries = 50)
class MonthlyTotalTest implements SplitAdditivityLaw<LoadCurve, TariffMeasure> {

  @Override
  public Arbitrary<LoadCurve> data() {
    return MeterArbitraries.loadCurves(
        BillingCalendar.defaults(), TimeArbitraries.intervals(BillingCalendar.DEFAULT_ZONE, 200));
  }

  @Override
  public Interval periodOf(LoadCurve curve) {
    return curve.period();
  }

  @Override
  public TariffMeasure measure(LoadCurve curve, Interval part) {
    return MonthlyEnergy.total(curve.energiesIn(part));
  }

  @Override
  public TariffMeasure add(TariffMeasure left, TariffMeasure right) {
    return MonthlyEnergy.combine(left, right);
  }
}
