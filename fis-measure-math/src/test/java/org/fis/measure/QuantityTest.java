package org.fis.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuantityTest {

  @Test
  void of_converts_units_exactly_into_thousandths_of_the_base_unit() {
    assertThat(Quantity.of("1.5", Unit.KWH))
        .isEqualTo(Quantity.ofMilli(MeasureKind.ACTIVE_ENERGY, 1_500_000));
    assertThat(Quantity.of("0.001", Unit.WH).valueMilli()).isEqualTo(1);
    assertThat(Quantity.of(2, Unit.MW)).isEqualTo(Quantity.of("2000000", Unit.W));
    assertThat(Quantity.of("230.5", Unit.V).kind()).isEqualTo(MeasureKind.VOLTAGE);
  }

  @Test
  void of_rejects_more_precision_than_a_thousandth_of_the_base_unit() {
    assertThatThrownBy(() -> Quantity.of("0.0001", Unit.WH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value: 0.0001 Wh is not representable");
    assertThatThrownBy(() -> Quantity.of("abc", Unit.WH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value: 'abc' is not a decimal number");
  }

  @Test
  void of_rejects_values_out_of_range() {
    assertThatThrownBy(() -> Quantity.of(10_000_000, Unit.GWH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("within ±9.22e15 Wh");
  }

  @Test
  void to_converts_to_any_unit_of_the_same_kind_exactly() {
    Quantity energy = Quantity.of("1234.567", Unit.WH);
    assertThat(energy.to(Unit.KWH)).isEqualByComparingTo("1.234567");
    assertThat(energy.to(Unit.MWH)).isEqualByComparingTo("0.001234567");
    assertThat(energy.toBaseUnit()).isEqualTo(new BigDecimal("1234.567"));
    assertThat(energy).hasToString("1234.567 Wh");
  }

  @Test
  void to_rejects_a_unit_of_another_kind() {
    assertThatThrownBy(() -> Quantity.of(1, Unit.KWH).to(Unit.KW))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("ACTIVE_ENERGY with ACTIVE_POWER");
  }

  @Test
  void add_and_subtract_are_exact_for_the_same_kind() {
    Quantity a = Quantity.of("0.1", Unit.KWH);
    Quantity b = Quantity.of("0.2", Unit.KWH);
    assertThat(a.add(b)).isEqualTo(Quantity.of("0.3", Unit.KWH));
    assertThat(b.subtract(a)).isEqualTo(a);
    assertThat(a.negate().abs()).isEqualTo(a);
  }

  @Test
  void adding_energy_to_power_or_active_to_reactive_is_a_mismatch() {
    Quantity energy = Quantity.of(1, Unit.KWH);
    assertThatThrownBy(() -> energy.add(Quantity.of(1, Unit.KW)))
        .isInstanceOf(MeasureMismatchException.class);
    assertThatThrownBy(() -> energy.subtract(Quantity.of(1, Unit.KVARH)))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("ACTIVE_ENERGY with REACTIVE_ENERGY");
    assertThatThrownBy(() -> energy.compareTo(Quantity.of(1, Unit.KVARH)))
        .isInstanceOf(MeasureMismatchException.class);
  }

  @Test
  void overflow_throws_instead_of_wrapping() {
    Quantity big = Quantity.ofMilli(MeasureKind.ACTIVE_ENERGY, Long.MAX_VALUE);
    assertThatThrownBy(() -> big.add(Quantity.ofMilli(MeasureKind.ACTIVE_ENERGY, 1)))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> big.multiply(2)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Quantity.ofMilli(MeasureKind.ACTIVE_ENERGY, Long.MIN_VALUE).abs())
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void multiply_and_divide_by_a_scalar_round_as_told() {
    Quantity q = Quantity.ofMilli(MeasureKind.ACTIVE_ENERGY, 10);
    assertThat(q.multiply(3)).isEqualTo(Quantity.ofMilli(MeasureKind.ACTIVE_ENERGY, 30));
    assertThat(q.divide(4, RoundingMode.HALF_EVEN).valueMilli()).isEqualTo(2);
    assertThat(q.divide(4, RoundingMode.HALF_UP).valueMilli()).isEqualTo(3);
    assertThat(q.multiply(new BigDecimal("0.25"), RoundingMode.CEILING).valueMilli()).isEqualTo(3);
    assertThatThrownBy(() -> q.divide(0, RoundingMode.HALF_EVEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("divisor");
    assertThatThrownBy(() -> q.divide(3, RoundingMode.UNNECESSARY))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void energy_per_duration_is_mean_power_and_power_over_duration_is_energy() {
    Quantity quarterHourEnergy = Quantity.of("2.5", Unit.KWH);
    Quantity power = quarterHourEnergy.perDuration(Duration.ofMinutes(15), RoundingMode.HALF_EVEN);
    assertThat(power).isEqualTo(Quantity.of(10, Unit.KW));
    assertThat(power.overDuration(Duration.ofMinutes(15), RoundingMode.HALF_EVEN))
        .isEqualTo(quarterHourEnergy);
  }

  @Test
  void per_duration_rejects_non_energies_and_non_positive_durations() {
    assertThatThrownBy(
            () -> Quantity.of(1, Unit.KW).perDuration(Duration.ofHours(1), RoundingMode.HALF_EVEN))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("not an energy");
    assertThatThrownBy(
            () -> Quantity.of(1, Unit.KWH).perDuration(Duration.ZERO, RoundingMode.HALF_EVEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration: must be positive");
    assertThatThrownBy(
            () ->
                Quantity.of(1, Unit.KWH).overDuration(Duration.ofHours(1), RoundingMode.HALF_EVEN))
        .isInstanceOf(MeasureMismatchException.class)
        .hasMessageContaining("not a power");
  }

  @Test
  void comparisons_work_within_a_kind() {
    Quantity one = Quantity.of(1, Unit.KWH);
    Quantity two = Quantity.of(2, Unit.KWH);
    assertThat(one.max(two)).isEqualTo(two);
    assertThat(one.min(two)).isEqualTo(one);
    assertThat(Quantity.zero(MeasureKind.ACTIVE_ENERGY).isZero()).isTrue();
    assertThat(one.negate().signum()).isEqualTo(-1);
  }

  @Test
  void units_are_found_by_symbol_and_kinds_map_energy_to_power() {
    assertThat(Unit.ofSymbol("kvarh")).isEqualTo(Unit.KVARH);
    assertThat(MeasureKind.ACTIVE_ENERGY.baseUnit()).isEqualTo(Unit.WH);
    assertThat(MeasureKind.REACTIVE_ENERGY.power()).isEqualTo(MeasureKind.REACTIVE_POWER);
    assertThat(MeasureKind.APPARENT_POWER.energy()).isEqualTo(MeasureKind.APPARENT_ENERGY);
    assertThatThrownBy(() -> Unit.ofSymbol("mWh"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("symbol: unknown unit 'mWh'");
    assertThatThrownBy(MeasureKind.VOLTAGE::energy).isInstanceOf(MeasureMismatchException.class);
  }
}
