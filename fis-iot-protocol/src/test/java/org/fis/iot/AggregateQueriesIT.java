package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Quantity;
import org.fis.measure.Tariff;
import org.fis.measure.TariffMeasure;
import org.fis.measure.Unit;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = IotMigrations.class)
class AggregateQueriesIT {
  private static final Instant T0 = Instant.parse("2026-03-29T10:00:00Z");

  @Test
  void quarter_hour_aggregates_are_exact_measures_with_derived_mean_power(Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    List<String> meters = fixture.device("q", 1);
    String meter = meters.get(0);
    List<Measurement> batch =
        List.of(
            new Measurement(
                meter,
                T0,
                Map.of(
                    "VoltageL1AnyT0_V",
                    new BigDecimal("230"),
                    "VoltageL2AnyT0_V",
                    new BigDecimal("231"),
                    "VoltageL3AnyT0_V",
                    new BigDecimal("232"),
                    "ActiveEnergyTotalImportT0_Wh",
                    new BigDecimal("1000"),
                    "ActiveEnergyTotalImportT1_Wh",
                    new BigDecimal("600"))),
            new Measurement(
                meter,
                T0.plusSeconds(300),
                Map.of(
                    "VoltageL1AnyT0_V",
                    new BigDecimal("228"),
                    "VoltageL2AnyT0_V",
                    new BigDecimal("229"),
                    "VoltageL3AnyT0_V",
                    new BigDecimal("233"),
                    "ActiveEnergyTotalImportT0_Wh",
                    new BigDecimal("1050"),
                    "ActiveEnergyTotalImportT1_Wh",
                    new BigDecimal("630"))),
            new Measurement(
                meter,
                T0.plusSeconds(600),
                Map.of(
                    "VoltageL1AnyT0_V",
                    new BigDecimal("233"),
                    "VoltageL2AnyT0_V",
                    new BigDecimal("230"),
                    "VoltageL3AnyT0_V",
                    new BigDecimal("231"),
                    "ActiveEnergyTotalImportT0_Wh",
                    new BigDecimal("1100.5"),
                    "ActiveEnergyTotalImportT1_Wh",
                    new BigDecimal("660"))));
    assertThat(
            fixture
                .push
                .handle(IotFixture.request("q", IotFixture.SECRET, IotFixture.body("q", batch)))
                .status())
        .isEqualTo(200);
    AggregateQueries queries = new AggregateQueries(fixture.config, fixture.models);

    AggregatePage<MeterAggregate> page =
        jdbi.withHandle(
            h ->
                queries.aggregates(
                    h, meter, Resolution.QUARTER_HOUR, T0, T0.plusSeconds(3600), null, 10));

    assertThat(page.items()).hasSize(1);
    assertThat(page.nextAfter()).isEmpty();
    MeterAggregate qh = page.items().get(0);
    assertThat(qh.count()).isEqualTo(3);
    assertThat(qh.periodEnd()).isEqualTo(T0.plusSeconds(900));
    RegisterAggregate.Instantaneous v1 =
        (RegisterAggregate.Instantaneous) qh.registers().get("VoltageL1AnyT0_V");
    assertThat(v1.average()).isEqualTo(Quantity.of("230.333", Unit.V));
    assertThat(v1.minimum()).isEqualTo(Quantity.of("228", Unit.V));
    assertThat(v1.minimumAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(v1.maximumAt()).isEqualTo(T0.plusSeconds(600));
    RegisterAggregate.Cumulative e =
        (RegisterAggregate.Cumulative) qh.registers().get("ActiveEnergyTotalImportT0_Wh");
    assertThat(e.difference()).isEqualTo(Quantity.of("100.5", Unit.WH));
    // 100.5 Wh over 10 minutes is a mean power of 603 W.
    assertThat(e.meanPower()).contains(Quantity.of("603", Unit.W));

    Map<MeasureKind, TariffMeasure> measures = qh.measures();
    TariffMeasure energy = measures.get(MeasureKind.ACTIVE_ENERGY);
    PhaseMeasure t1 = energy.tariff(Tariff.T1).importValue();
    assertThat(t1).isInstanceOf(PhaseMeasure.Cumulative.class);
    assertThat(((PhaseMeasure.Cumulative) t1).difference().phaseSum())
        .contains(Quantity.of("60", Unit.WH));
    PhaseMeasure voltage = measures.get(MeasureKind.VOLTAGE).total().any();
    assertThat(voltage).isInstanceOf(PhaseMeasure.Instantaneous.class);
  }

  @Test
  void pages_are_bounded_and_continue_after_the_last_period(Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    String meter = fixture.device("p", 1).get(0);
    List<Measurement> batch =
        java.util.stream.IntStream.range(0, 5)
            .mapToObj(
                i ->
                    IotFixture.reading(
                        meter, T0.plusSeconds(900L * i), "230", String.valueOf(100 + i)))
            .toList();
    assertThat(
            fixture
                .push
                .handle(IotFixture.request("p", IotFixture.SECRET, IotFixture.body("p", batch)))
                .status())
        .isEqualTo(200);
    AggregateQueries queries = new AggregateQueries(fixture.config, fixture.models);

    AggregatePage<MeterAggregate> first =
        jdbi.withHandle(
            h ->
                queries.aggregates(
                    h, meter, Resolution.QUARTER_HOUR, T0, T0.plusSeconds(86_400), null, 2));
    AggregatePage<MeterAggregate> second =
        jdbi.withHandle(
            h ->
                queries.aggregates(
                    h,
                    meter,
                    Resolution.QUARTER_HOUR,
                    T0,
                    T0.plusSeconds(86_400),
                    first.nextAfter().orElseThrow(),
                    10));
    AggregatePage<Reading> readings =
        jdbi.withHandle(h -> queries.readings(h, meter, T0, T0.plusSeconds(86_400), null, 3));

    assertThat(first.items())
        .extracting(MeterAggregate::periodStart)
        .containsExactly(T0, T0.plusSeconds(900));
    assertThat(second.items()).hasSize(3);
    assertThat(second.nextAfter()).isEmpty();
    assertThat(readings.items()).hasSize(3);
    assertThat(readings.items().get(0).values().get("ActiveEnergyTotalImportT0_Wh"))
        .isEqualTo(Quantity.of("100", Unit.WH));
    assertThat(
            readings
                .items()
                .get(0)
                .measures()
                .get(MeasureKind.ACTIVE_ENERGY)
                .total()
                .importValue()
                .phaseSum())
        .contains(Quantity.of("100", Unit.WH));
    assertThatThrownBy(
            () ->
                jdbi.withHandle(
                    h -> queries.aggregates(h, meter, Resolution.DAY, T0, T0, null, 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(
            () ->
                jdbi.withHandle(
                    h ->
                        queries.aggregates(
                            h, meter, Resolution.DAY, T0, T0.plusSeconds(1), null, 1_000_000)))
        .hasMessageContaining("limit");
  }

  @Test
  void days_follow_the_configured_zone_across_the_dst_change(Jdbi jdbi) {
    IotFixture fixture = new IotFixture(jdbi, IotFixture.testConfig());
    String meter = fixture.device("z", 1).get(0);
    // 2026-03-29 in Zagreb: 23 hours, from 2026-03-28T23:00Z to 2026-03-29T22:00Z.
    List<Measurement> batch =
        List.of(
            IotFixture.reading(meter, Instant.parse("2026-03-28T22:59:00Z"), "230", "1"),
            IotFixture.reading(meter, Instant.parse("2026-03-28T23:00:00Z"), "230", "2"),
            IotFixture.reading(meter, Instant.parse("2026-03-29T11:00:00Z"), "230", "3"));
    assertThat(
            fixture
                .push
                .handle(IotFixture.request("z", IotFixture.SECRET, IotFixture.body("z", batch)))
                .status())
        .isEqualTo(200);
    AggregateQueries queries = new AggregateQueries(fixture.config, fixture.models);

    List<MeterAggregate> days =
        jdbi.withHandle(
                h ->
                    queries.aggregates(
                        h,
                        meter,
                        Resolution.DAY,
                        Instant.parse("2026-03-27T00:00:00Z"),
                        Instant.parse("2026-03-31T00:00:00Z"),
                        null,
                        10))
            .items();

    assertThat(days)
        .extracting(MeterAggregate::periodStart)
        .containsExactly(
            Instant.parse("2026-03-27T23:00:00Z"), Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(days.get(1).periodEnd()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(days).extracting(MeterAggregate::count).containsExactly(1L, 2L);
  }
}
