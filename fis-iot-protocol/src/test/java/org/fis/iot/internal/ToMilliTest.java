package org.fis.iot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The conversion of sent values to milli base units, fast path against BigDecimal arithmetic. */
class ToMilliTest {
  private static final long[] FACTORS = {1_000L, 1_000_000L, 1_000_000_000L};

  @Provide
  Arbitrary<BigDecimal> values() {
    return Arbitraries.oneOf(
        java.util.List.of(
            Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e19"), new BigDecimal("1e19"))
                .ofScale(3),
            Arbitraries.bigDecimals()
                .between(new BigDecimal("-1e13"), new BigDecimal("1e13"))
                .ofScale(7),
            Arbitraries.longs().map(BigDecimal::valueOf)));
  }

  @Property(tries = 3000)
  void the_fast_path_agrees_with_exact_arithmetic(
      @ForAll("values") BigDecimal value, @ForAll("factor") long factor) {
    long expected = reference(value, factor);
    long viaUnscaled =
        value.scale() >= 0 && value.precision() <= 18
            ? IngestEngine.toMilli(
                value.unscaledValue().longValueExact(), value.scale(), null, factor)
            : IngestEngine.toMilli(0, 0, value, factor);
    assertThat(viaUnscaled).isEqualTo(expected);
    assertThat(IngestEngine.toMilli(0, 0, value, factor)).isEqualTo(expected);
  }

  @Provide
  Arbitrary<Long> factor() {
    return Arbitraries.of(FACTORS[0], FACTORS[1], FACTORS[2]);
  }

  @Example
  void a_huge_value_in_a_mega_unit_is_out_of_range_not_wrapped_around() {
    // 10^15 MWh * 10^9 overflows a long; it must be reported, never stored as a wrapped number.
    assertThat(IngestEngine.toMilli(1_000_000_000_000_000L, 0, null, 1_000_000_000L))
        .isEqualTo(IngestEngine.OUT_OF_RANGE);
    assertThat(IngestEngine.toMilli(999_999_999_999_999L, 3, null, 1_000_000_000L))
        .isEqualTo(IngestEngine.OUT_OF_RANGE);
    assertThat(IngestEngine.toMilli(1_000_000L, 0, null, 1_000_000_000L))
        .isEqualTo(1_000_000_000_000_000L);
  }

  private static long reference(BigDecimal value, long factor) {
    BigDecimal milli =
        value.multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_EVEN);
    return milli.abs().compareTo(BigDecimal.valueOf(IngestEngine.MILLI_MAGNITUDE_MAX)) > 0
        ? IngestEngine.OUT_OF_RANGE
        : milli.longValueExact();
  }
}
