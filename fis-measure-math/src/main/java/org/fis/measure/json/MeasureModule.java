package org.fis.measure.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.ExpenditureMeasure;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Quantity;
import org.fis.measure.SpanMeasure;
import org.fis.measure.TariffMeasure;
import org.fis.measure.time.Interval;

/**
 * A Jackson module that reads and writes fis-measure-math values as JSON:
 *
 * <ul>
 *   <li>{@link Quantity}: a string of the exact decimal value in the base unit and the unit symbol,
 *       {@code "1500.000 Wh"}; any unit of the kind is read ({@code "1.5 kWh"}).
 *   <li>measures: objects with a {@code type} ({@code total}, {@code threePhase}, {@code
 *       importExport}, {@code dual}, {@code composite}, {@code notAvailable} with its {@code kind},
 *       …) and their fields; see the module README for the full format.
 *   <li>{@link Interval}: {@code {"start": "…Z", "end": "…Z"}}.
 * </ul>
 *
 * <p>Deserialize into the layer type ({@code PhaseMeasure}, {@code DirectionMeasure}, {@code
 * TariffMeasure}, {@code SpanMeasure}, {@code ExpenditureMeasure}), not a variant record. Bad input
 * fails with a {@link JsonMappingException} whose message names the JSON path and the reason, e.g.
 * {@code $.t1.import.l2: unknown unit "kwh"}. Values are never rounded: more precision than 0.001
 * base units is rejected.
 *
 * <p>Register with {@code new ObjectMapper().registerModule(new MeasureModule())}. Immutable and
 * thread-safe. No database access.
 */
public final class MeasureModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  /** Creates the module. */
  public MeasureModule() {
    super("fis-measure-math", Version.unknownVersion());
    register(
        Quantity.class,
        q -> com.fasterxml.jackson.databind.node.TextNode.valueOf(MeasureJsonCodec.quantity(q)),
        MeasureJsonCodec::readQuantity);
    register(PhaseMeasure.class, MeasureJsonCodec::phase, MeasureJsonCodec::readPhase);
    register(DirectionMeasure.class, MeasureJsonCodec::direction, MeasureJsonCodec::readDirection);
    register(TariffMeasure.class, MeasureJsonCodec::tariff, MeasureJsonCodec::readTariff);
    register(SpanMeasure.class, MeasureJsonCodec::span, MeasureJsonCodec::readSpan);
    register(
        ExpenditureMeasure.class, MeasureJsonCodec::expenditure, MeasureJsonCodec::readExpenditure);
    register(Interval.class, MeasureJsonCodec::interval, MeasureJsonCodec::readInterval);
  }

  private <T> void register(
      Class<T> type,
      Function<T, ? extends JsonNode> writer,
      BiFunction<JsonNode, String, T> reader) {
    addSerializer(type, new TreeSerializer<>(writer));
    addDeserializer(type, new TreeDeserializer<>(reader));
  }

  private static final class TreeSerializer<T> extends JsonSerializer<T> {
    private final Function<T, ? extends JsonNode> writer;

    TreeSerializer(Function<T, ? extends JsonNode> writer) {
      this.writer = writer;
    }

    @Override
    public void serialize(T value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      generator.writeTree(writer.apply(value));
    }
  }

  private static final class TreeDeserializer<T> extends JsonDeserializer<T> {
    private final BiFunction<JsonNode, String, T> reader;

    TreeDeserializer(BiFunction<JsonNode, String, T> reader) {
      this.reader = reader;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      JsonNode tree = context.readTree(parser);
      try {
        return reader.apply(tree, "$");
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw JsonMappingException.from(parser, e.getMessage(), e);
      }
    }
  }
}
