package org.fis.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.fis.measure.json.MeasureModule;
import org.fis.measure.time.BillingCalendar;
import org.fis.measure.time.Interval;
import org.fis.measure.time.QuarterHours;
import org.junit.jupiter.api.Test;

/** The README quickstart, compiled and run. Keep the two in sync. */
class QuickstartTest {

  @Test
  void quickstart() throws Exception {
    // --- quickstart: begin
    // One quarter hour of a three-phase, import/export, dual-tariff meter (T1 active).
    PhaseMeasure importT1 =
        PhaseMeasure.threePhase(
            Quantity.of("0.25", Unit.KWH),
            Quantity.of("0.5", Unit.KWH),
            Quantity.of("0.75", Unit.KWH));
    PhaseMeasure exportT1 = PhaseMeasure.total(Quantity.of(100, Unit.WH));
    PhaseMeasure zero = PhaseMeasure.total(Quantity.zero(MeasureKind.ACTIVE_ENERGY));
    TariffMeasure reading =
        TariffMeasure.dual(
            DirectionMeasure.importExport(importT1, exportT1),
            DirectionMeasure.importExport(zero, zero));

    // Sum a month of readings (here: the same reading 4 times) and read what billing needs.
    MeasureAccumulator month = MeasureAccumulator.of(MeasureKind.ACTIVE_ENERGY);
    for (int i = 0; i < 4; i++) {
      month.add(reading);
    }
    TariffMeasure sum = month.sum();
    Quantity importHigh = sum.tariff(Tariff.T1).importValue().phaseSum().orElseThrow();
    Quantity net = sum.total().net().phaseSum().orElseThrow();
    assertThat(importHigh.to(Unit.KWH)).isEqualByComparingTo("6");
    assertThat(net).isEqualTo(Quantity.of("5.6", Unit.KWH));

    // Peak quarter-hour power: energy per 15 minutes is mean power (exact, × 4).
    Quantity energy =
        MeasureSelector.defaults(MeasureKind.ACTIVE_ENERGY).select(reading).orElseThrow();
    Quantity power = energy.perDuration(QuarterHours.LENGTH, RoundingMode.HALF_EVEN);
    assertThat(power).isEqualTo(Quantity.of(6, Unit.KW));

    // Calendar: the billing period of a run on 1 April 2024 is March in Zagreb (a 23-hour day).
    BillingCalendar calendar = BillingCalendar.defaults();
    Interval march = calendar.previousBillingPeriod(Instant.parse("2024-04-01T03:00:00Z"));
    assertThat(march.start()).isEqualTo(Instant.parse("2024-02-29T23:00:00Z"));
    assertThat(QuarterHours.count(march)).isEqualTo(31 * 96 - 4);
    assertThat(calendar.daysOf(YearMonth.of(2024, 3)).get(30).duration())
        .isEqualTo(Duration.ofHours(23));

    // JSON.
    ObjectMapper mapper = new ObjectMapper().registerModule(new MeasureModule());
    String json = mapper.writeValueAsString(reading);
    assertThat(mapper.readValue(json, TariffMeasure.class)).isEqualTo(reading);
    // --- quickstart: end
    assertThat(List.of(json)).isNotEmpty();
  }
}
