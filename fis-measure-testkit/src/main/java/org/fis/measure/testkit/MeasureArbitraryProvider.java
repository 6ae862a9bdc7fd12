package org.fis.measure.testkit;

import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.ExpenditureMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Quantity;
import org.fis.measure.SpanMeasure;
import org.fis.measure.TariffMeasure;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;

/**
 * jqwik's default generation for the measure types, registered in {@code
 * META-INF/services/net.jqwik.api.providers.ArbitraryProvider}: with the kit on the test classpath
 * a host writes {@code @ForAll TariffMeasure m} (or {@code Quantity}, {@code PhaseMeasure}, {@code
 * DirectionMeasure}, {@code SpanMeasure}, {@code ExpenditureMeasure}, {@code Interval}, {@code
 * BillingCalendar}, {@link LoadCurve}, {@link RegisterSeries}). {@link OfKind} chooses the kind,
 * {@link Available} the fully available shapes. Stateless and thread-safe.
 */
public final class MeasureArbitraryProvider implements ArbitraryProvider {
  private static final Map<Class<?>, BiFunction<MeasureKind, Boolean, Arbitrary<?>>> FACTORIES =
      Map.of(
          PhaseMeasure.class,
          (kind, full) ->
              full ? MeasureArbitraries.availablePhases(kind) : MeasureArbitraries.phases(kind),
          DirectionMeasure.class,
          (kind, full) ->
              full ? MeasureArbitraries.fullDirections(kind) : MeasureArbitraries.directions(kind),
          TariffMeasure.class,
          (kind, full) ->
              full ? MeasureArbitraries.fullTariffs(kind) : MeasureArbitraries.tariffs(kind),
          SpanMeasure.class,
          (kind, full) -> MeasureArbitraries.spans(kind),
          ExpenditureMeasure.class,
          (kind, full) -> MeasureArbitraries.expenditures(),
          Interval.class,
          (kind, full) -> TimeArbitraries.intervals(),
          BillingCalendar.class,
          (kind, full) -> TimeArbitraries.calendars(),
          LoadCurve.class,
          (kind, full) ->
              MeterArbitraries.loadCurves(
                  BillingCalendar.defaults(),
                  TimeArbitraries.intervals().filter(i -> !i.isEmpty())),
          RegisterSeries.class,
          (kind, full) -> MeterArbitraries.registerSeries());

  /** Creates the provider; jqwik does this through the service registration. */
  public MeasureArbitraryProvider() {}

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return targetType.isOfType(Quantity.class) || FACTORIES.containsKey(targetType.getRawType());
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    MeasureKind kind = targetType.findAnnotation(OfKind.class).map(OfKind::value).orElse(null);
    if (targetType.isOfType(Quantity.class)) {
      return Set.of(
          kind == null ? MeasureArbitraries.quantities() : MeasureArbitraries.quantities(kind));
    }
    boolean full = targetType.isAnnotated(Available.class);
    MeasureKind measured = kind == null ? MeasureArbitraries.DEFAULT_KIND : kind;
    return Set.of(FACTORIES.get(targetType.getRawType()).apply(measured, full));
  }
}
