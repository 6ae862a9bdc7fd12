package org.fis.measure.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.ExpenditureMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Quantity;
import org.fis.measure.SpanMeasure;
import org.fis.measure.TariffMeasure;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;

/** {@code @ForAll} works for every measure type through the registered provider and the domain. */
class MeasureArbitraryProviderTest {

  @Property(tries = 100)
  void measures_default_to_active_energy_and_can_be_added(
      @ForAll TariffMeasure a, @ForAll TariffMeasure b) {
    assertThat(a.kind()).isEqualTo(MeasureKind.ACTIVE_ENERGY);
    assertThat(a.add(b)).isEqualTo(b.add(a));
  }

  @Property(tries = 100)
  void of_kind_chooses_the_kind(
      @ForAll @OfKind(MeasureKind.VOLTAGE) PhaseMeasure voltage,
      @ForAll @OfKind(MeasureKind.REACTIVE_ENERGY) DirectionMeasure reactive,
      @ForAll @OfKind(MeasureKind.CURRENT) Quantity current) {
    assertThat(voltage.kind()).isEqualTo(MeasureKind.VOLTAGE);
    assertThat(reactive.kind()).isEqualTo(MeasureKind.REACTIVE_ENERGY);
    assertThat(current.kind()).isEqualTo(MeasureKind.CURRENT);
  }

  @Property(tries = 200)
  void available_gives_fully_available_or_wholly_missing_tariffs(
      @ForAll @Available TariffMeasure measure) {
    if (measure.isAvailable()) {
      assertThat(measure.total().net().isAvailable()).isTrue();
    } else {
      assertThat(measure).isEqualTo(TariffMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY));
    }
  }

  @Property(tries = 50)
  void every_other_public_value_has_a_default(
      @ForAll Quantity quantity,
      @ForAll SpanMeasure span,
      @ForAll ExpenditureMeasure expenditure,
      @ForAll Interval interval,
      @ForAll BillingCalendar calendar) {
    assertThat(quantity).isNotNull();
    assertThat(span.interval().isEmpty()).isFalse();
    assertThat(expenditure.sum().kind()).isEqualTo(MeasureKind.MONEY);
    assertThat(interval.duration().isNegative()).isFalse();
    assertThat(calendar.billingStartDay()).isBetween(1, 28);
  }

  @Property(tries = 50)
  @Domain(MeasureDomain.class)
  void the_domain_provides_the_three_layers(
      @ForAll PhaseMeasure phase, @ForAll DirectionMeasure direction, @ForAll TariffMeasure t) {
    assertThat(phase.kind()).isEqualTo(MeasureArbitraries.DEFAULT_KIND);
    assertThat(direction.kind()).isEqualTo(MeasureArbitraries.DEFAULT_KIND);
    assertThat(t.kind()).isEqualTo(MeasureArbitraries.DEFAULT_KIND);
  }
}
