package org.fis.ledger.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Objects;

/** Canonical JSON for metadata: parsed, keys sorted, no whitespace. Not API. Thread-safe. */
public final class Json {
  /** Largest metadata document, in characters. */
  public static final int METADATA_LENGTH_MAX = 16_384;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

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
      Object tree = MAPPER.treeToValue(node, Object.class);
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          name + ": is not valid JSON (" + e.getOriginalMessage() + ")", e);
    }
  }
}
