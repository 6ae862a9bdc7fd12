package org.fis.iot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue of meter models a host accepts. {@link #builtIn()} holds the ABB B2x-class ({@value
 * #ABB_B2X}), Schneider iEM3xxx-class ({@value #SCHNEIDER_IEM3XXX}) and generic OBIS ({@value
 * #OBIS_GENERIC}) models, all defined as JSON data; {@link #with(MeterModel)} adds a host's own
 * model.
 *
 * <p>Immutable and thread-safe.
 */
public final class MeterModels {
  /** ABB B2x-class three-phase meter, 30 registers. */
  public static final String ABB_B2X = "abb-B2x";

  /** Schneider iEM3xxx-class three-phase meter, 20 registers. */
  public static final String SCHNEIDER_IEM3XXX = "schneider-iEM3xxx";

  /** A generic meter whose registers are named by OBIS codes. */
  public static final String OBIS_GENERIC = "obis-generic";

  private static final List<String> BUILT_IN = List.of(ABB_B2X, SCHNEIDER_IEM3XXX, OBIS_GENERIC);

  private final Map<String, MeterModel> models;

  private MeterModels(Map<String, MeterModel> models) {
    this.models = Map.copyOf(models);
  }

  /** The built-in models, read from the JSON resources of this module. */
  public static MeterModels builtIn() {
    Map<String, MeterModel> models = new LinkedHashMap<>();
    for (String name : BUILT_IN) {
      MeterModel model = MeterModel.fromJson(resource("models/" + name + ".json"));
      models.put(model.name(), model);
    }
    return new MeterModels(models);
  }

  /** An empty catalogue. */
  public static MeterModels empty() {
    return new MeterModels(Map.of());
  }

  /**
   * This catalogue plus a model (replacing one of the same name).
   *
   * @param model the model
   * @return a new catalogue
   */
  public MeterModels with(MeterModel model) {
    Objects.requireNonNull(model, "model");
    Map<String, MeterModel> copy = new LinkedHashMap<>(models);
    copy.put(model.name(), model);
    return new MeterModels(copy);
  }

  /**
   * The model of that name.
   *
   * @param name the model name
   * @return the model, or empty
   */
  public Optional<MeterModel> model(String name) {
    return Optional.ofNullable(models.get(name));
  }

  /** The model names. */
  public java.util.Set<String> names() {
    return models.keySet();
  }

  private static String resource(String path) {
    try (InputStream in = MeterModels.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource org/fis/iot/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
