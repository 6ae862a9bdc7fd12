package org.fis.examples.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's HTTP client against the JDK server the example host uses. */
class RawHttpPusherTest {
  @Test
  void requests_reach_the_server_intact_and_responses_are_read_on_one_connection()
      throws Exception {
    List<String> seen = new ArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/push",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          seen.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestHeaders().getFirst("X-Fis-Device-Id")
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + body);
          byte[] answer = ("{\"n\":" + seen.size() + "}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(seen.size() == 1 ? 200 : 422, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    try (RawHttpPusher client = new RawHttpPusher(server.getAddress().getPort())) {
      RawHttpPusher.Response first =
          client.send(RawHttpPusher.request("/push", "gw-1", "s3cret", "{\"a\":\"é\"}"));
      RawHttpPusher.Response second =
          client.send(RawHttpPusher.request("/push", "gw-1", "s3cret", "{}"));

      assertThat(first).isEqualTo(new RawHttpPusher.Response(200, "{\"n\":1}"));
      assertThat(second).isEqualTo(new RawHttpPusher.Response(422, "{\"n\":2}"));
      assertThat(seen)
          .containsExactly("POST gw-1 Bearer s3cret {\"a\":\"é\"}", "POST gw-1 Bearer s3cret {}");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void a_closed_connection_is_an_error_not_a_hang() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/push", exchange -> exchange.close());
    server.start();
    try (RawHttpPusher client = new RawHttpPusher(server.getAddress().getPort())) {
      assertThatThrownBy(() -> client.send(RawHttpPusher.request("/push", "gw", "s", "{}")))
          .isInstanceOf(IOException.class);
    } finally {
      server.stop(0);
    }
  }
}
