package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fis.iot.internal.PushParser;
import org.junit.jupiter.api.Test;

class PushProtocolSchemaTest {
  private static byte[] resource() throws Exception {
    try (InputStream in = PushHandler.class.getResourceAsStream("iot-push-protocol.schema.json")) {
      return in.readAllBytes();
    }
  }

  @Test
  void the_published_schema_describes_the_protocol_the_parser_speaks() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(resource());

    assertThat(schema.at("/properties/protocol/const").asText()).isEqualTo(PushParser.PROTOCOL);
    assertThat(schema.at("/additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.at("/properties/measurements/maxItems").asInt())
        .isEqualTo(IotConfig.BATCH_SIZE_MAX_DEFAULT);
    assertThat(schema.at("/$defs/measurement/properties/values/maxProperties").asInt())
        .isEqualTo(MeterModel.REGISTERS_MAX);
  }

  @Test
  void the_schema_example_is_accepted_by_the_parser() throws Exception {
    JsonNode example = new ObjectMapper().readTree(resource()).at("/examples/0");

    PushParser.Parsed parsed =
        new PushParser(IotConfig.defaults())
            .parse(example.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(parsed.batchBroken()).isFalse();
    assertThat(parsed.errors()).isEmpty();
    assertThat(parsed.measurements()).hasSize(1);
  }

  @Test
  void the_copy_in_docs_is_identical_to_the_module_resource() throws Exception {
    Path docs = Path.of("..", "docs", "iot-push-protocol.schema.json");
    assertThat(Files.exists(docs)).as("docs/iot-push-protocol.schema.json exists").isTrue();
    assertThat(Files.readAllBytes(docs)).isEqualTo(resource());
  }
}
