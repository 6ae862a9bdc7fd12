package org.fis.billing.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import org.fis.billing.issuing.Snapshot;

/**
 * A party printed on an invoice: the issuer or the network user. Immutable and thread-safe.
 *
 * @param name legal or personal name
 * @param street street and number
 * @param postalCode postal code
 * @param city city
 * @param country country name or code, printed as given
 * @param vatNumber VAT or tax number (for the issuer: required on the document; for a private
 *     network user: may be blank)
 */
public record Party(
    String name, String street, String postalCode, String city, String country, String vatNumber) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Validates the party: name, street, postal code and city must not be blank. */
  public Party {
    requireText(name, "name");
    requireText(street, "street");
    requireText(postalCode, "postalCode");
    requireText(city, "city");
    country = country == null ? "" : country;
    vatNumber = vatNumber == null ? "" : vatNumber;
  }

  /**
   * Reads a party from an archived host snapshot whose JSON has the fields {@code name}, {@code
   * street}, {@code postalCode}, {@code city}, {@code country} and {@code vatNumber}: the document
   * prints what was archived when the invoice was issued, not what the host holds today.
   *
   * @param snapshot the snapshot
   * @return the party
   * @throws IllegalArgumentException naming the snapshot and the missing field
   */
  public static Party fromSnapshot(Snapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    JsonNode json;
    try {
      json = MAPPER.readTree(snapshot.json());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "snapshot " + snapshot.kind() + "/" + snapshot.key() + ": not JSON", e);
    }
    try {
      return new Party(
          text(json, "name"),
          text(json, "street"),
          text(json, "postalCode"),
          text(json, "city"),
          text(json, "country"),
          text(json, "vatNumber"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "snapshot " + snapshot.kind() + "/" + snapshot.key() + ": " + e.getMessage(), e);
    }
  }

  /** This party as snapshot JSON, the form {@link #fromSnapshot} reads. */
  public String toJson() {
    return MAPPER
        .createObjectNode()
        .put("name", name)
        .put("street", street)
        .put("postalCode", postalCode)
        .put("city", city)
        .put("country", country)
        .put("vatNumber", vatNumber)
        .toString();
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": must not be blank");
    }
  }
}
