package org.fis.examples.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fis.examples.HostDatabase;
import org.fis.examples.bench.ingest.IngestWorkload;
import org.fis.iot.IotMigrations;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.testing.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * With the database gone, {@code fis serve}'s host answers pushes and polls 503 with a {@code
 * Retry-After} within about the pool's connection timeout, not after a device's own timeout.
 */
class DatabaseOutageIT {
  @Test
  void with_the_database_down_a_push_and_a_poll_are_answered_503_with_retry_after_within_2_s()
      throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.start();
    try (HostDatabase database =
        HostDatabase.open(
            postgres.jdbcUrl("postgres"),
            new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8))) {
      IotMigrations.migrate(database.dataSource());
      IngestWorkload workload = new IngestWorkload(database.jdbi(), 1, 1, "outage");
      try (IotJettyServer server =
          IotJettyServer.start(
              workload.push(), workload.poll(), workload.config().bodyBytesMax())) {
        int port = server.baseUri().getPort();
        assertThat(exchange(port, push(workload)).status()).isEqualTo(200);

        postgres.close();

        for (int i = 0; i < 3; i++) {
          for (byte[] request : List.of(push(workload), poll(workload))) {
            long start = System.nanoTime();
            Answer answer = exchange(port, request);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.status()).as(answer.head()).isEqualTo(503);
            assertThat(answer.headers()).containsEntry("retry-after", "5");
            assertThat(millis).isLessThan(2_000);
          }
        }
      }
    } finally {
      postgres.close();
    }
  }

  private record Answer(int status, String head, Map<String, String> headers) {}

  private static Answer exchange(int port, byte[] request) throws IOException {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request);
      StringBuilder head = new StringBuilder();
      var in = socket.getInputStream();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.append((char) b);
      }
      Map<String, String> headers = new TreeMap<>();
      for (String line : head.toString().split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(
              line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
              line.substring(colon + 1).trim());
        }
      }
      return new Answer(Integer.parseInt(head.substring(9, 12)), head.toString(), headers);
    }
  }

  private static byte[] push(IngestWorkload workload) {
    return org.fis.examples.bench.ingest.RawHttpPusher.request(
        IotHttpServer.PUSH_PATH,
        workload.deviceId(0),
        IngestWorkload.SECRET,
        workload
            .gatewayFor(0, java.net.URI.create("http://unused/"))
            .body(workload.nextBatch(0), IngestWorkload.START));
  }

  private static byte[] poll(IngestWorkload workload) {
    return ("GET "
            + IotHttpServer.POLL_PATH
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Fis-Device-Id: "
            + workload.deviceId(0)
            + "\r\nAuthorization: Bearer "
            + IngestWorkload.SECRET
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
