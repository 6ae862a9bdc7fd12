package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fis.iot.internal.PushParser;
import org.fis.iot.internal.SentMeasurement;
import org.fis.iot.internal.TreePushParser;

/**
 * The streaming {@link PushParser} against its reference, the earlier tree parser kept in the
 * tests: for hostile and valid bodies alike both must find the same device, send time, errors
 * (index, field, reason) and measurements (values compared as numbers). Only the wording of JSON
 * syntax errors may differ, as both take it from Jackson's exceptions.
 */
class StreamingParserTest {
  private static final IotConfig CONFIG = IotConfig.defaults().withBatchSizeMax(20);
  private final PushParser streaming = new PushParser(CONFIG);
  private final TreePushParser tree = new TreePushParser(CONFIG);
  private final HostileBodies bodies = new HostileBodies("fz", "fz-m0", 20);

  @Provide
  Arbitrary<byte[]> hostile() {
    return bodies.all().map(HostileBodies.Hostile::body);
  }

  @Provide
  Arbitrary<byte[]> valid() {
    Arbitrary<String> number =
        Arbitraries.oneOf(
            List.of(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigDecimals()
                    .between(new BigDecimal("-1e20"), new BigDecimal("1e20"))
                    .ofScale(6)
                    .map(BigDecimal::toPlainString),
                Arbitraries.of(
                    "0",
                    "-0",
                    "0.0",
                    "-0.000",
                    "1e3",
                    "1.5E-2",
                    "123456789012345678",
                    "1234567890123456789",
                    "99999999999999999999",
                    "0.0000000000000000001",
                    "100.000",
                    "-9223372036854775808",
                    "9223372036854775807")));
    // Names in changing order and number, so that the parser's guess of the next name from the
    // previous measurement is sometimes right and sometimes wrong.
    Arbitrary<String> values =
        Combinators.combine(number, number, Arbitraries.integers().between(0, 4))
            .as(
                (a, b, shape) ->
                    switch (shape) {
                      case 0 ->
                          "{\"VoltageL1AnyT0_V\":"
                              + a
                              + ",\"ActiveEnergyTotalImportT0_Wh\":"
                              + b
                              + "}";
                      case 1 ->
                          "{\"ActiveEnergyTotalImportT0_Wh\":"
                              + b
                              + ",\"VoltageL1AnyT0_V\":"
                              + a
                              + "}";
                      case 2 -> "{\"VoltageL1AnyT0_V\":" + a + "}";
                      case 3 ->
                          "{\"VoltageL1AnyT0_V\":"
                              + a
                              + ",\"ActiveEnergyTotalImportT0_Wh\":"
                              + b
                              + ",\"Extra\":"
                              + a
                              + "}";
                      default -> "{\"VoltageL1AnyT0_V\":" + a + ",\"VoltageL1AnyT0_V\":" + b + "}";
                    });
    Arbitrary<String> time =
        Arbitraries.of(
            "\"2026-03-29T10:05:00Z\"",
            "\"2026-03-29T10:05:00.123456+02:00\"",
            "\"2026-03-29T10:05:00.1234567Z\"",
            "\"2026-03-29 10:05\"");
    Arbitrary<String> measurement =
        Combinators.combine(values, time)
            .as((v, t) -> bodies.measurement(HostileBodies.q("fz-m0"), t, v));
    return measurement
        .list()
        .ofMinSize(1)
        .ofMaxSize(25)
        .map(
            list ->
                bodies
                    .body(
                        HostileBodies.q(PushParser.PROTOCOL),
                        HostileBodies.q("fz"),
                        HostileBodies.q("2026-03-29T10:06:00Z"),
                        "[" + String.join(",", list) + "]")
                    .getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 3000)
  void hostile_bodies_parse_as_the_tree_parser_parses_them(@ForAll("hostile") byte[] body) {
    assertSame(body);
  }

  @Property(tries = 1000)
  void valid_bodies_parse_as_the_tree_parser_parses_them(@ForAll("valid") byte[] body) {
    assertSame(body);
  }

  @Example
  void a_sent_at_with_nanoseconds_is_refused_saying_at_most_microseconds_like_read_at() {
    String measurements =
        "["
            + bodies.measurement(
                HostileBodies.q("fz-m0"),
                HostileBodies.q("2026-03-29T10:05:00.123456789Z"),
                bodies.validValues("1005"))
            + "]";
    String body =
        bodies.body(
            HostileBodies.q("fis-iot-push/1"),
            HostileBodies.q("fz"),
            HostileBodies.q("2026-03-29T10:05:00.123456789Z"),
            measurements);
    PushParser.Parsed parsed = streaming.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.errors()).hasSize(1);
    assertThat(parsed.errors().get(0).field()).isEqualTo("sentAt");
    assertThat(parsed.errors().get(0).reason()).endsWith("at most microseconds");
    assertThat(tree.parse(body.getBytes(StandardCharsets.UTF_8)).errors().get(0).reason())
        .isEqualTo(parsed.errors().get(0).reason());
  }

  @Example
  void a_sent_at_with_microseconds_is_accepted() {
    String body =
        bodies.body(
            HostileBodies.q("fis-iot-push/1"),
            HostileBodies.q("fz"),
            HostileBodies.q("2026-03-29T10:05:00.123456Z"),
            "["
                + bodies.measurement(
                    HostileBodies.q("fz-m0"),
                    HostileBodies.q("2026-03-29T10:05:00Z"),
                    bodies.validValues("1005"))
                + "]");
    PushParser.Parsed parsed = streaming.parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.sentAt()).hasToString("2026-03-29T10:05:00.123456Z");
  }

  @Example
  void numbers_keep_their_exact_value() {
    PushParser.Parsed parsed = streaming.parse(bodies.valid().getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.errors()).isEmpty();
    SentMeasurement m = parsed.measurements().get(0);
    assertThat(m.toMeasurement().values())
        .isEqualTo(
            Map.of(
                "VoltageL1AnyT0_V", new BigDecimal("230.5"),
                "ActiveEnergyTotalImportT0_Wh", new BigDecimal("1005")));
  }

  @Example
  void duplicate_names_anywhere_are_refused_like_the_reference_refuses_them() {
    String m = HostileBodies.q("fz-m0");
    String t = HostileBodies.q("2026-03-29T10:05:00Z");
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < CONFIG.valuesPerMeasurementMax() + 3; i++) {
      many.append("\"r").append(i).append("\":1,");
    }
    many.append("\"r1\":2}");
    List<String> measurements =
        List.of(
            "{\"meterId\":"
                + m
                + ",\"meterId\":"
                + m
                + ",\"readAt\":"
                + t
                + ",\"values\":{\"a\":1}}",
            bodies.measurement(m, t, "{\"a\":1,\"b\":2,\"a\":3}"),
            bodies.measurement(m, t, "{\"a\":{\"x\":1,\"x\":2}}"),
            bodies.measurement(m, t, "{\"a\":[{\"x\":1,\"x\":2}]}"),
            bodies.measurement(m, t, many.toString()),
            "{\"zz\":1,\"zz\":2,\"meterId\":" + m + "}");
    for (String measurement : measurements) {
      String body =
          bodies.body(
              HostileBodies.q(PushParser.PROTOCOL),
              HostileBodies.q("fz"),
              HostileBodies.q("2026-03-29T10:06:00Z"),
              "[" + measurement + "]");
      assertSame(body.getBytes(StandardCharsets.UTF_8));
      PushParser.Parsed parsed = streaming.parse(body.getBytes(StandardCharsets.UTF_8));
      assertThat(parsed.batchBroken()).as(body).isTrue();
      assertThat(parsed.errors().get(0).reason()).as(body).contains("Duplicate field");
    }
    String rootTwice = "{\"protocol\":\"x\",\"protocol\":\"y\"}";
    assertSame(rootTwice.getBytes(StandardCharsets.UTF_8));
    assertThat(streaming.parse(rootTwice.getBytes(StandardCharsets.UTF_8)).errors().get(0).reason())
        .contains("Duplicate field");
  }

  private void assertSame(byte[] body) {
    PushParser.Parsed ours = streaming.parse(body);
    TreePushParser.Parsed reference = tree.parse(body);
    assertThat(ours.batchBroken()).as("batch broken").isEqualTo(reference.batchBroken());
    if (ours.batchBroken()
        && reference.errors().get(0).field().equals("body")
        && reference.errors().get(0).reason().startsWith("not valid JSON")) {
      assertThat(ours.errors()).hasSize(1);
      assertThat(ours.errors().get(0).field()).isEqualTo("body");
      assertThat(ours.errors().get(0).reason()).startsWith("not valid JSON");
      return;
    }
    assertThat(ours.errors()).isEqualTo(reference.errors());
    assertThat(ours.deviceId()).isEqualTo(reference.deviceId());
    assertThat(ours.sentAt()).isEqualTo(reference.sentAt());
    assertThat(ours.measurements()).hasSameSizeAs(reference.measurements());
    for (int i = 0; i < ours.measurements().size(); i++) {
      SentMeasurement a = ours.measurements().get(i);
      Measurement b = reference.measurements().get(i);
      if (b == null) {
        assertThat(a).isNull();
        continue;
      }
      Measurement converted = a.toMeasurement();
      assertThat(converted.meterId()).isEqualTo(b.meterId());
      assertThat(converted.readAt()).isEqualTo(b.readAt());
      assertThat(converted.values().keySet()).containsExactlyElementsOf(b.values().keySet());
      converted
          .values()
          .forEach(
              (name, value) ->
                  assertThat(value).as(name).isEqualByComparingTo(b.values().get(name)));
    }
  }
}
