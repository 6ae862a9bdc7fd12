package org.fis.iot.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.fis.iot.IotConfig;
import org.fis.iot.Measurement;
import org.fis.iot.MeasurementError;

/**
 * The reference for {@link PushParser}: the earlier parser, which reads the body into a Jackson
 * tree first. Kept in the tests only, as the oracle of {@code StreamingParserTest}: both must give
 * the same measurements and errors for every body. Parses a push body into measurements and
 * per-field errors. Pure and thread-safe. Bounds: body size, nesting depth, number and string
 * length, batch size and values per measurement, all from {@link IotConfig}.
 */
public final class TreePushParser {
  /** The protocol identifier of version 1. */
  public static final String PROTOCOL = PushParser.PROTOCOL;

  /** Pattern of device and meter ids. */
  public static final Pattern ID = PushParser.ID;

  private final IotConfig config;
  private final ObjectMapper mapper;

  /** The outcome: either a batch-level failure, or measurements (null where broken) and errors. */
  public record Parsed(
      String deviceId,
      Instant sentAt,
      List<Measurement> measurements,
      List<MeasurementError> errors,
      boolean batchBroken) {}

  /** Creates a parser with the config's bounds. */
  public TreePushParser(IotConfig config) {
    this.config = config;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(PushParser.constraints(config))
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  /**
   * Parses a body.
   *
   * @param body the request body
   * @return the parse outcome
   */
  public Parsed parse(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (StreamConstraintsException e) {
      return broken("body", "exceeds a limit: " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      return broken("body", "not valid JSON: " + oneLine(e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      return broken("body", "must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> property : root.properties()) {
      String name = property.getKey();
      if (!List.of("protocol", "deviceId", "sentAt", "measurements").contains(name)) {
        return broken(name, "unknown field");
      }
    }
    JsonNode protocol = root.get("protocol");
    if (protocol == null || !protocol.isTextual()) {
      return broken("protocol", "missing or not a string; expected \"" + PROTOCOL + "\"");
    }
    if (!protocol.asText().equals(PROTOCOL)) {
      return broken("protocol", "unsupported protocol version; this server speaks " + PROTOCOL);
    }
    JsonNode deviceId = root.get("deviceId");
    if (deviceId == null || !deviceId.isTextual() || !ID.matcher(deviceId.asText()).matches()) {
      return broken("deviceId", "missing or not 1..64 characters of [A-Za-z0-9_.:-]");
    }
    JsonNode sentAtNode = root.get("sentAt");
    Instant sentAt = sentAtNode == null ? null : instant(sentAtNode);
    if (sentAt == null) {
      return broken(
          "sentAt", "missing or not an ISO-8601 date-time with offset, at most microseconds");
    }
    JsonNode list = root.get("measurements");
    if (list == null || !list.isArray()) {
      return broken("measurements", "missing or not an array");
    }
    if (list.isEmpty()) {
      return broken("measurements", "must hold at least one measurement");
    }
    if (list.size() > config.batchSizeMax()) {
      return broken(
          "measurements",
          "holds " + list.size() + " measurements; at most " + config.batchSizeMax());
    }
    List<Measurement> measurements = new ArrayList<>(list.size());
    List<MeasurementError> errors = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      measurements.add(measurement(i, list.get(i), errors));
    }
    return new Parsed(deviceId.asText(), sentAt, measurements, errors, false);
  }

  private Measurement measurement(int index, JsonNode node, List<MeasurementError> errors) {
    if (!node.isObject()) {
      errors.add(new MeasurementError(index, "", "must be an object"));
      return null;
    }
    int before = errors.size();
    for (Map.Entry<String, JsonNode> property : node.properties()) {
      String name = property.getKey();
      if (!name.equals("meterId") && !name.equals("readAt") && !name.equals("values")) {
        errors.add(new MeasurementError(index, field(name), "unknown field"));
      }
    }
    JsonNode meterId = node.get("meterId");
    if (meterId == null || !meterId.isTextual() || !ID.matcher(meterId.asText()).matches()) {
      errors.add(
          new MeasurementError(
              index, "meterId", "missing or not 1..64 characters of [A-Za-z0-9_.:-]"));
    }
    JsonNode readAtNode = node.get("readAt");
    Instant readAt = null;
    if (readAtNode == null) {
      errors.add(new MeasurementError(index, "readAt", "missing"));
    } else {
      readAt = instant(readAtNode);
      if (readAt == null) {
        errors.add(
            new MeasurementError(
                index, "readAt", "not an ISO-8601 date-time with offset, at most microseconds"));
      }
    }
    Map<String, BigDecimal> values = values(index, node.get("values"), errors);
    if (errors.size() > before) {
      return null;
    }
    return new Measurement(meterId.asText(), readAt, values);
  }

  private Map<String, BigDecimal> values(int index, JsonNode node, List<MeasurementError> errors) {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      errors.add(new MeasurementError(index, "values", "missing or not an object"));
      return values;
    }
    if (node.isEmpty()) {
      errors.add(new MeasurementError(index, "values", "must hold at least one register value"));
      return values;
    }
    if (node.size() > config.valuesPerMeasurementMax()) {
      errors.add(
          new MeasurementError(
              index,
              "values",
              "holds " + node.size() + " values; at most " + config.valuesPerMeasurementMax()));
      return values;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      JsonNode value = entry.getValue();
      if (value.isNumber()) {
        values.put(entry.getKey(), value.decimalValue());
        continue;
      }
      // Only on error: the field name is cleaned for echoing.
      String field = "values." + field(entry.getKey());
      if (value.isTextual() && isNonFinite(value.asText())) {
        errors.add(new MeasurementError(index, field, "non-finite value " + value.asText()));
      } else {
        errors.add(
            new MeasurementError(
                index, field, "non-numeric: must be a JSON number, got " + kind(value)));
      }
    }
    return values;
  }

  private static boolean isNonFinite(String text) {
    return PushParser.isNonFinite(text);
  }

  private static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /**
   * The instant of a text node: the timestamp rule itself, and the helpers below that only word
   * messages, are {@link PushParser}'s (the oracle checks the parsing, not the wording).
   */
  public static Instant instant(JsonNode node) {
    return node.isTextual() ? PushParser.instant(node.asText()) : null;
  }

  private static String field(String name) {
    return PushParser.field(name);
  }

  private static String oneLine(String message) {
    return PushParser.oneLine(message);
  }

  private static Parsed broken(String field, String reason) {
    return new Parsed(
        null, null, List.of(), List.of(new MeasurementError(-1, field, reason)), true);
  }
}
