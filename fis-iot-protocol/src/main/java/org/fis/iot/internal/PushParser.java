package org.fis.iot.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.fis.iot.IotConfig;
import org.fis.iot.MeasurementError;

/**
 * Parses a push body of protocol {@value #PROTOCOL} into measurements and per-field errors, in one
 * pass over Jackson's token stream: no tree, and numbers that fit a long with a scale are read
 * without a {@link BigDecimal}. Pure and thread-safe. Bounds: body size, nesting depth, number and
 * string length, batch size and values per measurement, all from {@link IotConfig}.
 *
 * <p>The whole body is read before any check, so a body that is not valid JSON is reported as such
 * whatever else is wrong with it; then the checks run in a fixed order (unknown root field,
 * protocol, device, send time, measurements), and each measurement's errors are listed as unknown
 * fields, meter, reading time, values.
 */
public final class PushParser {
  /** The protocol identifier of version 1. */
  public static final String PROTOCOL = "fis-iot-push/1";

  /** Pattern of device and meter ids. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");

  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  private static final int NUMBER_LENGTH_MAX = 64;
  private static final int STRING_LENGTH_MAX = 1_000;
  private static final int TIMESTAMP_LENGTH_MAX = 40;

  /** Most digits of a number read as an unscaled long (10^18 - 1 fits). */
  private static final int UNSCALED_DIGITS_MAX = 18;

  private final IotConfig config;
  private final JsonFactory factory;

  /** The outcome: either a batch-level failure, or measurements (null where broken) and errors. */
  public record Parsed(
      String deviceId,
      Instant sentAt,
      List<SentMeasurement> measurements,
      List<MeasurementError> errors,
      boolean batchBroken) {}

  /** Creates a parser with the config's bounds. */
  public PushParser(IotConfig config) {
    this.config = config;
    this.factory = JsonFactory.builder().streamReadConstraints(constraints(config)).build();
  }

  /** The body's bounds on nesting, numbers, strings and names. */
  static StreamReadConstraints constraints(IotConfig config) {
    return StreamReadConstraints.builder()
        .maxNestingDepth(config.jsonDepthMax())
        .maxNumberLength(NUMBER_LENGTH_MAX)
        .maxStringLength(STRING_LENGTH_MAX)
        .maxNameLength(STRING_LENGTH_MAX)
        .build();
  }

  /**
   * Parses a body.
   *
   * @param body the request body
   * @return the parse outcome
   */
  public Parsed parse(byte[] body) {
    try (JsonParser parser = factory.createParser(body)) {
      return new Pass(parser).document();
    } catch (StreamConstraintsException e) {
      return broken("body", "exceeds a limit: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      return broken("body", "not valid JSON: " + oneLine(e.getMessage()));
    }
  }

  /** Marks a root field that was present but not a string. */
  private static final String NOT_TEXT = new String("not text");

  /** One parse: the token stream and the scratch space reused across measurements. */
  private final class Pass {
    private final JsonParser p;
    private final int valuesMax = config.valuesPerMeasurementMax();
    private final String[] names = new String[valuesMax];
    private final int[] hashes = new int[valuesMax];
    private final SerializableString[] expected = new SerializableString[valuesMax];
    private int expectedSize;
    private final Map<String, SerializableString> serialized = new HashMap<>();
    private final long[] unscaled = new long[valuesMax];
    private final int[] scales = new int[valuesMax];
    private final BigDecimal[] exact = new BigDecimal[valuesMax];
    private final Map<String, Instant> instants = new HashMap<>();
    private final Set<String> validIds = new HashSet<>();
    private final List<MeasurementError> errors = new ArrayList<>();

    Pass(JsonParser p) {
      this.p = p;
    }

    Parsed document() throws IOException {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        skip();
        requireEnd();
        return broken("body", "must be a JSON object");
      }
      String unknown = null;
      String protocol = null;
      String deviceId = null;
      String sentAt = null;
      boolean measurementsSeen = false;
      boolean measurementsArray = false;
      int count = 0;
      List<SentMeasurement> measurements = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        unique(seen, name);
        JsonToken value = p.nextToken();
        switch (name) {
          case "protocol" -> protocol = text(value);
          case "deviceId" -> deviceId = text(value);
          case "sentAt" -> sentAt = text(value);
          case "measurements" -> {
            measurementsSeen = true;
            measurementsArray = value == JsonToken.START_ARRAY;
            if (measurementsArray) {
              count = measurements(measurements);
            } else {
              skip();
            }
          }
          default -> {
            if (unknown == null) {
              unknown = name;
            }
            skip();
          }
        }
      }
      requireEnd();
      if (unknown != null) {
        return broken(unknown, "unknown field");
      }
      if (protocol == null || protocol == NOT_TEXT) {
        return broken("protocol", "missing or not a string; expected \"" + PROTOCOL + "\"");
      }
      if (!protocol.equals(PROTOCOL)) {
        return broken("protocol", "unsupported protocol version; this server speaks " + PROTOCOL);
      }
      if (deviceId == null || deviceId == NOT_TEXT || !ID.matcher(deviceId).matches()) {
        return broken("deviceId", "missing or not 1..64 characters of [A-Za-z0-9_.:-]");
      }
      Instant sent = sentAt == null || sentAt == NOT_TEXT ? null : instant(sentAt);
      if (sent == null) {
        // Same reason as readAt's: JDK 17's Clock.instant() has nanoseconds, which PostgreSQL's
        // timestamptz cannot hold, so the precision must be named in the refusal.
        return broken(
            "sentAt", "missing or not an ISO-8601 date-time with offset, at most microseconds");
      }
      if (!measurementsSeen || !measurementsArray) {
        return broken("measurements", "missing or not an array");
      }
      if (count == 0) {
        return broken("measurements", "must hold at least one measurement");
      }
      if (count > config.batchSizeMax()) {
        return broken(
            "measurements", "holds " + count + " measurements; at most " + config.batchSizeMax());
      }
      return new Parsed(deviceId, sent, measurements, errors, false);
    }

    private void requireEnd() throws IOException {
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new JsonParseException(
            p, "Trailing token (of type " + trailing + ") found after the root value");
      }
    }

    /** A root field's text, or {@link #NOT_TEXT} (its value skipped) when it is not a string. */
    private String text(JsonToken value) throws IOException {
      if (value == JsonToken.VALUE_STRING) {
        return p.getText();
      }
      skip();
      return NOT_TEXT;
    }

    /** Reads the measurements array (positioned on its start); returns its element count. */
    private int measurements(List<SentMeasurement> out) throws IOException {
      int index = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (index >= config.batchSizeMax()) {
          skip(); // counted only: the batch is refused as too large
        } else if (t != JsonToken.START_OBJECT) {
          skip();
          errors.add(new MeasurementError(index, "", "must be an object"));
          out.add(null);
        } else {
          out.add(measurement(index));
        }
        index++;
      }
      return index;
    }

    private SentMeasurement measurement(int index) throws IOException {
      int before = errors.size();
      String meterId = null;
      boolean meterSeen = false;
      String readAtText = null;
      boolean readAtSeen = false;
      JsonToken valuesToken = null;
      int size = 0;
      List<MeasurementError> valueErrors = null;
      Set<String> seen = new HashSet<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        unique(seen, name);
        JsonToken value = p.nextToken();
        switch (name) {
          case "meterId" -> {
            meterSeen = true;
            meterId = text(value);
          }
          case "readAt" -> {
            readAtSeen = true;
            readAtText = text(value);
          }
          case "values" -> {
            valuesToken = value;
            if (value == JsonToken.START_OBJECT) {
              valueErrors = new ArrayList<>(0);
              size = values(index, valueErrors);
            } else {
              skip();
            }
          }
          default -> {
            errors.add(new MeasurementError(index, field(name), "unknown field"));
            skip();
          }
        }
      }
      if (!meterSeen || meterId == NOT_TEXT || !validId(meterId)) {
        errors.add(
            new MeasurementError(
                index, "meterId", "missing or not 1..64 characters of [A-Za-z0-9_.:-]"));
      }
      Instant readAt = null;
      if (!readAtSeen) {
        errors.add(new MeasurementError(index, "readAt", "missing"));
      } else {
        readAt = readAtText == NOT_TEXT ? null : instant(readAtText);
        if (readAt == null) {
          errors.add(
              new MeasurementError(
                  index, "readAt", "not an ISO-8601 date-time with offset, at most microseconds"));
        }
      }
      if (valuesToken != JsonToken.START_OBJECT) {
        errors.add(new MeasurementError(index, "values", "missing or not an object"));
      } else if (size == 0) {
        errors.add(new MeasurementError(index, "values", "must hold at least one register value"));
      } else if (size > valuesMax) {
        errors.add(
            new MeasurementError(
                index, "values", "holds " + size + " values; at most " + valuesMax));
      } else {
        errors.addAll(valueErrors);
      }
      if (errors.size() > before) {
        return null;
      }
      boolean anyExact = false;
      for (int i = 0; i < size; i++) {
        anyExact |= exact[i] != null;
      }
      return new SentMeasurement(
          meterId,
          readAt,
          Arrays.copyOf(names, size),
          Arrays.copyOf(unscaled, size),
          Arrays.copyOf(scales, size),
          anyExact ? Arrays.copyOf(exact, size) : null);
    }

    /**
     * Reads a values object (positioned on its start) into the scratch arrays; errors go to {@code
     * valueErrors}. Returns the number of values (counting on, without reading, past the bound).
     */
    private int values(int index, List<MeasurementError> valueErrors) throws IOException {
      int size = 0;
      Set<String> beyond = null;
      int predictable = expectedSize;
      expectedSize = 0;
      while (true) {
        // Devices send a meter's registers in the same order every time: the name at this position
        // in the previous values object is matched as bytes, sparing the symbol table lookup.
        String name;
        if (size < predictable && p.nextFieldName(expected[size])) {
          name = expected[size].getValue();
        } else {
          if ((size < predictable ? p.currentToken() : p.nextToken()) != JsonToken.FIELD_NAME) {
            break;
          }
          name = p.currentName();
          if (size < valuesMax) {
            expected[size] = serialized.computeIfAbsent(name, SerializedString::new);
          }
        }
        if (size < valuesMax) {
          expectedSize = size + 1;
        }
        if (size >= valuesMax) {
          if (beyond == null) {
            beyond = new HashSet<>(Arrays.asList(names).subList(0, valuesMax));
          }
          unique(beyond, name);
          p.nextToken();
          skip();
          size++;
          continue;
        }
        int hash = name.hashCode();
        for (int k = 0; k < size; k++) {
          if (hashes[k] == hash && names[k].equals(name)) {
            throw duplicate(name);
          }
        }
        JsonToken value = p.nextToken();
        names[size] = name;
        hashes[size] = hash;
        exact[size] = null;
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
          number(size, value);
        } else {
          String field = "values." + field(name);
          if (value == JsonToken.VALUE_STRING && isNonFinite(p.getText())) {
            valueErrors.add(new MeasurementError(index, field, "non-finite value " + p.getText()));
          } else {
            valueErrors.add(
                new MeasurementError(
                    index, field, "non-numeric: must be a JSON number, got " + kind(value)));
          }
          skip();
        }
        size++;
      }
      return size;
    }

    /** Reads the current number token into slot {@code i}: unscaled and scale, or exact. */
    private void number(int i, JsonToken token) throws IOException {
      if (token == JsonToken.VALUE_NUMBER_INT) {
        JsonParser.NumberType type = p.getNumberType();
        if (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) {
          unscaled[i] = p.getLongValue();
          scales[i] = 0;
        } else {
          exact[i] = p.getDecimalValue();
        }
        return;
      }
      char[] text = p.getTextCharacters();
      int at = p.getTextOffset();
      int end = at + p.getTextLength();
      boolean negative = text[at] == '-';
      if (negative) {
        at++;
      }
      long value = 0;
      int digits = 0;
      int scale = 0;
      boolean point = false;
      for (; at < end; at++) {
        char c = text[at];
        if (c >= '0' && c <= '9') {
          if (++digits > UNSCALED_DIGITS_MAX) {
            break;
          }
          value = value * 10 + (c - '0');
          if (point) {
            scale++;
          }
        } else if (c == '.' && !point) {
          point = true;
        } else {
          break; // an exponent, or anything unexpected: the exact way
        }
      }
      if (at < end) {
        exact[i] = p.getDecimalValue();
        return;
      }
      unscaled[i] = negative ? -value : value;
      scales[i] = scale;
    }

    /**
     * Skips the current value; containers are walked token by token, so that duplicate names in
     * them are refused like everywhere else in the body.
     */
    private void skip() throws IOException {
      JsonToken token = p.currentToken();
      if (token == JsonToken.START_OBJECT) {
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          unique(seen, p.currentName());
          p.nextToken();
          skip();
        }
      } else if (token == JsonToken.START_ARRAY) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
          skip();
        }
      }
    }

    private void unique(Set<String> seen, String name) throws JsonParseException {
      if (!seen.add(name)) {
        throw duplicate(name);
      }
    }

    private JsonParseException duplicate(String name) {
      return new JsonParseException(p, "Duplicate field '" + name + "'");
    }

    private boolean validId(String id) {
      if (validIds.contains(id)) {
        return true;
      }
      if (ID.matcher(id).matches()) {
        validIds.add(id);
        return true;
      }
      return false;
    }

    private Instant instant(String text) {
      Instant known = instants.get(text);
      if (known != null || instants.containsKey(text)) {
        return known;
      }
      Instant parsed = PushParser.instant(text);
      instants.put(text, parsed);
      return parsed;
    }
  }

  static boolean isNonFinite(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    return t.equals("nan") || t.endsWith("infinity") || t.endsWith("inf");
  }

  private static String kind(JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      default -> token.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Parses an ISO-8601 instant with offset and at most microsecond precision, or null. */
  public static Instant instant(String text) {
    if (text.length() > TIMESTAMP_LENGTH_MAX) {
      return null;
    }
    try {
      Instant instant =
          OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return instant.getNano() % 1_000 == 0 ? instant : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A field name safe to echo: truncated and stripped of control characters. */
  static String field(String name) {
    String clean = CONTROL.matcher(name).replaceAll("?");
    return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
  }

  static String oneLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String line = message.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static Parsed broken(String field, String reason) {
    return new Parsed(
        null, null, List.of(), List.of(new MeasurementError(-1, field, reason)), true);
  }
}
