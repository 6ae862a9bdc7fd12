package org.fis.measure.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.DomainContextBase;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.TariffMeasure;

/**
 * A jqwik domain for hosts that switch off the global defaults or want only the measure types:
 * {@code @Domain(MeasureDomain.class)} on a container or property makes {@code @ForAll
 * TariffMeasure m} (and the phase and direction layers) come from {@link MeasureArbitraries}, in
 * {@link MeasureArbitraries#DEFAULT_KIND}. Combine with {@code @Domain(DomainContext.Global.class)}
 * to keep jqwik's defaults for other types. Stateless and thread-safe.
 */
public class MeasureDomain extends DomainContextBase {
  /** Creates the domain; jqwik does this. */
  public MeasureDomain() {}

  @Provide
  Arbitrary<PhaseMeasure> phases() {
    return MeasureArbitraries.phases(MeasureArbitraries.DEFAULT_KIND);
  }

  @Provide
  Arbitrary<DirectionMeasure> directions() {
    return MeasureArbitraries.directions(MeasureArbitraries.DEFAULT_KIND);
  }

  @Provide
  Arbitrary<TariffMeasure> tariffs() {
    return MeasureArbitraries.tariffs(MeasureArbitraries.DEFAULT_KIND);
  }
}
