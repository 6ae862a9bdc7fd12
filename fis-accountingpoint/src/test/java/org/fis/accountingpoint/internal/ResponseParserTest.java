package org.fis.accountingpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.fis.accountingpoint.AccountingPointData;
import org.fis.accountingpoint.EnergyDirection;
import org.fis.accountingpoint.EntityType;
import org.fis.accountingpoint.Gsrn;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
  private static final Gsrn GSRN = Gsrn.of("707057500012345671");

  private static final String EXAMPLE =
      "{\"gsrn\":\"707057500012345671\",\"future_field\":{\"x\":1},"
          + "\"end_user\":["
          + "{\"business_id\":\"15019012317\",\"entity_type\":\"person\","
          + "\"valid_from\":\"2023-05-01T00:00:00+02:00\",\"valid_to\":\"2024-01-01T00:00:00+01:00\"},"
          + "{\"business_id\":\"987654325\",\"entity_type\":\"organisation\","
          + "\"valid_from\":\"2024-01-01T00:00:00+01:00\",\"valid_to\":null}],"
          + "\"energy_supplier\":["
          + "{\"business_id\":\"7080087654320\",\"valid_from\":\"2024-06-01T00:00:00+02:00\"},"
          + "{\"business_id\":\"7080012345675\",\"valid_from\":\"2023-05-01T00:00:00+02:00\","
          + "\"valid_to\":\"2024-06-01T00:00:00+02:00\"}],"
          + "\"metering_grid_area\":[{\"business_id\":\"50YTESTMGA00001C\","
          + "\"valid_from\":\"2023-05-01T00:00:00+02:00\",\"valid_to\":null}],"
          + "\"energy_direction\":[{\"direction\":[\"consumption\",\"production\"],"
          + "\"valid_from\":\"2024-01-01T00:00:00+01:00\",\"valid_to\":null}],"
          + "\"latitude\":59.9139,\"longitude\":10.7522}";

  private static AccountingPointData parse(String json) throws InvalidResponseException {
    return ResponseParser.parse(json.getBytes(StandardCharsets.UTF_8), GSRN);
  }

  private static void assertRejected(String json, String message) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(InvalidResponseException.class)
        .hasMessageContaining(message);
  }

  @Test
  void a_valid_response_with_unknown_fields_is_parsed_and_sorted_by_start() throws Exception {
    AccountingPointData data = parse(EXAMPLE);

    assertThat(data.endUsers()).hasSize(2);
    assertThat(data.endUsers().get(0).entityType()).isEqualTo(EntityType.PERSON);
    assertThat(data.endUsers().get(0).validTo()).isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
    assertThat(data.energySuppliers().get(0).gln()).isEqualTo("7080012345675");
    assertThat(data.energySuppliers().get(1).validTo()).isNull();
    assertThat(data.energyDirections().orElseThrow().get(0).directions())
        .containsExactlyInAnyOrder(EnergyDirection.CONSUMPTION, EnergyDirection.PRODUCTION);
    assertThat(data.location().orElseThrow().latitude()).isEqualTo(new BigDecimal("59.9139"));
  }

  @Test
  void an_absent_energy_direction_is_not_an_empty_list_and_null_coordinates_are_no_location()
      throws Exception {
    String json =
        EXAMPLE
            .replace(
                ",\"energy_direction\":[{\"direction\":[\"consumption\","
                    + "\"production\"],\"valid_from\":\"2024-01-01T00:00:00+01:00\",\"valid_to\":null}]",
                "")
            .replace("\"latitude\":59.9139,\"longitude\":10.7522", "\"latitude\":null");
    AccountingPointData data = parse(json);

    assertThat(data.energyDirections()).isEmpty();
    assertThat(data.location()).isEmpty();
  }

  @Test
  void malformed_json_is_rejected_naming_the_body() {
    assertRejected("{\"gsrn\": \"7070", "body: malformed JSON");
    assertRejected("[1,2]", "body: must be a JSON object");
  }

  @Test
  void missing_required_fields_are_named() {
    assertRejected(
        EXAMPLE.replace("\"energy_supplier\":", "\"energy_supplierX\":"),
        "energy_supplier: is required");
    assertRejected(
        EXAMPLE.replace("\"business_id\":\"50YTESTMGA00001C\",", ""),
        "metering_grid_area[0].business_id: is required");
    assertRejected(
        EXAMPLE.replace("\"valid_from\":\"2024-06-01T00:00:00+02:00\"}", "\"x\":1}"),
        "energy_supplier[0].valid_from: is required");
  }

  @Test
  void wrong_check_digits_are_rejected_naming_the_field() {
    assertRejected(
        EXAMPLE.replace("7080012345675", "7080012345678"),
        "energy_supplier[1].business_id: GLN has a wrong GS1 check digit");
    assertRejected(
        EXAMPLE.replace("50YTESTMGA00001C", "50YTESTMGA00001D"),
        "metering_grid_area[0].business_id: has a wrong EIC check character");
    assertRejected(
        EXAMPLE.replace("\"gsrn\":\"707057500012345671\"", "\"gsrn\":\"707057500012345678\""),
        "gsrn: has a wrong GS1 check digit");
  }

  @Test
  void a_response_for_another_accounting_point_is_rejected() {
    assertRejected(
        EXAMPLE.replace("\"gsrn\":\"707057500012345671\"", "\"gsrn\":\"133700000000000053\""),
        "gsrn: is 133700000000000053");
  }

  @Test
  void end_user_ids_must_match_the_entity_type_and_the_patterns() {
    assertRejected(
        EXAMPLE.replace("\"entity_type\":\"person\"", "\"entity_type\":\"organisation\""),
        "end_user[0].business_id: does not have the shape");
    assertRejected(
        EXAMPLE.replace("15019012317", "1501901231"),
        "end_user[0].business_id: must be an organisation number");
    assertRejected(
        EXAMPLE.replace("\"entity_type\":\"person\"", "\"entity_type\":\"robot\""),
        "end_user[0].entity_type");
  }

  @Test
  void ranges_must_be_ordered_and_must_not_overlap() {
    assertRejected(
        EXAMPLE.replace(
            "\"valid_to\":\"2024-01-01T00:00:00+01:00\"",
            "\"valid_to\":\"2023-01-01T00:00:00+01:00\""),
        "end_user[0].valid_to: must be after");
    assertRejected(
        EXAMPLE.replace(
            "\"valid_to\":\"2024-06-01T00:00:00+02:00\"",
            "\"valid_to\":\"2024-07-01T00:00:00+02:00\""),
        "energy_supplier[0]: overlaps");
    assertRejected(
        EXAMPLE.replace("2024-06-01T00:00:00+02:00\"},", "yesterday\"},"),
        "energy_supplier[0].valid_from: must be an RFC 3339 date-time");
  }

  @Test
  void coordinates_must_be_numbers_in_range_and_come_in_pairs() {
    assertRejected(EXAMPLE.replace("59.9139", "90.5"), "latitude: must be within [-90, 90]");
    assertRejected(EXAMPLE.replace("10.7522", "-180.01"), "longitude: must be within");
    assertRejected(EXAMPLE.replace("59.9139", "\"59.9\""), "latitude: must be a number");
    assertRejected(
        EXAMPLE.replace(",\"longitude\":10.7522", ""),
        "longitude: must be given when the other coordinate is");
  }

  @Test
  void energy_directions_must_be_known_unique_and_one_or_two() {
    assertRejected(
        EXAMPLE.replace("[\"consumption\",\"production\"]", "[]"),
        "energy_direction[0].direction: must be an array of 1 or 2");
    assertRejected(
        EXAMPLE.replace("[\"consumption\",\"production\"]", "[\"consumption\",\"consumption\"]"),
        "energy_direction[0].direction[1]: is a duplicate");
    assertRejected(
        EXAMPLE.replace("[\"consumption\",\"production\"]", "[\"storage\"]"),
        "energy_direction[0].direction[0]");
  }
}
