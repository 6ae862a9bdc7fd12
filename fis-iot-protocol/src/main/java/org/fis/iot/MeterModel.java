package org.fis.iot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A meter type: its name and registers. Models are data: {@link #fromJson(String)} reads the format
 * of the built-in models in {@code org/fis/iot/models/*.json}, so a new meter type needs a JSON
 * document, not code.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the model name, e.g. {@code abb-B2x}
 * @param description a human description
 * @param registers the registers, at most {@link #REGISTERS_MAX}, names unique
 */
public record MeterModel(String name, String description, List<Register> registers) {
  /** Most registers a model may have. */
  public static final int REGISTERS_MAX = 256;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Validates the model. */
  public MeterModel {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    registers = List.copyOf(Objects.requireNonNull(registers, "registers"));
    if (name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("name: must be 1..64 characters, got '" + name + "'");
    }
    if (registers.isEmpty() || registers.size() > REGISTERS_MAX) {
      throw new IllegalArgumentException(
          "registers: must hold 1.." + REGISTERS_MAX + ", got " + registers.size());
    }
    Map<String, Register> seen = new HashMap<>();
    for (Register register : registers) {
      if (seen.put(register.name(), register) != null) {
        throw new IllegalArgumentException("registers: duplicate name " + register.name());
      }
    }
  }

  /**
   * The register with the given name.
   *
   * @param registerName the field name
   * @return the register, or empty
   */
  public Optional<Register> register(String registerName) {
    for (Register register : registers) {
      if (register.name().equals(registerName)) {
        return Optional.of(register);
      }
    }
    return Optional.empty();
  }

  /**
   * Reads a model from its JSON definition: {@code {"model": "...", "description": "...",
   * "registers": [{"name", "quantity", "phase", "direction", "tariff", "unit", "source"}]}}.
   *
   * @param json the definition
   * @return the model
   * @throws IllegalArgumentException naming the field when the definition is invalid
   */
  public static MeterModel fromJson(String json) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("json: not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("json: must be an object");
    }
    JsonNode list = root.path("registers");
    if (!list.isArray()) {
      throw new IllegalArgumentException("registers: must be an array");
    }
    List<Register> registers = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      try {
        registers.add(
            new Register(
                text(r, "name"),
                Quantity.valueOf(text(r, "quantity")),
                Phase.valueOf(text(r, "phase")),
                Direction.valueOf(text(r, "direction")),
                Tariff.valueOf(text(r, "tariff")),
                text(r, "unit"),
                r.path("source").asText("")));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException("registers[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new MeterModel(text(root, "model"), root.path("description").asText(""), registers);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field + ": missing or not a string");
    }
    return value.asText();
  }
}
