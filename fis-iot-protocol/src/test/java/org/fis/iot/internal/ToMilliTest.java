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

  /**
   * Values with exponents anywhere in the int range. The oracle does not share the code's digit
   * count: a non-zero value with a scale below -40 is at least 10^40 (out of range in every unit),
   * one with a scale above 60 and at most 20 digits is below 10^-40 (zero after rounding), and
   * every other value is computed exactly.
   */
  @Property(tries = 3000)
  void values_with_extreme_exponents_are_out_of_range_or_zero_never_wrapped(
      @ForAll("unscaledValues") java.math.BigInteger unscaled,
      @ForAll("extremeScales") int scale,
      @ForAll("factor") long factor) {
    BigDecimal value = new BigDecimal(unscaled, scale);
    long expected;
    if (unscaled.signum() == 0) {
      expected = 0L;
    } else if (scale < -40) {
      expected = IngestEngine.OUT_OF_RANGE;
    } else if (scale > 60) {
      expected = 0L;
    } else {
      expected = reference(value, factor);
    }
    assertThat(IngestEngine.toMilli(0, 0, value, factor))
        .as("%s * %s", value, factor)
        .isEqualTo(expected);
  }

  @Provide
  Arbitrary<java.math.BigInteger> unscaledValues() {
    return Arbitraries.bigIntegers()
        .between(
            new java.math.BigInteger("-99999999999999999999"),
            new java.math.BigInteger("99999999999999999999"));
  }

  @Provide
  Arbitrary<Integer> extremeScales() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(-40, 60)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(Integer.MIN_VALUE, -41)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(61, Integer.MAX_VALUE)),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.of(
                Integer.MIN_VALUE,
                Integer.MIN_VALUE + 1,
                -Integer.MAX_VALUE + 1,
                Integer.MAX_VALUE,
                Integer.MAX_VALUE - 1)));
  }

  /**
   * Digit extremes: up to 40 significant digits whose magnitude lies around the two edges that
   * matter (10^12 base units, the largest stored, and half a milli unit, the smallest that does not
   * round to zero), against exact arithmetic.
   */
  @Property(tries = 3000)
  void values_with_many_digits_around_the_edges_agree_with_exact_arithmetic(
      @ForAll("manyDigits") java.math.BigInteger unscaled,
      @ForAll("edgeScales") int scale,
      @ForAll("factor") long factor) {
    BigDecimal value = new BigDecimal(unscaled, scale);
    long expected = unscaled.signum() == 0 ? 0L : reference(value, factor);
    assertThat(IngestEngine.toMilli(0, 0, value, factor))
        .as("%s * %s", value, factor)
        .isEqualTo(expected);
    if (scale >= 0 && unscaled.bitLength() < 63) {
      assertThat(IngestEngine.toMilli(unscaled.longValueExact(), scale, null, factor))
          .as("%s * %s unscaled", value, factor)
          .isEqualTo(expected);
    }
  }

  @Provide
  Arbitrary<java.math.BigInteger> manyDigits() {
    return Arbitraries.integers()
        .between(1, 40)
        .flatMap(
            digits ->
                Arbitraries.strings()
                    .numeric()
                    .ofLength(digits)
                    .map(d -> new java.math.BigInteger(d))
                    .flatMap(n -> Arbitraries.of(n, n.negate(), n.add(java.math.BigInteger.ONE))));
  }

  @Provide
  Arbitrary<Integer> edgeScales() {
    // value = unscaled * 10^-scale with up to 40 digits: scales that put it near 10^15 milli
    // (digits - scale around 12..16) or near 0.5 milli (digits - scale around -4..-2).
    return Arbitraries.integers().between(-16, 45);
  }

  @Example
  void an_exponent_at_the_end_of_the_int_range_is_out_of_range_not_zero() {
    // As the parser gives 1E+2147483647 and 1.5e2147483647: both used to be stored as 0.
    assertThat(IngestEngine.toMilli(0, 0, new BigDecimal("1E+2147483647"), 1_000L))
        .isEqualTo(IngestEngine.OUT_OF_RANGE);
    assertThat(IngestEngine.toMilli(0, 0, new BigDecimal("1.5e2147483647"), 1_000L))
        .isEqualTo(IngestEngine.OUT_OF_RANGE);
    assertThat(IngestEngine.toMilli(0, 0, new BigDecimal("1e-999999999"), 1_000L)).isZero();
  }

  private static long reference(BigDecimal value, long factor) {
    BigDecimal milli =
        value.multiply(BigDecimal.valueOf(factor)).setScale(0, RoundingMode.HALF_EVEN);
    return milli.abs().compareTo(BigDecimal.valueOf(IngestEngine.MILLI_MAGNITUDE_MAX)) > 0
        ? IngestEngine.OUT_OF_RANGE
        : milli.longValueExact();
  }
}
