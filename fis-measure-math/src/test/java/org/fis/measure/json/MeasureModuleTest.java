package org.fis.measure.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.ExpenditureMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Quantity;
import org.fis.measure.SpanMeasure;
import org.fis.measure.TariffMeasure;
import org.fis.measure.Unit;
import org.fis.measure.time.Interval;
import org.junit.jupiter.api.Test;

class MeasureModuleTest {
  private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new MeasureModule());
  private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
  private static final Interval QUARTER = Interval.of(START, Duration.ofMinutes(15));

  private static PhaseMeasure wh(String value) {
    return PhaseMeasure.total(Quantity.of(value, Unit.WH));
  }

  private static TariffMeasure reading() {
    PhaseMeasure phases =
        PhaseMeasure.threePhase(
            Quantity.of("100.5", Unit.WH), Quantity.of(200, Unit.WH), Quantity.of(300, Unit.WH));
    return TariffMeasure.composite(
        TariffMeasure.single(
            DirectionMeasure.importExport(PhaseMeasure.composite(phases, wh("650")), wh("1"))),
        TariffMeasure.dual(
            DirectionMeasure.importExport(
                wh("400"), PhaseMeasure.notAvailable(MeasureKind.ACTIVE_ENERGY)),
            DirectionMeasure.net(wh("240"))));
  }

  @Test
  void quantities_are_exact_decimal_strings_with_the_base_unit() throws JsonProcessingException {
    assertThat(MAPPER.writeValueAsString(Quantity.of("1.5", Unit.KWH)))
        .isEqualTo("\"1500.000 Wh\"");
    assertThat(MAPPER.readValue("\"1.5 kWh\"", Quantity.class))
        .isEqualTo(Quantity.of(1500, Unit.WH));
    assertThat(MAPPER.readValue("\"-0.001 var\"", Quantity.class))
        .isEqualTo(Quantity.ofMilli(MeasureKind.REACTIVE_POWER, -1));
  }

  @Test
  void a_measure_is_written_with_types_and_read_back_equal() throws JsonProcessingException {
    TariffMeasure reading = reading();
    String json = MAPPER.writeValueAsString(reading);
    assertThat(json)
        .contains("\"type\":\"composite\"", "\"type\":\"threePhase\"", "\"100.500 Wh\"");
    assertThat(json).contains("{\"type\":\"notAvailable\",\"kind\":\"ACTIVE_ENERGY\"}");
    assertThat(MAPPER.readValue(json, TariffMeasure.class)).isEqualTo(reading);
  }

  @Test
  void a_single_phase_measure_reads_from_a_hand_written_document() throws JsonProcessingException {
    String json =
        "{\"type\":\"dual\","
            + "\"t1\":{\"type\":\"importExport\",\"import\":{\"type\":\"total\",\"value\":\"1.5 kWh\"},"
            + "\"export\":{\"type\":\"notAvailable\",\"kind\":\"active_energy\"}},"
            + "\"t2\":{\"type\":\"net\",\"value\":{\"type\":\"threePhase\",\"l1\":\"1 Wh\",\"l2\":\"2 Wh\",\"l3\":\"3 Wh\"}}}";
    TariffMeasure measure = MAPPER.readValue(json, TariffMeasure.class);
    assertThat(measure.dualView().t1().importValue()).isEqualTo(wh("1500"));
    assertThat(measure.dualView().t2().net().phaseSum()).contains(Quantity.of(6, Unit.WH));
  }

  @Test
  void spans_expenditures_and_intervals_round_trip() throws JsonProcessingException {
    TariffMeasure money =
        TariffMeasure.single(
            DirectionMeasure.net(PhaseMeasure.total(Quantity.of("12.5", Unit.MONEY))));
    List<Object> values =
        List.of(
            QUARTER,
            new SpanMeasure.Cumulative(QUARTER, reading(), reading()),
            new SpanMeasure.MinMax(QUARTER, reading(), reading()),
            new SpanMeasure.Average(QUARTER, reading()),
            new SpanMeasure.Peak(QUARTER, reading()),
            new SpanMeasure.NotAvailable(QUARTER, MeasureKind.VOLTAGE),
            new SpanMeasure.Instantaneous(QUARTER, reading(), reading(), START, reading(), START),
            new ExpenditureMeasure.UsageAndSupply(money, money),
            new ExpenditureMeasure.Usage(money),
            new ExpenditureMeasure.Supply(money),
            new ExpenditureMeasure.NotAvailable());
    for (Object value : values) {
      Class<?> type =
          value instanceof SpanMeasure
              ? SpanMeasure.class
              : value instanceof ExpenditureMeasure ? ExpenditureMeasure.class : Interval.class;
      assertThat(MAPPER.readValue(MAPPER.writeValueAsString(value), type)).isEqualTo(value);
    }
  }

  @Test
  void phase_statistics_and_registers_round_trip() throws JsonProcessingException {
    PhaseMeasure statistics =
        new PhaseMeasure.Instantaneous(wh("2"), wh("1"), START, wh("3"), START.plusSeconds(60));
    PhaseMeasure register = new PhaseMeasure.Cumulative(wh("10"), wh("12"));
    for (PhaseMeasure measure :
        List.of(statistics, register, PhaseMeasure.composite(statistics, register))) {
      assertThat(MAPPER.readValue(MAPPER.writeValueAsString(measure), PhaseMeasure.class))
          .isEqualTo(measure);
    }
  }

  @Test
  void bad_input_names_the_path_and_the_reason() {
    assertRejected(
        "{\"type\":\"single\",\"t0\":{\"type\":\"net\",\"value\":{\"type\":\"total\",\"value\":\"1 kwh\"}}}",
        TariffMeasure.class,
        "$.t0.value.value: unknown unit \"kwh\"");
    assertRejected(
        "{\"type\":\"total\",\"value\":\"0.0001 Wh\"}",
        PhaseMeasure.class,
        "$.value: value: 0.0001 Wh is not representable");
    assertRejected(
        "{\"type\":\"total\",\"value\":1.5}", PhaseMeasure.class, "$.value: must be a string");
    assertRejected(
        "{\"type\":\"triple\"}", PhaseMeasure.class, "$.type: unknown phase measure type");
    assertRejected("[1]", DirectionMeasure.class, "$: must be an object");
    assertRejected(
        "{\"type\":\"dual\",\"t1\":{\"type\":\"net\",\"value\":{\"type\":\"total\",\"value\":\"1 Wh\"}},"
            + "\"t2\":{\"type\":\"net\",\"value\":{\"type\":\"total\",\"value\":\"1 var\"}}}",
        TariffMeasure.class,
        "$: t2: cannot pair ACTIVE_ENERGY with REACTIVE_POWER");
    assertRejected(
        "{\"start\":\"2024-03-01T10:00:00Z\",\"end\":\"2024-03-01T09:00:00Z\"}",
        Interval.class,
        "$: end:");
    assertRejected(
        "{\"type\":\"notAvailable\",\"kind\":\"WATTS\"}",
        PhaseMeasure.class,
        "$.kind: unknown kind");
    assertRejected(
        "{\"type\":\"composite\",\"members\":[]}",
        PhaseMeasure.class,
        "$.members: must be a non-empty array");
  }

  @Test
  void deeply_nested_input_is_rejected_without_deep_recursion() {
    StringBuilder json = new StringBuilder();
    int depth = 40;
    for (int i = 0; i < depth; i++) {
      json.append("{\"type\":\"cumulative\",\"first\":");
    }
    json.append("{\"type\":\"total\",\"value\":\"1 Wh\"}");
    for (int i = 0; i < depth; i++) {
      json.append(",\"last\":{\"type\":\"total\",\"value\":\"1 Wh\"}}");
    }
    assertRejected(json.toString(), PhaseMeasure.class, "nested deeper than");
  }

  private static void assertRejected(String json, Class<?> type, String message) {
    assertThatThrownBy(() -> MAPPER.readValue(json, type))
        .isInstanceOf(JsonMappingException.class)
        .hasMessageContaining(message);
  }
}
