package org.fis.accountingpoint.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.fis.accountingpoint.AccountingPointData;
import org.fis.accountingpoint.BusinessIds;
import org.fis.accountingpoint.EndUserPeriod;
import org.fis.accountingpoint.EnergyDirection;
import org.fis.accountingpoint.EnergyDirectionPeriod;
import org.fis.accountingpoint.EnergySupplierPeriod;
import org.fis.accountingpoint.EntityType;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.Location;
import org.fis.accountingpoint.MeteringGridAreaPeriod;
import org.fis.accountingpoint.TimelinePeriod;

/**
 * Parses and validates an adapter response body strictly against what the contract requires,
 * tolerating unknown fields. Thread-safe.
 */
public final class ResponseParser {
  /** Most periods accepted in one list: a bound against runaway responses. */
  public static final int PERIODS_PER_LIST_MAX = 1_000;

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ResponseParser() {}

  /**
   * Parses a body.
   *
   * @param body the response body
   * @param expected the GSRN that was requested; the body must be for it
   * @return the validated data
   * @throws InvalidResponseException naming the field and the reason
   */
  public static AccountingPointData parse(byte[] body, Gsrn expected)
      throws InvalidResponseException {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidResponseException(
          "body",
          "malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw new InvalidResponseException("body", "unreadable: " + e.getClass().getSimpleName());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidResponseException("body", "must be a JSON object");
    }
    String gsrn = text(root, "gsrn", "gsrn", true);
    String problem = BusinessIds.gsrnProblem(gsrn);
    if (problem != null) {
      throw new InvalidResponseException("gsrn", problem);
    }
    if (!gsrn.equals(expected.value())) {
      throw new InvalidResponseException(
          "gsrn", "is " + gsrn + ", but " + expected + " was requested");
    }
    List<EndUserPeriod> endUsers = list(root, "end_user", true, ResponseParser::endUser);
    List<EnergySupplierPeriod> suppliers =
        list(root, "energy_supplier", true, ResponseParser::supplier);
    List<MeteringGridAreaPeriod> areas =
        list(root, "metering_grid_area", true, ResponseParser::gridArea);
    List<EnergyDirectionPeriod> directions =
        list(root, "energy_direction", false, ResponseParser::direction);
    return new AccountingPointData(
        expected, endUsers, suppliers, areas, Optional.ofNullable(directions), location(root));
  }

  private interface ItemParser<T> {
    T parse(JsonNode item, String path) throws InvalidResponseException;
  }

  private static <T extends TimelinePeriod> List<T> list(
      JsonNode root, String field, boolean required, ItemParser<T> parser)
      throws InvalidResponseException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      if (required) {
        throw new InvalidResponseException(field, "is required");
      }
      return null;
    }
    if (!node.isArray()) {
      throw new InvalidResponseException(field, "must be an array");
    }
    if (node.size() > PERIODS_PER_LIST_MAX) {
      throw new InvalidResponseException(field, "has more than " + PERIODS_PER_LIST_MAX + " items");
    }
    List<T> items = new ArrayList<>(node.size());
    List<Integer> positions = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      String path = field + "[" + i + "]";
      if (!node.get(i).isObject()) {
        throw new InvalidResponseException(path, "must be an object");
      }
      items.add(parser.parse(node.get(i), path));
      positions.add(i);
    }
    checkNoOverlap(field, items, positions);
    List<T> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(TimelinePeriod::validFrom));
    return sorted;
  }

  private static <T extends TimelinePeriod> void checkNoOverlap(
      String field, List<T> items, List<Integer> positions) throws InvalidResponseException {
    List<Integer> order = new ArrayList<>(positions);
    order.sort(Comparator.comparing(i -> items.get(i).validFrom()));
    for (int k = 1; k < order.size(); k++) {
      T previous = items.get(order.get(k - 1));
      T current = items.get(order.get(k));
      if (previous.validTo() == null || previous.validTo().isAfter(current.validFrom())) {
        throw new InvalidResponseException(
            field + "[" + order.get(k) + "]", "overlaps " + field + "[" + order.get(k - 1) + "]");
      }
    }
  }

  private static EndUserPeriod endUser(JsonNode item, String path) throws InvalidResponseException {
    String id = text(item, "business_id", path + ".business_id", true);
    String typeCode = text(item, "entity_type", path + ".entity_type", false);
    EntityType implied = BusinessIds.entityTypeOf(id);
    if (implied == null) {
      throw new InvalidResponseException(
          path + ".business_id",
          "must be an organisation number (9 digits not starting with 0) or a person id (11 digits)");
    }
    EntityType type = implied;
    if (typeCode != null) {
      type = EntityType.ofCode(typeCode);
      if (type == null) {
        throw new InvalidResponseException(
            path + ".entity_type", "must be 'person' or 'organisation'");
      }
      if (type != implied) {
        throw new InvalidResponseException(
            path + ".business_id",
            "does not have the shape of an id of entity type " + type.code());
      }
    }
    Instant[] range = range(item, path);
    return new EndUserPeriod(id, type, range[0], range[1]);
  }

  private static EnergySupplierPeriod supplier(JsonNode item, String path)
      throws InvalidResponseException {
    String gln = text(item, "business_id", path + ".business_id", true);
    String problem = BusinessIds.glnProblem(gln);
    if (problem != null) {
      throw new InvalidResponseException(path + ".business_id", "GLN " + problem);
    }
    Instant[] range = range(item, path);
    return new EnergySupplierPeriod(gln, range[0], range[1]);
  }

  private static MeteringGridAreaPeriod gridArea(JsonNode item, String path)
      throws InvalidResponseException {
    String eic = text(item, "business_id", path + ".business_id", true);
    String problem = BusinessIds.eicYProblem(eic);
    if (problem != null) {
      throw new InvalidResponseException(path + ".business_id", problem);
    }
    Instant[] range = range(item, path);
    return new MeteringGridAreaPeriod(eic, range[0], range[1]);
  }

  private static EnergyDirectionPeriod direction(JsonNode item, String path)
      throws InvalidResponseException {
    JsonNode node = item.get("direction");
    String field = path + ".direction";
    if (node == null || node.isNull()) {
      throw new InvalidResponseException(field, "is required");
    }
    if (!node.isArray() || node.size() < 1 || node.size() > 2) {
      throw new InvalidResponseException(field, "must be an array of 1 or 2 directions");
    }
    EnumSet<EnergyDirection> directions = EnumSet.noneOf(EnergyDirection.class);
    for (int i = 0; i < node.size(); i++) {
      EnergyDirection direction =
          node.get(i).isTextual() ? EnergyDirection.ofCode(node.get(i).textValue()) : null;
      if (direction == null) {
        throw new InvalidResponseException(
            field + "[" + i + "]", "must be 'production' or 'consumption'");
      }
      if (!directions.add(direction)) {
        throw new InvalidResponseException(field + "[" + i + "]", "is a duplicate");
      }
    }
    Instant[] range = range(item, path);
    return new EnergyDirectionPeriod(directions, range[0], range[1]);
  }

  private static Instant[] range(JsonNode item, String path) throws InvalidResponseException {
    Instant from = instant(item, "valid_from", path, true);
    Instant to = instant(item, "valid_to", path, false);
    if (to != null && !from.isBefore(to)) {
      throw new InvalidResponseException(path + ".valid_to", "must be after valid_from");
    }
    return new Instant[] {from, to};
  }

  private static Instant instant(JsonNode item, String name, String path, boolean required)
      throws InvalidResponseException {
    String text = text(item, name, path + "." + name, required);
    if (text == null) {
      return null;
    }
    try {
      // PostgreSQL keeps microseconds; truncating here keeps re-syncs of the same data a no-op.
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .truncatedTo(ChronoUnit.MICROS);
    } catch (DateTimeParseException e) {
      throw new InvalidResponseException(
          path + "." + name, "must be an RFC 3339 date-time with offset");
    }
  }

  private static Optional<Location> location(JsonNode root) throws InvalidResponseException {
    BigDecimal latitude = number(root, "latitude");
    BigDecimal longitude = number(root, "longitude");
    if (latitude == null && longitude == null) {
      return Optional.empty();
    }
    if (latitude == null || longitude == null) {
      throw new InvalidResponseException(
          latitude == null ? "latitude" : "longitude",
          "must be given when the other coordinate is");
    }
    if (latitude.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
      throw new InvalidResponseException("latitude", "must be within [-90, 90]");
    }
    if (longitude.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
      throw new InvalidResponseException("longitude", "must be within [-180, 180]");
    }
    return Optional.of(new Location(latitude, longitude));
  }

  private static BigDecimal number(JsonNode root, String field) throws InvalidResponseException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isNumber()) {
      throw new InvalidResponseException(field, "must be a number");
    }
    return node.decimalValue();
  }

  private static String text(JsonNode item, String name, String path, boolean required)
      throws InvalidResponseException {
    JsonNode node = item.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        throw new InvalidResponseException(path, "is required");
      }
      return null;
    }
    if (!node.isTextual()) {
      throw new InvalidResponseException(path, "must be a string");
    }
    return node.textValue();
  }
}
