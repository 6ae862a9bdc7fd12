package org.fis.measure.testkit.library;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Label;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.fis.measure.TariffMeasure;
import org.fis.measure.testkit.LawRunner;
import org.fis.measure.testkit.LoadCurve;
import org.fis.measure.testkit.MeterArbitraries;
import org.fis.measure.testkit.SplitAdditivityLaw;
import org.fis.measure.testkit.TimeArbitraries;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;

/**
 * {@code MeasureAccumulator} sums of a load curve are additive over split periods: the sum over a
 * period (DST changes included) equals the sum over its part before any inner quarter hour plus the
 * sum over the rest, gaps ("not available" quarter hours) included.
 */
@Label("MeasureAccumulator sums of load curves")
@AddLifecycleHook(LawRunner.Hook.class)
public class LoadCurveAdditivityLaws implements SplitAdditivityLaw<LoadCurve, TariffMeasure> {
  /** The longest curve checked: four days of quarter hours. */
  public static final int QUARTER_HOURS_MAX = 4 * 96;

  /** Creates the container; jqwik does this. */
  public LoadCurveAdditivityLaws() {}

  @Override
  public Arbitrary<LoadCurve> data() {
    Arbitrary<Interval> periods =
        TimeArbitraries.intervals(BillingCalendar.DEFAULT_ZONE, QUARTER_HOURS_MAX)
            .filter(i -> QuarterHours.count(i) >= 2);
    return MeterArbitraries.loadCurves(BillingCalendar.defaults(), periods);
  }

  @Override
  public Interval periodOf(LoadCurve curve) {
    return curve.period();
  }

  @Override
  public TariffMeasure measure(LoadCurve curve, Interval part) {
    return curve.sum(part);
  }

  @Override
  public TariffMeasure add(TariffMeasure left, TariffMeasure right) {
    return left.add(right);
  }
}
