package org.fis.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

/** Compares amounts by value, whatever their scale. */
final class BigDecimalCheck {
  private BigDecimalCheck() {}

  static void equal(BigDecimal actual, BigDecimal expected) {
    assertThat(actual).isEqualByComparingTo(expected);
  }
}
