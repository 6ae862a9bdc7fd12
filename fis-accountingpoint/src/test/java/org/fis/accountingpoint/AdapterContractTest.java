package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.accountingpoint.simulator.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our client and our simulator against the module's own OpenAPI document of the adapter contract
 * ({@code org/fis/accountingpoint/accountingpoint-adapter.openapi.yaml}, copied to {@code
 * docs/contracts/}): the path, method, parameters and headers the client sends, the status codes
 * and media types it accepts, the required fields it reads; and the answers the simulator writes,
 * validated against the document's schema (the subset of OpenAPI 3.0 schema keywords it uses).
 */
class AdapterContractTest {
  private static final String RESOURCE =
      "org/fis/accountingpoint/accountingpoint-adapter.openapi.yaml";
  private static final String PATH = "/accounting_point/{gsrn}";
  private static final String KEY = "contract-key";
  private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode document;
  private static JsonNode operation;
  private static AdapterSimulator simulator;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        AdapterContractTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      document = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    operation = document.path("paths").path(PATH).path("get");
    simulator = AdapterSimulator.start(KEY, 4);
    simulator.generate(5, FROM);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static JsonNode parameter(String in, String name) {
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("in").asText().equals(in)
          && parameter.path("name").asText().equals(name)) {
        return parameter;
      }
    }
    throw new AssertionError("the document has no " + in + " parameter " + name);
  }

  private static Set<String> mediaTypes(String status) {
    Set<String> types = new HashSet<>();
    operation
        .path("responses")
        .path(status)
        .path("content")
        .fieldNames()
        .forEachRemaining(types::add);
    return types;
  }

  @Test
  void the_document_is_openapi_3_with_one_get_operation_and_bearer_security() {
    assertThat(document.path("openapi").asText()).startsWith("3.0");
    assertThat(iterable(document.path("paths").fieldNames())).containsExactly(PATH);
    assertThat(iterable(document.path("paths").path(PATH).fieldNames())).containsExactly("get");
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
    assertThat(mediaTypes("200")).containsExactly("application/json");
  }

  @Test
  void the_in_repository_copy_in_docs_is_the_same_document() throws IOException {
    Path docs = Path.of("..", "docs", "contracts", "accountingpoint-adapter.openapi.yaml");
    try (InputStream in =
        AdapterContractTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      assertThat(Files.readString(docs))
          .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  /** A loopback server that records the client's request and answers what the test says. */
  private static final class RecordingServer implements AutoCloseable {
    final HttpServer server;
    final AtomicReference<HttpExchangeRecord> last = new AtomicReference<>();
    volatile int status = 200;
    volatile String contentType = "application/json";
    volatile String body = "";

    RecordingServer() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
      server.createContext("/", this::handle);
      server.start();
    }

    URI baseUri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        Map<String, String> query = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
          int eq = pair.indexOf('=');
          query.put(
              pair.substring(0, eq),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        last.set(
            new HttpExchangeRecord(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                query,
                exchange.getRequestHeaders().getFirst("Accept"),
                exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  private record HttpExchangeRecord(
      String method, String path, Map<String, String> query, String accept, String authorization) {}

  private static AdapterClient client(URI base) {
    return AdapterClient.create(
        AdapterConfig.defaults(base, KEY)
            .withAttemptsMax(1)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)),
        Clock.systemUTC(),
        SyncMetrics.NONE);
  }

  @Test
  void the_client_sends_the_documented_method_path_parameters_and_headers() throws IOException {
    Gsrn gsrn = AdapterSimulator.gsrnAt(1);
    try (RecordingServer server = new RecordingServer()) {
      server.body = JSON.writeValueAsString(simulatorBody(gsrn));
      client(server.baseUri()).fetch(gsrn, FROM);

      HttpExchangeRecord request = server.last.get();
      assertThat(request.method()).isEqualToIgnoringCase("GET");
      assertThat(request.path()).isEqualTo(PATH.replace("{gsrn}", gsrn.value()));
      assertThat(gsrn.value()).matches(parameter("path", "gsrn").at("/schema/pattern").asText());
      for (JsonNode parameter : operation.path("parameters")) {
        if (parameter.path("in").asText().equals("query")) {
          String name = parameter.path("name").asText();
          if (parameter.path("required").asBoolean()) {
            assertThat(request.query()).containsKey(name);
          }
          if (request.query().containsKey(name)
              && parameter.at("/schema/format").asText().equals("date-time")) {
            assertThat(OffsetDateTime.parse(request.query().get(name)).toInstant()).isEqualTo(FROM);
          }
        }
      }
      assertThat(request.query().keySet())
          .allMatch(name -> parameterExists("query", name), "every query parameter is documented");
      assertThat(iterable(parameter("header", "Accept").at("/schema/enum").elements()))
          .extracting(JsonNode::asText)
          .contains(request.accept());
      assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
    }
  }

  private static boolean parameterExists(String in, String name) {
    for (JsonNode parameter : operation.path("parameters")) {
      if (parameter.path("in").asText().equals(in)
          && parameter.path("name").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  @Test
  void the_client_reads_every_documented_status_code_as_the_document_describes()
      throws IOException {
    Gsrn gsrn = AdapterSimulator.gsrnAt(1);
    Map<String, Class<? extends FetchResult>> expected =
        Map.of(
            "200", FetchResult.Found.class,
            "401", FetchResult.Failed.class,
            "403", FetchResult.Failed.class,
            "404", FetchResult.NotFound.class,
            "429", FetchResult.Failed.class,
            "500", FetchResult.Failed.class,
            "503", FetchResult.Failed.class);
    List<String> documented = new ArrayList<>();
    operation.path("responses").fieldNames().forEachRemaining(documented::add);
    assertThat(documented).containsAll(expected.keySet()).contains("default");
    try (RecordingServer server = new RecordingServer()) {
      for (Map.Entry<String, Class<? extends FetchResult>> entry : expected.entrySet()) {
        server.status = Integer.parseInt(entry.getKey());
        server.contentType = mediaTypes(entry.getKey()).iterator().next();
        server.body =
            server.status == 200 ? JSON.writeValueAsString(simulatorBody(gsrn)) : "problem";
        assertThat(client(server.baseUri()).fetch(gsrn, FROM))
            .as("HTTP %s", entry.getKey())
            .isInstanceOf(entry.getValue());
      }
    }
  }

  @Test
  void the_client_rejects_a_body_missing_any_required_field_and_accepts_one_without_optionals()
      throws IOException {
    Gsrn gsrn = AdapterSimulator.gsrnAt(2);
    JsonNode schema = document.at("/components/schemas/accounting_point");
    try (RecordingServer server = new RecordingServer()) {
      AdapterClient client = client(server.baseUri());
      for (JsonNode required : schema.path("required")) {
        ObjectNode body = simulatorBody(gsrn);
        body.remove(required.asText());
        server.body = JSON.writeValueAsString(body);
        FetchResult result = client.fetch(gsrn, FROM);
        assertThat(result).as(required.asText()).isInstanceOf(FetchResult.Failed.class);
        assertThat(((FetchResult.Failed) result).message()).contains(required.asText());
      }
      ObjectNode minimal = simulatorBody(gsrn);
      Iterator<String> names = schema.path("properties").fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!contains(schema.path("required"), name)) {
          minimal.remove(name);
        }
      }
      server.body = JSON.writeValueAsString(minimal);
      assertThat(client.fetch(gsrn, FROM)).isInstanceOf(FetchResult.Found.class);
    }
  }

  @Test
  void every_answer_of_the_simulator_is_documented_and_its_200_bodies_match_the_schema()
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> ok = get(http, AdapterSimulator.gsrnAt(i), KEY);
      assertDocumented(ok);
      List<String> problems = new ArrayList<>();
      validate(
          JSON.readTree(ok.body()),
          document.at("/components/schemas/accounting_point"),
          "",
          problems);
      assertThat(problems).as("simulator body %d", i).isEmpty();
    }
    assertDocumented(get(http, AdapterSimulator.gsrnAt(999), KEY));
    assertDocumented(get(http, AdapterSimulator.gsrnAt(1), "wrong-key"));
    for (Fault fault :
        List.of(
            Fault.of(Fault.Kind.SERVER_ERROR),
            Fault.of(Fault.Kind.UNAVAILABLE),
            Fault.of(Fault.Kind.FORBIDDEN),
            Fault.rateLimited(Duration.ofSeconds(1)))) {
      simulator.inject(AdapterSimulator.gsrnAt(1), fault, 1);
      HttpResponse<String> answer = get(http, AdapterSimulator.gsrnAt(1), KEY);
      assertDocumented(answer);
      JsonNode headers =
          operation.path("responses").path(Integer.toString(answer.statusCode())).path("headers");
      headers
          .fieldNames()
          .forEachRemaining(h -> assertThat(answer.headers().firstValue(h)).isPresent());
    }
  }

  private static HttpResponse<String> get(HttpClient http, Gsrn gsrn, String key)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    simulator.baseUri()
                        + PATH.replace("{gsrn}", gsrn.value())
                        + "?valid_from="
                        + FROM))
            .header("Authorization", "Bearer " + key)
            .header("Accept", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertDocumented(HttpResponse<String> answer) {
    String status = Integer.toString(answer.statusCode());
    assertThat(operation.path("responses").has(status)).as("HTTP %s documented", status).isTrue();
    String type = answer.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
    assertThat(mediaTypes(status)).as("media type of HTTP %s", status).contains(type);
  }

  private static ObjectNode simulatorBody(Gsrn gsrn) throws IOException {
    try {
      return (ObjectNode) JSON.readTree(get(HttpClient.newHttpClient(), gsrn, KEY).body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** Validates {@code value} against the OpenAPI 3.0 schema keywords the document uses. */
  private static void validate(JsonNode value, JsonNode schema, String at, List<String> problems) {
    if (schema.has("$ref")) {
      validate(value, document.at(schema.get("$ref").asText().substring(1)), at, problems);
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean()) {
        problems.add(at + ": null but not nullable");
      }
      return;
    }
    String type = schema.path("type").asText();
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          problems.add(at + ": not an object");
          return;
        }
        for (JsonNode required : schema.path("required")) {
          if (!value.has(required.asText())) {
            problems.add(at + "." + required.asText() + ": required but missing");
          }
        }
        value
            .fieldNames()
            .forEachRemaining(
                name -> {
                  if (schema.path("properties").has(name)) {
                    validate(
                        value.get(name),
                        schema.path("properties").get(name),
                        at + "." + name,
                        problems);
                  }
                });
      }
      case "array" -> {
        if (!value.isArray()) {
          problems.add(at + ": not an array");
          return;
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
          problems.add(at + ": fewer than minItems");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
          problems.add(at + ": more than maxItems");
        }
        if (schema.path("uniqueItems").asBoolean()) {
          Set<JsonNode> seen = new HashSet<>();
          value.forEach(
              item -> {
                if (!seen.add(item)) problems.add(at + ": duplicate item");
              });
        }
        for (int i = 0; i < value.size(); i++) {
          validate(value.get(i), schema.path("items"), at + "[" + i + "]", problems);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          problems.add(at + ": not a string");
          return;
        }
        if (schema.has("pattern") && !value.asText().matches(schema.get("pattern").asText())) {
          problems.add(at + ": does not match " + schema.get("pattern").asText());
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value.asText())) {
          problems.add(at + ": not in the enum");
        }
        if (schema.path("format").asText().equals("date-time")) {
          try {
            OffsetDateTime.parse(value.asText());
          } catch (RuntimeException e) {
            problems.add(at + ": not a date-time");
          }
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          problems.add(at + ": not a number");
          return;
        }
        if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
          problems.add(at + ": below minimum");
        }
        if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
          problems.add(at + ": above maximum");
        }
      }
      default -> problems.add(at + ": schema type " + type + " not handled by this validator");
    }
  }

  private static boolean contains(JsonNode array, String text) {
    for (JsonNode item : array) {
      if (item.asText().equals(text)) {
        return true;
      }
    }
    return false;
  }

  private static <T> List<T> iterable(Iterator<T> iterator) {
    List<T> list = new ArrayList<>();
    iterator.forEachRemaining(list::add);
    return list;
  }
}
