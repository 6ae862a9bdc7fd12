package org.fis.examples.iot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.fis.examples.bench.ingest.IngestWorkload;
import org.fis.examples.bench.ingest.RawHttpPusher;
import org.fis.iot.IotMigrations;
import org.fis.iot.simulator.IotHttpServer;
import org.fis.iot.simulator.SimulatedGateway;
import org.fis.testing.Await;
import org.fis.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IoT host {@code fis serve} runs, against slow and broken clients: a device still gets its
 * answers at once while hundreds of them are connected, and every deadline and bound closes what
 * does not finish in time, while clients that do finish are served.
 */
class IotJettyServerIT {
  /** How long connecting clients and the server's deadlines may take to be seen. */
  private static final Duration CONNECT_BOUND = Duration.ofSeconds(10);

  private static TestDatabase database;
  private static IngestWorkload workload;

  @BeforeAll
  static void createDatabase() {
    database = TestDatabase.create(IotMigrations::migrate);
    workload = new IngestWorkload(database.jdbi(), 2, 2, "host");
  }

  @AfterAll
  static void dropDatabase() {
    database.close();
  }

  @Test
  void a_device_gets_its_answers_within_a_second_while_200_slow_and_broken_clients_are_connected()
      throws Exception {
    try (IotJettyServer server =
        IotJettyServer.start(workload.push(), workload.poll(), workload.config().bodyBytesMax())) {
      int port = server.baseUri().getPort();
      push(port, 0); // the device's first push pays for PBKDF2 and the JIT, before the clients
      // 60 dripping heads, 50 stalled bodies, 40 stalled chunks, 20 broken chunks, 50 idle.
      try (HostileClients hostile = new HostileClients(port, 100, 60, 50, 40, 20, 50)) {
        Await.until("200 hostile connections open", CONNECT_BOUND, () -> hostile.open() >= 200);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          millis.add(push(port, 0)); // a fresh connection each time
          millis.add(poll(port, 1));
        }
        try (RawHttpPusher keptAlive = new RawHttpPusher(port)) {
          for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertThat(keptAlive.send(pushRequest(1)).status()).isEqualTo(200);
            millis.add((System.nanoTime() - start) / 1_000_000);
          }
        }
        assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(1_000));
        // The clients were there all along: 200 connections open after the device's answers, and
        // the broken chunks were answered and closed (and came back) many times over.
        assertThat(hostile.open()).isGreaterThanOrEqualTo(200);
        assertThat(hostile.closedByServer()).isGreaterThanOrEqualTo(20);
      }
    }
  }

  @Test
  void deadlines_close_dripping_heads_stalled_bodies_and_idle_connections_but_not_prompt_ones()
      throws Exception {
    IotServerLimits limits =
        IotServerLimits.defaults()
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));
    try (IotJettyServer server =
        IotJettyServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            workload.push(),
            workload.poll(),
            workload.config().bodyBytesMax(),
            limits)) {
      int port = server.baseUri().getPort();
      try (HostileClients drip = new HostileClients(port, 100, 5, 0, 0, 0, 0);
          HostileClients stalled = new HostileClients(port, 100, 0, 5, 5, 0, 0);
          HostileClients idle = new HostileClients(port, 100, 0, 0, 0, 0, 5);
          HostileClients broken = new HostileClients(port, 100, 0, 0, 0, 5, 0)) {
        // Broken chunk sizes are answered (400) and closed at once, over and over; well before the
        // one-second deadlines, so the others must all still be open then.
        Await.until(
            "5 broken chunks closed", Duration.ofMillis(900), () -> broken.closedByServer() >= 5);
        assertThat(drip.closedByServer()).isZero();
        assertThat(stalled.closedByServer()).isZero();
        assertThat(idle.closedByServer()).isZero();
        Await.until(
            "the deadlines closed the dripping, stalled and idle connections",
            CONNECT_BOUND,
            () ->
                drip.closedByServer() >= 5
                    && stalled.closedByServer() >= 10
                    && idle.closedByServer() >= 5);
        assertThat(drip.closedByServer()).isGreaterThanOrEqualTo(5);
        assertThat(stalled.closedByServer()).isGreaterThanOrEqualTo(10);
        assertThat(idle.closedByServer()).isGreaterThanOrEqualTo(5);
      }
      // The other side: a kept-alive device that pauses less than the deadlines between its pushes
      // keeps its connection, and one that sends its body in slow parts within the deadline is
      // served.
      try (RawHttpPusher device = new RawHttpPusher(port)) {
        for (int i = 0; i < 3; i++) {
          assertThat(device.send(pushRequest(0)).status()).isEqualTo(200);
          Thread.sleep(400); // the stimulus: a pause shorter than the 2 s idle deadline
        }
      }
      byte[] request = pushRequest(0);
      try (Socket socket = connect(port)) {
        OutputStream out = socket.getOutputStream();
        int half = request.length / 2;
        out.write(request, 0, half);
        out.flush();
        Thread.sleep(300); // the stimulus: a body in two parts, within the 1 s body deadline
        out.write(request, half, request.length - half);
        out.flush();
        assertThat(statusLine(socket.getInputStream())).contains(" 200 ");
      }
      // A stalled body is told why before its connection closes.
      try (Socket socket = connect(port)) {
        socket
            .getOutputStream()
            .write(
                (new String(pushRequest(0), StandardCharsets.ISO_8859_1).substring(0, 400))
                    .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(statusLine(socket.getInputStream())).contains(" 408 ");
      }
    }
  }

  @Test
  void past_the_connection_bound_a_new_client_waits_until_a_connection_closes() throws Exception {
    IotServerLimits limits = IotServerLimits.defaults().withConnectionsMax(20);
    try (IotJettyServer server =
        IotJettyServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            workload.push(),
            workload.poll(),
            workload.config().bodyBytesMax(),
            limits)) {
      int port = server.baseUri().getPort();
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 20; i++) {
          idle.add(connect(port));
        }
        Await.until(
            "the server holds the 20 connections",
            CONNECT_BOUND,
            () -> server.openConnections() >= 20);
        try (Socket late = connect(port)) {
          late.getOutputStream().write(pollRequest(1));
          late.setSoTimeout(700);
          boolean answered;
          try {
            answered = late.getInputStream().read() >= 0;
          } catch (SocketTimeoutException waiting) {
            answered = false;
          }
          assertThat(answered).as("answered beyond the connection bound").isFalse();
          idle.remove(0).close();
          late.setSoTimeout(3_000);
          assertThat(statusLine(late.getInputStream())).contains(" 200 ");
        }
      } finally {
        for (Socket socket : idle) {
          socket.close();
        }
      }
    }
  }

  @Test
  void only_the_exact_paths_are_served() throws Exception {
    try (IotJettyServer server =
        IotJettyServer.start(workload.push(), workload.poll(), workload.config().bodyBytesMax())) {
      int port = server.baseUri().getPort();
      for (String path : List.of("/iot/v1/pushEVIL", "/iot/v1/push/", "/iot/v1/push/../poll")) {
        byte[] request =
            new String(pushRequest(0), StandardCharsets.ISO_8859_1)
                .replaceFirst(IotHttpServer.PUSH_PATH, path)
                .getBytes(StandardCharsets.ISO_8859_1);
        try (RawHttpPusher client = new RawHttpPusher(port)) {
          assertThat(client.send(request).status()).as(path).isIn(400, 404);
        } catch (IOException closed) {
          // Jetty may refuse an ambiguous path by closing after its own 400: not stored either.
        }
      }
      assertThat(push(port, 0)).isLessThan(5_000);
    }
  }

  @Test
  void bodies_over_the_bound_are_answered_413_declared_or_chunked() throws Exception {
    try (IotJettyServer server =
        IotJettyServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            workload.push(),
            workload.poll(),
            1_000,
            IotServerLimits.defaults())) {
      int port = server.baseUri().getPort();
      String head =
          "POST /iot/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n";
      try (Socket socket = connect(port)) {
        socket
            .getOutputStream()
            .write((head + "Content-Length: 1001\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(statusLine(socket.getInputStream())).contains(" 413 ");
      }
      try (Socket socket = connect(port)) {
        String chunk = "x".repeat(600);
        socket
            .getOutputStream()
            .write(
                (head
                        + "Transfer-Encoding: chunked\r\n\r\n258\r\n"
                        + chunk
                        + "\r\n258\r\n"
                        + chunk
                        + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        assertThat(statusLine(socket.getInputStream())).contains(" 413 ");
      }
      // Within the bound, a chunked body is read and handed over whole (here: not JSON, 400).
      try (Socket socket = connect(port)) {
        socket
            .getOutputStream()
            .write(
                (head
                        + "X-Fis-Device-Id: "
                        + workload.deviceId(0)
                        + "\r\nAuthorization: Bearer "
                        + IngestWorkload.SECRET
                        + "\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nnot\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        assertThat(statusLine(socket.getInputStream())).contains(" 400 ");
      }
    }
  }

  @Test
  void failed_authentications_are_throttled_by_the_client_address_the_server_saw()
      throws Exception {
    try (IotJettyServer server =
        IotJettyServer.start(workload.push(), workload.poll(), workload.config().bodyBytesMax())) {
      int port = server.baseUri().getPort();
      poll(port, 1); // the device polls from 127.0.0.1 before the guessing starts
      byte[] wrong =
          ("GET "
                  + IotHttpServer.POLL_PATH
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Fis-Device-Id: "
                  + workload.deviceId(1)
                  + "\r\nAuthorization: Bearer not-the-secret-0123456789\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      List<Integer> statuses = new ArrayList<>();
      // The guesser connects from 127.0.0.2 (all of 127/8 is loopback on Linux).
      try (Socket socket = new Socket()) {
        socket.bind(new InetSocketAddress("127.0.0.2", 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        for (int i = 0; i < 30; i++) {
          socket.getOutputStream().write(wrong);
          statuses.add(readStatusAndBody(socket.getInputStream()));
        }
      }
      assertThat(statuses.subList(0, 20)).containsOnly(401);
      assertThat(statuses.get(29)).isEqualTo(429);
      // The device, from 127.0.0.1 where it polled before, is not slowed.
      assertThat(poll(port, 1)).isLessThan(1_000);
    }
  }

  /** Reads one response (head and Content-Length body) from a kept-alive connection. */
  private static int readStatusAndBody(InputStream in) throws IOException {
    String status = statusLine(in);
    int length = 0;
    for (String line = statusLine(in); !line.isBlank(); line = statusLine(in)) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
    return Integer.parseInt(status.substring(9, 12));
  }

  private static long push(int port, int device) throws IOException {
    long start = System.nanoTime();
    try (RawHttpPusher client = new RawHttpPusher(port)) {
      RawHttpPusher.Response response = client.send(pushRequest(device));
      assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long poll(int port, int device) throws IOException {
    long start = System.nanoTime();
    try (RawHttpPusher client = new RawHttpPusher(port)) {
      RawHttpPusher.Response response = client.send(pollRequest(device));
      assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static synchronized byte[] pushRequest(int device) {
    SimulatedGateway gateway = workload.gatewayFor(device, java.net.URI.create("http://unused/"));
    return RawHttpPusher.request(
        IotHttpServer.PUSH_PATH,
        workload.deviceId(device),
        IngestWorkload.SECRET,
        gateway.body(workload.nextBatch(device), IngestWorkload.START));
  }

  private static byte[] pollRequest(int device) {
    return ("GET "
            + IotHttpServer.POLL_PATH
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Fis-Device-Id: "
            + workload.deviceId(device)
            + "\r\nAuthorization: Bearer "
            + IngestWorkload.SECRET
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(5_000);
    return socket;
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
      line.append((char) b);
    }
    return line.toString();
  }
}
