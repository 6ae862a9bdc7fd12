package org.fis.iot;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of malformed and hostile push requests, each of which must be refused with a 4xx. The
 * valid template pushes meter {@code <device>-m0} at 10:05 (after stored readings at 10:00..10:02
 * with energy 1000..1002).
 */
final class HostileBodies {
  /** A request: credentials and body. */
  record Hostile(String kind, String deviceId, String secret, byte[] body) {
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return kind
          + " ["
          + deviceId
          + "/"
          + secret
          + "] "
          + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
  }

  private final String device;
  private final String meter;
  private final int batchSizeMax;

  HostileBodies(String device, String meter, int batchSizeMax) {
    this.device = device;
    this.meter = meter;
    this.batchSizeMax = batchSizeMax;
  }

  String measurement(String meterId, String readAt, String values) {
    return "{\"meterId\":" + meterId + ",\"readAt\":" + readAt + ",\"values\":" + values + "}";
  }

  String body(String protocol, String deviceId, String sentAt, String measurements) {
    return "{\"protocol\":"
        + protocol
        + ",\"deviceId\":"
        + deviceId
        + ",\"sentAt\":"
        + sentAt
        + ",\"measurements\":"
        + measurements
        + "}";
  }

  static String q(String s) {
    return "\"" + s + "\"";
  }

  String validValues(String energy) {
    return "{\"VoltageL1AnyT0_V\":230.5,\"ActiveEnergyTotalImportT0_Wh\":" + energy + "}";
  }

  String valid() {
    return body(
        q("fis-iot-push/1"),
        q(device),
        q(IotFixture.NOW.toString()),
        "[" + measurement(q(meter), q("2026-03-29T10:05:00Z"), validValues("1005")) + "]");
  }

  Arbitrary<Hostile> all() {
    return Arbitraries.oneOf(
        List.of(
            randomBytes(),
            jsonishNoise(),
            truncated(),
            wrongTypes(),
            hostileValues(),
            badTimes(),
            deepNesting(),
            oversizedBatch(),
            badAuth(),
            semanticallyInvalid(),
            structural()));
  }

  private Hostile ok(String kind, String body) {
    return new Hostile(kind, device, IotFixture.SECRET, body.getBytes(StandardCharsets.UTF_8));
  }

  Arbitrary<Hostile> randomBytes() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(300)
        .map(b -> new Hostile("bytes", device, IotFixture.SECRET, b));
  }

  Arbitrary<Hostile> jsonishNoise() {
    return Arbitraries.strings()
        .withChars("{}[]\":,0123456789.eE-+ntrufalsNI \\")
        .ofMaxLength(200)
        .map(s -> ok("noise", s));
  }

  Arbitrary<Hostile> truncated() {
    String valid = valid();
    return Arbitraries.integers()
        .between(0, valid.length() - 1)
        .map(n -> ok("truncated", valid.substring(0, n)));
  }

  Arbitrary<Hostile> wrongTypes() {
    List<String> wrong =
        List.of("1", "true", "null", "[]", "{}", "\"\"", "1.5", "[1,2]", "{\"a\":1}");
    return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.of(wrong))
        .as(
            (slot, w) -> {
              String m = q(meter);
              String t = q("2026-03-29T10:05:00Z");
              String v = validValues("1005");
              String p = q("fis-iot-push/1");
              String d = q(device);
              String s = q(IotFixture.NOW.toString());
              String list = null;
              switch (slot) {
                case 0 -> p = w;
                case 1 -> d = w;
                case 2 -> s = w;
                case 3 -> list = w.equals("[]") ? "{}" : w;
                case 4 -> m = w;
                case 5 -> t = w;
                default -> v = w.equals("{}") ? "[]" : w;
              }
              if (list == null) {
                list = "[" + measurement(m, t, v) + "]";
              }
              return ok("wrong-type-" + slot, body(p, d, s, list));
            });
  }

  Arbitrary<Hostile> hostileValues() {
    List<String> values =
        List.of(
            "1e999999999",
            "-1e400",
            "123456789012345678901234567890",
            "1e17",
            "\"NaN\"",
            "\"Infinity\"",
            "\"-Infinity\"",
            "\"12\"",
            "NaN",
            "Infinity",
            "-",
            "1.2.3",
            "0x10",
            "99999999999999999999999999999999999999999999999999999999999999999999999",
            "true",
            "null",
            "[230]",
            "{\"v\":1}",
            "1e",
            "--1",
            "+1",
            "01");
    return Combinators.combine(
            Arbitraries.of(values),
            Arbitraries.of("VoltageL1AnyT0_V", "ActiveEnergyTotalImportT0_Wh"))
        .as(
            (value, register) -> {
              String v =
                  validValues("1005")
                      .replace(
                          "\"" + register + "\":" + (register.startsWith("V") ? "230.5" : "1005"),
                          "\"" + register + "\":" + value);
              return ok(
                  "value",
                  body(
                      q("fis-iot-push/1"),
                      q(device),
                      q(IotFixture.NOW.toString()),
                      "[" + measurement(q(meter), q("2026-03-29T10:05:00Z"), v) + "]"));
            });
  }

  Arbitrary<Hostile> badTimes() {
    return Arbitraries.of(
            "2026-13-45T00:00:00Z",
            "",
            "2026-03-29",
            "2026-03-29T10:05:00",
            "10:05",
            "2099-01-01T00:00:00Z",
            "1999-12-31T23:59:59Z",
            "2026-03-29T10:05:00.123456789Z",
            "+999999999-12-31T23:59:59Z",
            "2026-03-29T10:05:00+25:00",
            "yesterday",
            "2026-03-29T12:06:00Z")
        .map(
            t ->
                ok(
                    "time",
                    body(
                        q("fis-iot-push/1"),
                        q(device),
                        q(IotFixture.NOW.toString()),
                        "[" + measurement(q(meter), q(t), validValues("1005")) + "]")));
  }

  Arbitrary<Hostile> deepNesting() {
    return Combinators.combine(
            Arbitraries.integers().between(6, 3000), Arbitraries.of("[", "{\"a\":"))
        .as(
            (depth, open) -> {
              String close = open.equals("[") ? "]" : "}";
              String nested = open.repeat(depth) + "1" + close.repeat(depth);
              return ok(
                  "deep",
                  body(
                      q("fis-iot-push/1"),
                      q(device),
                      q(IotFixture.NOW.toString()),
                      "["
                          + measurement(
                              q(meter),
                              q("2026-03-29T10:05:00Z"),
                              "{\"VoltageL1AnyT0_V\":" + nested + "}")
                          + "]"));
            });
  }

  Arbitrary<Hostile> oversizedBatch() {
    return Arbitraries.integers()
        .between(batchSizeMax + 1, batchSizeMax * 3)
        .map(
            n -> {
              StringBuilder list = new StringBuilder("[");
              for (int i = 0; i < n; i++) {
                list.append(i == 0 ? "" : ",")
                    .append(
                        measurement(
                            q(meter),
                            q(IotFixture.NOW.minusSeconds(60L * (n - i)).toString()),
                            validValues(String.valueOf(1010 + i))));
              }
              return ok(
                  "oversized",
                  body(q("fis-iot-push/1"), q(device), q(IotFixture.NOW.toString()), list + "]"));
            });
  }

  Arbitrary<Hostile> badAuth() {
    String valid = valid();
    return Arbitraries.of(0, 1, 2, 3, 4, 5)
        .map(
            k ->
                switch (k) {
                  case 0 ->
                      new Hostile(
                          "auth",
                          device,
                          "wrong-secret-0123456789",
                          valid.getBytes(StandardCharsets.UTF_8));
                  case 1 ->
                      new Hostile("auth", device, null, valid.getBytes(StandardCharsets.UTF_8));
                  case 2 ->
                      new Hostile(
                          "auth", null, IotFixture.SECRET, valid.getBytes(StandardCharsets.UTF_8));
                  case 3 ->
                      new Hostile(
                          "auth",
                          "nobody",
                          IotFixture.SECRET,
                          valid.replace(device, "nobody").getBytes(StandardCharsets.UTF_8));
                  case 4 ->
                      new Hostile(
                          "auth",
                          device + "-other",
                          IotFixture.SECRET,
                          valid.getBytes(StandardCharsets.UTF_8));
                  default ->
                      new Hostile(
                          "auth",
                          "bad id with spaces",
                          "x",
                          valid.getBytes(StandardCharsets.UTF_8));
                });
  }

  Arbitrary<Hostile> semanticallyInvalid() {
    return Arbitraries.of(0, 1, 2, 3, 4, 5)
        .map(
            k -> {
              String m;
              switch (k) {
                case 0 ->
                    m =
                        measurement(
                            q("no-such-meter"), q("2026-03-29T10:05:00Z"), validValues("1005"));
                case 1 ->
                    m = measurement(q(meter), q("2026-03-29T10:05:00Z"), "{\"NoSuchRegister\":1}");
                case 2 -> m = measurement(q(meter), q("2026-03-29T10:05:00Z"), validValues("999"));
                case 3 ->
                    m = measurement(q(meter), q("2026-03-29T10:01:00Z"), validValues("1001.5"));
                case 4 ->
                    m =
                        measurement(
                            q(meter), q("2026-03-29T10:05:00Z"), "{\"VoltageL1AnyT0_V\":400}");
                default ->
                    m =
                        measurement(
                            q(device + "-other-m0"),
                            q("2026-03-29T10:05:00Z"),
                            validValues("1005"));
              }
              return ok(
                  "semantic-" + k,
                  body(
                      q("fis-iot-push/1"), q(device), q(IotFixture.NOW.toString()), "[" + m + "]"));
            });
  }

  Arbitrary<Hostile> structural() {
    String valid = valid();
    return Arbitraries.of(
            valid.replace("{\"protocol\"", "{\"extra\":1,\"protocol\""),
            valid.replace("fis-iot-push/1", "fis-iot-push/2"),
            valid.replace("\"readAt\"", "\"readAt\":\"2026-03-29T10:05:00Z\",\"readAt\""),
            valid.replace("\"meterId\"", "\"color\":\"red\",\"meterId\""),
            valid + "{}",
            valid.replace("[{", "[{}, {"),
            body(q("fis-iot-push/1"), q(device), q(IotFixture.NOW.toString()), "[]"),
            "[" + valid + "]",
            valid.replace("\"values\":{", "\"values\":{}, \"x\":{"),
            valid.replace(q(device), q(device + "-other")))
        .map(b -> ok("structural", b));
  }
}
