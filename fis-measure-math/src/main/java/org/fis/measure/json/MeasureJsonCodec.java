package org.fis.measure.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.ExpenditureMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Quantity;
import org.fis.measure.SpanMeasure;
import org.fis.measure.TariffMeasure;
import org.fis.measure.Unit;
import org.fis.measure.time.Interval;

/**
 * Converts measures to and from JSON trees. Reading throws {@link IllegalArgumentException} whose
 * message names the JSON path and the reason.
 */
final class MeasureJsonCodec {
  /** The bound on composite members and on nesting: measures are at most a few levels deep. */
  static final int MEMBER_COUNT_MAX = 8;

  /** The bound on nesting: real measures are at most about ten levels deep. */
  static final int NESTING_MAX = 24;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private MeasureJsonCodec() {}

  // ------------------------------------------------------------------ writing

  static String quantity(Quantity quantity) {
    return quantity.toBaseUnit().toPlainString() + " " + quantity.kind().baseUnitSymbol();
  }

  static ObjectNode phase(PhaseMeasure measure) {
    ObjectNode node = NODES.objectNode();
    if (measure instanceof PhaseMeasure.NotAvailable) {
      node.put("type", "notAvailable").put("kind", kindName(measure.kind()));
    } else if (measure instanceof PhaseMeasure.Total) {
      node.put("type", "total").put("value", quantity(((PhaseMeasure.Total) measure).value()));
    } else if (measure instanceof PhaseMeasure.ThreePhase) {
      PhaseMeasure.ThreePhase three = (PhaseMeasure.ThreePhase) measure;
      node.put("type", "threePhase")
          .put("l1", quantity(three.l1()))
          .put("l2", quantity(three.l2()))
          .put("l3", quantity(three.l3()));
    } else if (measure instanceof PhaseMeasure.Instantaneous) {
      PhaseMeasure.Instantaneous s = (PhaseMeasure.Instantaneous) measure;
      node.put("type", "instantaneous");
      node.set("average", phase(s.average()));
      node.set("minimum", phase(s.minimum()));
      node.put("minimumAt", s.minimumAt().toString());
      node.set("maximum", phase(s.maximum()));
      node.put("maximumAt", s.maximumAt().toString());
    } else if (measure instanceof PhaseMeasure.Cumulative) {
      PhaseMeasure.Cumulative c = (PhaseMeasure.Cumulative) measure;
      node.put("type", "cumulative");
      node.set("first", phase(c.first()));
      node.set("last", phase(c.last()));
    } else if (measure instanceof PhaseMeasure.Composite) {
      node.put("type", "composite");
      ArrayNode members = node.putArray("members");
      ((PhaseMeasure.Composite) measure).members().values().forEach(m -> members.add(phase(m)));
    } else {
      throw new AssertionError(measure);
    }
    return node;
  }

  static ObjectNode direction(DirectionMeasure measure) {
    ObjectNode node = NODES.objectNode();
    if (measure instanceof DirectionMeasure.NotAvailable) {
      node.put("type", "notAvailable").put("kind", kindName(measure.kind()));
    } else if (measure instanceof DirectionMeasure.ImportExport) {
      DirectionMeasure.ImportExport pair = (DirectionMeasure.ImportExport) measure;
      node.put("type", "importExport");
      node.set("import", phase(pair.importValue()));
      node.set("export", phase(pair.exportValue()));
    } else if (measure instanceof DirectionMeasure.Net) {
      node.put("type", "net");
      node.set("value", phase(((DirectionMeasure.Net) measure).value()));
    } else if (measure instanceof DirectionMeasure.NonDirectional) {
      node.put("type", "nonDirectional");
      node.set("value", phase(((DirectionMeasure.NonDirectional) measure).value()));
    } else if (measure instanceof DirectionMeasure.Composite) {
      node.put("type", "composite");
      ArrayNode members = node.putArray("members");
      ((DirectionMeasure.Composite) measure)
          .members()
          .values()
          .forEach(m -> members.add(direction(m)));
    } else {
      throw new AssertionError(measure);
    }
    return node;
  }

  static ObjectNode tariff(TariffMeasure measure) {
    ObjectNode node = NODES.objectNode();
    if (measure instanceof TariffMeasure.NotAvailable) {
      node.put("type", "notAvailable").put("kind", kindName(measure.kind()));
    } else if (measure instanceof TariffMeasure.Single) {
      node.put("type", "single");
      node.set("t0", direction(((TariffMeasure.Single) measure).t0()));
    } else if (measure instanceof TariffMeasure.Dual) {
      TariffMeasure.Dual dual = (TariffMeasure.Dual) measure;
      node.put("type", "dual");
      node.set("t1", direction(dual.t1()));
      node.set("t2", direction(dual.t2()));
    } else if (measure instanceof TariffMeasure.Composite) {
      node.put("type", "composite");
      ArrayNode members = node.putArray("members");
      ((TariffMeasure.Composite) measure).members().values().forEach(m -> members.add(tariff(m)));
    } else {
      throw new AssertionError(measure);
    }
    return node;
  }

  static ObjectNode interval(Interval interval) {
    return NODES
        .objectNode()
        .put("start", interval.start().toString())
        .put("end", interval.end().toString());
  }

  static ObjectNode span(SpanMeasure span) {
    ObjectNode node = NODES.objectNode();
    if (span instanceof SpanMeasure.NotAvailable) {
      node.put("type", "notAvailable").put("kind", kindName(span.kind()));
    } else if (span instanceof SpanMeasure.MinMax) {
      SpanMeasure.MinMax m = (SpanMeasure.MinMax) span;
      node.put("type", "minMax");
      node.set("minimum", tariff(m.minimumValue()));
      node.set("maximum", tariff(m.maximumValue()));
    } else if (span instanceof SpanMeasure.Average) {
      node.put("type", "average");
      node.set("average", tariff(((SpanMeasure.Average) span).averageValue()));
    } else if (span instanceof SpanMeasure.Peak) {
      node.put("type", "peak");
      node.set("peak", tariff(((SpanMeasure.Peak) span).peakValue()));
    } else if (span instanceof SpanMeasure.Cumulative) {
      SpanMeasure.Cumulative c = (SpanMeasure.Cumulative) span;
      node.put("type", "cumulative");
      node.set("first", tariff(c.first()));
      node.set("last", tariff(c.last()));
    } else if (span instanceof SpanMeasure.Instantaneous) {
      SpanMeasure.Instantaneous s = (SpanMeasure.Instantaneous) span;
      node.put("type", "instantaneous");
      node.set("average", tariff(s.averageValue()));
      node.set("minimum", tariff(s.minimumValue()));
      node.put("minimumAt", s.minimumAt().toString());
      node.set("maximum", tariff(s.maximumValue()));
      node.put("maximumAt", s.maximumAt().toString());
    } else {
      throw new AssertionError(span);
    }
    node.set("interval", interval(span.interval()));
    return node;
  }

  static ObjectNode expenditure(ExpenditureMeasure expenditure) {
    ObjectNode node = NODES.objectNode();
    if (expenditure instanceof ExpenditureMeasure.NotAvailable) {
      node.put("type", "notAvailable");
    } else if (expenditure instanceof ExpenditureMeasure.Usage) {
      node.put("type", "usage");
      node.set("usage", tariff(expenditure.usage()));
    } else if (expenditure instanceof ExpenditureMeasure.Supply) {
      node.put("type", "supply");
      node.set("supply", tariff(expenditure.supply()));
    } else if (expenditure instanceof ExpenditureMeasure.UsageAndSupply) {
      node.put("type", "usageAndSupply");
      node.set("usage", tariff(expenditure.usage()));
      node.set("supply", tariff(expenditure.supply()));
    } else {
      throw new AssertionError(expenditure);
    }
    return node;
  }

  private static String kindName(MeasureKind kind) {
    return kind.name();
  }

  // ------------------------------------------------------------------ reading

  static Quantity readQuantity(JsonNode node, String path) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw bad(path, "is missing");
    }
    if (!node.isTextual()) {
      throw bad(path, "must be a string like \"1.5 kWh\", got " + node.getNodeType());
    }
    String text = node.asText().trim();
    int space = text.lastIndexOf(' ');
    if (space < 0) {
      throw bad(path, "must be a number and a unit like \"1.5 kWh\", got \"" + text + "\"");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text.substring(0, space).trim());
    } catch (NumberFormatException e) {
      throw bad(path, "\"" + text.substring(0, space) + "\" is not a decimal number");
    }
    Unit unit;
    try {
      unit = Unit.ofSymbol(text.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw bad(path, "unknown unit \"" + text.substring(space + 1) + "\"");
    }
    try {
      return Quantity.of(value, unit);
    } catch (IllegalArgumentException e) {
      throw bad(path, e.getMessage());
    }
  }

  static PhaseMeasure readPhase(JsonNode node, String path) {
    String type = type(node, path);
    switch (type) {
      case "notAvailable":
        return PhaseMeasure.notAvailable(kind(node, path));
      case "total":
        return PhaseMeasure.total(readQuantity(node.get("value"), path + ".value"));
      case "threePhase":
        return guard(
            path,
            () ->
                PhaseMeasure.threePhase(
                    readQuantity(node.get("l1"), path + ".l1"),
                    readQuantity(node.get("l2"), path + ".l2"),
                    readQuantity(node.get("l3"), path + ".l3")));
      case "instantaneous":
        {
          PhaseMeasure average = readPhase(node.get("average"), path + ".average");
          PhaseMeasure minimum = readPhase(node.get("minimum"), path + ".minimum");
          Instant minimumAt = instant(node.get("minimumAt"), path + ".minimumAt");
          PhaseMeasure maximum = readPhase(node.get("maximum"), path + ".maximum");
          Instant maximumAt = instant(node.get("maximumAt"), path + ".maximumAt");
          return guard(
              path,
              () ->
                  new PhaseMeasure.Instantaneous(average, minimum, minimumAt, maximum, maximumAt));
        }
      case "cumulative":
        {
          PhaseMeasure first = readPhase(node.get("first"), path + ".first");
          PhaseMeasure last = readPhase(node.get("last"), path + ".last");
          return guard(path, () -> new PhaseMeasure.Cumulative(first, last));
        }
      case "composite":
        {
          List<PhaseMeasure> members = new ArrayList<>();
          JsonNode array = members(node, path);
          for (int i = 0; i < array.size(); i++) {
            members.add(readPhase(array.get(i), path + ".members[" + i + "]"));
          }
          return guard(path, () -> PhaseMeasure.composite(members));
        }
      default:
        throw bad(
            path + ".type",
            "unknown phase measure type \""
                + type
                + "\" (notAvailable, total, threePhase, instantaneous, cumulative, composite)");
    }
  }

  static DirectionMeasure readDirection(JsonNode node, String path) {
    String type = type(node, path);
    switch (type) {
      case "notAvailable":
        return DirectionMeasure.notAvailable(kind(node, path));
      case "importExport":
        {
          PhaseMeasure importValue = readPhase(node.get("import"), path + ".import");
          PhaseMeasure exportValue = readPhase(node.get("export"), path + ".export");
          return guard(path, () -> DirectionMeasure.importExport(importValue, exportValue));
        }
      case "net":
        return DirectionMeasure.net(readPhase(node.get("value"), path + ".value"));
      case "nonDirectional":
        return DirectionMeasure.nonDirectional(readPhase(node.get("value"), path + ".value"));
      case "composite":
        {
          List<DirectionMeasure> members = new ArrayList<>();
          JsonNode array = members(node, path);
          for (int i = 0; i < array.size(); i++) {
            members.add(readDirection(array.get(i), path + ".members[" + i + "]"));
          }
          return guard(path, () -> DirectionMeasure.composite(members));
        }
      default:
        throw bad(
            path + ".type",
            "unknown direction measure type \""
                + type
                + "\" (notAvailable, importExport, net, nonDirectional, composite)");
    }
  }

  static TariffMeasure readTariff(JsonNode node, String path) {
    String type = type(node, path);
    switch (type) {
      case "notAvailable":
        return TariffMeasure.notAvailable(kind(node, path));
      case "single":
        return TariffMeasure.single(readDirection(node.get("t0"), path + ".t0"));
      case "dual":
        {
          DirectionMeasure t1 = readDirection(node.get("t1"), path + ".t1");
          DirectionMeasure t2 = readDirection(node.get("t2"), path + ".t2");
          return guard(path, () -> TariffMeasure.dual(t1, t2));
        }
      case "composite":
        {
          List<TariffMeasure> members = new ArrayList<>();
          JsonNode array = members(node, path);
          for (int i = 0; i < array.size(); i++) {
            members.add(readTariff(array.get(i), path + ".members[" + i + "]"));
          }
          return guard(path, () -> TariffMeasure.composite(members));
        }
      default:
        throw bad(
            path + ".type",
            "unknown tariff measure type \"" + type + "\" (notAvailable, single, dual, composite)");
    }
  }

  static Interval readInterval(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw bad(path, "must be an object with start and end");
    }
    Instant start = instant(node.get("start"), path + ".start");
    Instant end = instant(node.get("end"), path + ".end");
    return guard(path, () -> new Interval(start, end));
  }

  static SpanMeasure readSpan(JsonNode node, String path) {
    String type = type(node, path);
    Interval interval = readInterval(node.get("interval"), path + ".interval");
    switch (type) {
      case "notAvailable":
        return new SpanMeasure.NotAvailable(interval, kind(node, path));
      case "minMax":
        {
          TariffMeasure minimum = readTariff(node.get("minimum"), path + ".minimum");
          TariffMeasure maximum = readTariff(node.get("maximum"), path + ".maximum");
          return guard(path, () -> new SpanMeasure.MinMax(interval, minimum, maximum));
        }
      case "average":
        return new SpanMeasure.Average(
            interval, readTariff(node.get("average"), path + ".average"));
      case "peak":
        return new SpanMeasure.Peak(interval, readTariff(node.get("peak"), path + ".peak"));
      case "cumulative":
        {
          TariffMeasure first = readTariff(node.get("first"), path + ".first");
          TariffMeasure last = readTariff(node.get("last"), path + ".last");
          return guard(path, () -> new SpanMeasure.Cumulative(interval, first, last));
        }
      case "instantaneous":
        {
          TariffMeasure average = readTariff(node.get("average"), path + ".average");
          TariffMeasure minimum = readTariff(node.get("minimum"), path + ".minimum");
          Instant minimumAt = instant(node.get("minimumAt"), path + ".minimumAt");
          TariffMeasure maximum = readTariff(node.get("maximum"), path + ".maximum");
          Instant maximumAt = instant(node.get("maximumAt"), path + ".maximumAt");
          return guard(
              path,
              () ->
                  new SpanMeasure.Instantaneous(
                      interval, average, minimum, minimumAt, maximum, maximumAt));
        }
      default:
        throw bad(
            path + ".type",
            "unknown span type \""
                + type
                + "\" (notAvailable, minMax, average, peak, cumulative, instantaneous)");
    }
  }

  static ExpenditureMeasure readExpenditure(JsonNode node, String path) {
    String type = type(node, path);
    switch (type) {
      case "notAvailable":
        return new ExpenditureMeasure.NotAvailable();
      case "usage":
        {
          TariffMeasure usage = readTariff(node.get("usage"), path + ".usage");
          return guard(path, () -> new ExpenditureMeasure.Usage(usage));
        }
      case "supply":
        {
          TariffMeasure supply = readTariff(node.get("supply"), path + ".supply");
          return guard(path, () -> new ExpenditureMeasure.Supply(supply));
        }
      case "usageAndSupply":
        {
          TariffMeasure usage = readTariff(node.get("usage"), path + ".usage");
          TariffMeasure supply = readTariff(node.get("supply"), path + ".supply");
          return guard(path, () -> new ExpenditureMeasure.UsageAndSupply(usage, supply));
        }
      default:
        throw bad(
            path + ".type",
            "unknown expenditure type \""
                + type
                + "\" (notAvailable, usage, supply, usageAndSupply)");
    }
  }

  private static String type(JsonNode node, String path) {
    if (path.chars().filter(c -> c == '.').count() > NESTING_MAX) {
      throw bad(path, "nested deeper than " + NESTING_MAX + " levels");
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw bad(path, "is missing");
    }
    if (!node.isObject()) {
      throw bad(path, "must be an object, got " + node.getNodeType());
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw bad(path + ".type", "is missing or not a string");
    }
    return type.asText();
  }

  private static MeasureKind kind(JsonNode node, String path) {
    JsonNode kind = node.get("kind");
    if (kind == null || !kind.isTextual()) {
      throw bad(path + ".kind", "is missing or not a string");
    }
    try {
      return MeasureKind.valueOf(kind.asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw bad(path + ".kind", "unknown kind \"" + kind.asText() + "\"");
    }
  }

  private static JsonNode members(JsonNode node, String path) {
    JsonNode array = node.get("members");
    if (array == null || !array.isArray() || array.isEmpty()) {
      throw bad(path + ".members", "must be a non-empty array");
    }
    if (array.size() > MEMBER_COUNT_MAX) {
      throw bad(path + ".members", "more than " + MEMBER_COUNT_MAX + " members");
    }
    return array;
  }

  private static Instant instant(JsonNode node, String path) {
    if (node == null || !node.isTextual()) {
      throw bad(path, "must be an ISO-8601 instant string like \"2024-03-01T00:00:00Z\"");
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw bad(path, "\"" + node.asText() + "\" is not an ISO-8601 instant");
    }
  }

  /** Runs a constructor, prefixing its validation message with the path. */
  private static <T> T guard(String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      throw bad(path, e.getMessage());
    }
  }

  private static IllegalArgumentException bad(String path, String reason) {
    return new IllegalArgumentException(path + ": " + reason);
  }
}
