package org.fis.ledger.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Canonical JSON for metadata: parsed, keys sorted, no whitespace. Not API. Thread-safe. */
public final class Json {
  /** Largest metadata document, in characters. */
  public static final int METADATA_LENGTH_MAX = 16_384;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  /** Depth bound for the recursive copy; deeper documents are rejected. */
  private static final int DEPTH_MAX = 64;

  private Json() {}

  /**
   * Parses a JSON object and returns its canonical text (keys sorted at every level).
   *
   * @param json the JSON text
   * @param name the parameter name for the error message
   * @return the canonical text
   */
  public static String canonicalObject(String json, String name) {
    Objects.requireNonNull(json, name);
    if (json.length() > METADATA_LENGTH_MAX) {
      throw new IllegalArgumentException(
          name + ": longer than " + METADATA_LENGTH_MAX + " characters");
    }
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(name + ": must be a JSON object, got " + json);
      }
      return MAPPER.writeValueAsString(sorted(node));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          name + ": is not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    return sorted(node, 0);
  }

  /** A copy with every object's fields in key order (numbers are already normalised). */
  private static JsonNode sorted(JsonNode node, int depth) {
    if (depth > DEPTH_MAX) {
      throw new IllegalArgumentException("metadataJson: nested deeper than " + DEPTH_MAX);
    }
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode copy = MAPPER.createObjectNode();
      for (String name : names) {
        copy.set(name, sorted(node.get(name), depth + 1));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = MAPPER.createArrayNode();
      node.forEach(element -> copy.add(sorted(element, depth + 1)));
      return copy;
    }
    return node;
  }
}
