package org.fis.iot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a device fetches by poll: how often to push, which meters it reads (with their model and
 * limits) and when to switch the meters' tariff registers. Immutable.
 *
 * @param pushInterval how often the device pushes
 * @param meters the meters this device may push, at most {@link #METERS_MAX}
 * @param tariffSchedule local times at which the device switches its meters' tariff (T1/T2)
 */
public record DeviceConfig(
    Duration pushInterval, List<MeterAssignment> meters, List<TariffSwitch> tariffSchedule) {
  /** Most meters per device. */
  public static final int METERS_MAX = 1_000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Validates the configuration. */
  public DeviceConfig {
    Objects.requireNonNull(pushInterval, "pushInterval");
    meters = List.copyOf(Objects.requireNonNull(meters, "meters"));
    tariffSchedule = List.copyOf(Objects.requireNonNull(tariffSchedule, "tariffSchedule"));
    if (pushInterval.isNegative() || pushInterval.isZero()) {
      throw new IllegalArgumentException("pushInterval: must be positive");
    }
    if (meters.size() > METERS_MAX) {
      throw new IllegalArgumentException("meters: at most " + METERS_MAX);
    }
    Set<String> ids = new HashSet<>();
    for (MeterAssignment meter : meters) {
      if (!ids.add(meter.meterId())) {
        throw new IllegalArgumentException("meters: duplicate meter " + meter.meterId());
      }
    }
  }

  /**
   * A meter assigned to the device.
   *
   * @param meterId the meter id devices use in pushes
   * @param model the meter model name (see {@link MeterModels})
   * @param limits per register name, the accepted range in the register's sent unit
   */
  public record MeterAssignment(String meterId, String model, Map<String, RegisterLimit> limits) {
    /** Validates the assignment. */
    public MeterAssignment {
      Objects.requireNonNull(meterId, "meterId");
      Objects.requireNonNull(model, "model");
      limits = Map.copyOf(new TreeMap<>(Objects.requireNonNull(limits, "limits")));
      if (!meterId.matches("[A-Za-z0-9_.:\\-]{1,64}")) {
        throw new IllegalArgumentException("meterId: must be 1..64 of [A-Za-z0-9_.:-]: " + meterId);
      }
    }

    /** The limits as a JSON object (register name to {min, max} as decimal strings). */
    public String limitsJson() {
      return limitsNode(limits).toString();
    }
  }

  /**
   * The accepted range of one register; either bound may be null (open).
   *
   * @param min smallest accepted value, inclusive, or null
   * @param max largest accepted value, inclusive, or null
   */
  public record RegisterLimit(BigDecimal min, BigDecimal max) {
    /** Validates the limit. */
    public RegisterLimit {
      if (min != null && max != null && min.compareTo(max) > 0) {
        throw new IllegalArgumentException("min: must be <= max, got " + min + " > " + max);
      }
    }
  }

  /**
   * From this local time (in the host's configured zone) on, the meters count in {@code tariff}.
   *
   * @param at local time
   * @param tariff T1 or T2
   */
  public record TariffSwitch(LocalTime at, Tariff tariff) {
    /** Validates the switch. */
    public TariffSwitch {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(tariff, "tariff");
    }
  }

  private static ObjectNode limitsNode(Map<String, RegisterLimit> limits) {
    ObjectNode node = MAPPER.createObjectNode();
    new TreeMap<>(limits)
        .forEach(
            (name, limit) -> {
              ObjectNode l = node.putObject(name);
              if (limit.min() != null) {
                l.put("min", limit.min().toPlainString());
              }
              if (limit.max() != null) {
                l.put("max", limit.max().toPlainString());
              }
            });
    return node;
  }

  /** The canonical JSON of this configuration (stable field order, used as the version key). */
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("pushInterval", pushInterval.toString());
    ArrayNode meterArray = root.putArray("meters");
    for (MeterAssignment meter : meters) {
      ObjectNode m = meterArray.addObject();
      m.put("meterId", meter.meterId());
      m.put("model", meter.model());
      m.set("limits", limitsNode(meter.limits()));
    }
    ArrayNode schedule = root.putArray("tariffSchedule");
    for (TariffSwitch s : tariffSchedule) {
      schedule.addObject().put("at", s.at().toString()).put("tariff", s.tariff().name());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads the JSON written by {@link #toJson()}.
   *
   * @param json the JSON
   * @return the configuration
   */
  public static DeviceConfig fromJson(String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      List<MeterAssignment> meters = new java.util.ArrayList<>();
      for (JsonNode m : root.path("meters")) {
        Map<String, RegisterLimit> limits = new TreeMap<>();
        m.path("limits")
            .properties()
            .forEach(
                e ->
                    limits.put(
                        e.getKey(),
                        new RegisterLimit(
                            decimal(e.getValue().get("min")), decimal(e.getValue().get("max")))));
        meters.add(
            new MeterAssignment(m.path("meterId").asText(), m.path("model").asText(), limits));
      }
      List<TariffSwitch> schedule = new java.util.ArrayList<>();
      for (JsonNode s : root.path("tariffSchedule")) {
        schedule.add(
            new TariffSwitch(
                LocalTime.parse(s.path("at").asText()), Tariff.valueOf(s.path("tariff").asText())));
      }
      return new DeviceConfig(Duration.parse(root.path("pushInterval").asText()), meters, schedule);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("json: not a device configuration: " + e.getMessage(), e);
    }
  }

  /**
   * Reads limits written by {@link MeterAssignment#limitsJson()}.
   *
   * @param json the JSON object
   * @return register name to limit
   */
  public static Map<String, RegisterLimit> limitsFromJson(String json) {
    try {
      Map<String, RegisterLimit> limits = new TreeMap<>();
      MAPPER
          .readTree(json)
          .properties()
          .forEach(
              e ->
                  limits.put(
                      e.getKey(),
                      new RegisterLimit(
                          decimal(e.getValue().get("min")), decimal(e.getValue().get("max")))));
      return limits;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("json: not register limits: " + e.getMessage(), e);
    }
  }

  private static BigDecimal decimal(JsonNode node) {
    return node == null || node.isNull() ? null : new BigDecimal(node.asText());
  }
}
