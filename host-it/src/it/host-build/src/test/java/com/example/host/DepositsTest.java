package com.example.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.fis.measure.Quantity;
import org.fis.measure.Unit;
import org.junit.jupiter.api.Test;

class DepositsTest {
  @Test
  void prepayment_of_1500_wh_at_0_2_per_kwh_is_0_30() {
    assertEquals(
        new BigDecimal("0.30"),
        Deposits.amountFor(Quantity.of(1500, Unit.WH), new BigDecimal("0.2")));
  }
}
