package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fis.testing.TestDatabase;

/**
 * A value is judged before its instant is: over exponent and digit extremes, a value sent for an
 * instant already stored with other values gets the refusal the same value gets at a fresh instant
 * (naming the value), and only a value acceptable there is a conflict. The fresh answer itself is
 * checked against exact arithmetic: out of range exactly when the value exceeds 10^12 base units.
 */
class ValueBeforeConflictIT {
  private static final Instant T0 = Instant.parse("2026-03-29T10:00:00Z");
  private static final List<String> REGISTERS =
      List.of("VoltageL1AnyT0_V", "ActivePowerL1NetT0_W", "ActiveEnergyTotalImportT0_Wh");
  private static TestDatabase db;
  private static IotFixture fixture;
  private static final AtomicInteger DEVICES = new AtomicInteger();

  @BeforeContainer
  static void open() {
    db = TestDatabase.create(IotMigrations::migrate);
    fixture = new IotFixture(db.jdbi(), IotFixture.testConfig());
  }

  @AfterContainer
  static void close() {
    db.close();
  }

  /** Numbers as a device may write them: many digits, a point anywhere, any exponent. */
  @Provide
  Arbitrary<String> numbers() {
    Arbitrary<String> digits =
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40).map(d -> d);
    Arbitrary<Integer> exponents =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(-20, 20)),
            Tuple.of(1, Arbitraries.integers().between(Integer.MIN_VALUE + 1, Integer.MAX_VALUE)),
            Tuple.of(
                1,
                Arbitraries.of(
                    Integer.MAX_VALUE, Integer.MAX_VALUE - 1, -Integer.MAX_VALUE, -999_999_999)));
    Arbitrary<Integer> point = Arbitraries.integers().between(0, 40);
    Arbitrary<Boolean> negative = Arbitraries.of(false, false, true);
    Arbitrary<Boolean> withExponent = Arbitraries.of(true, false);
    return Combinators.combine(digits, exponents, point, negative, withExponent)
        .as(
            (d, e, p, minus, exp) -> {
              String number = d;
              if (p > 0 && p < d.length()) {
                number = d.substring(0, p) + "." + d.substring(p);
              }
              if (number.length() > 1 && number.startsWith("0") && !number.startsWith("0.")) {
                number = "1" + number.substring(1);
              }
              return (minus ? "-" : "") + number + (exp ? "e" + e : "");
            })
        .edgeCases(
            c ->
                c.add(
                    "1E+2147483647",
                    "1.5e2147483647",
                    "0.0005",
                    "1e-999999999",
                    "0.00049",
                    "-0.0005"));
  }

  @Provide
  Arbitrary<String> registers() {
    return Arbitraries.of(REGISTERS);
  }

  @Property(tries = 300)
  void a_value_at_a_stored_instant_gets_the_refusal_it_gets_at_a_fresh_one(
      @ForAll("numbers") String value, @ForAll("registers") String register) {
    String device = "vb" + DEVICES.incrementAndGet();
    String meter = fixture.device(device, 1).get(0);
    List<Measurement> stored =
        List.of(
            IotFixture.reading(meter, T0, "230.1", "1000"),
            IotFixture.reading(meter, T0.plusSeconds(300), "231.3", "1010.5"),
            IotFixture.reading(meter, T0.plusSeconds(960), "229.0", "1030"));
    assertThat(push(device, IotFixture.body(device, stored)).status()).isEqualTo(200);
    String before = fixture.fingerprint();

    IotResponse atStored = push(device, body(device, meter, T0.plusSeconds(300), register, value));
    String afterStored = fixture.fingerprint();
    IotResponse atFresh = push(device, body(device, meter, T0.plusSeconds(420), register, value));

    long milli = exactMilli(value);
    if (Math.abs(milli) > org.fis.iot.internal.IngestEngine.MILLI_MAGNITUDE_MAX) {
      assertThat(atFresh.status()).as(value).isEqualTo(422);
      assertThat(atFresh.bodyText()).as(value).contains("out of range");
    }
    if (atFresh.status() == 422) {
      assertThat(atStored.status()).as(value + " " + atStored.bodyText()).isEqualTo(422);
      assertThat(errorsOf(atStored.bodyText())).isEqualTo(errorsOf(atFresh.bodyText()));
      assertThat(atStored.bodyText()).contains("\"field\":\"values." + register + "\"");
    } else if (atFresh.status() == 400) {
      // A number the parser cannot represent (an exponent beyond BigDecimal's scale) is refused as
      // a malformed body wherever it is sent.
      assertThat(atStored.status()).as(value).isEqualTo(400);
      assertThat(atStored.bodyText()).isEqualTo(atFresh.bodyText());
    } else {
      assertThat(atFresh.status()).as(value + " " + atFresh.bodyText()).isEqualTo(200);
      assertThat(atStored.status()).as(value + " " + atStored.bodyText()).isIn(200, 409);
    }
    assertThat(afterStored).isEqualTo(before);
  }

  /** The value in milli units by exact arithmetic (capped: beyond 10^30 the size is enough). */
  private static long exactMilli(String value) {
    BigDecimal exact;
    try {
      exact = new BigDecimal(value);
    } catch (NumberFormatException e) {
      // The exponent is beyond BigDecimal's scale: the value is huge, tiny or zero.
      if (new BigDecimal(value.replaceAll("[eE].*", "")).signum() == 0) {
        return 0;
      }
      return value.matches(".*[eE]-.*") ? 0 : Long.MAX_VALUE;
    }
    if (exact.signum() == 0) {
      return 0;
    }
    // An exponent far outside the range decides alone: 10^(precision - scale) bounds the value.
    long digits = (long) exact.precision() - exact.scale();
    if (digits > 30) {
      return Long.MAX_VALUE;
    }
    if (digits < -30) {
      return 0;
    }
    BigInteger milli = exact.movePointRight(3).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
    return milli.bitLength() > 62 ? Long.MAX_VALUE : milli.longValueExact();
  }

  private static String body(
      String device, String meter, Instant at, String register, String value) {
    return "{\"protocol\":\"fis-iot-push/1\",\"deviceId\":\""
        + device
        + "\",\"sentAt\":\""
        + IotFixture.NOW
        + "\",\"measurements\":[{\"meterId\":\""
        + meter
        + "\",\"readAt\":\""
        + at
        + "\",\"values\":{\""
        + register
        + "\":"
        + value
        + "}}]}";
  }

  private static String errorsOf(String body) {
    int at = body.indexOf("\"errors\"");
    return (at < 0 ? body : body.substring(at)).replaceAll("at [0-9T:.Z-]+", "at <time>");
  }

  private static IotResponse push(String device, String body) {
    return fixture.push.handle(IotFixture.request(device, IotFixture.SECRET, body));
  }
}
