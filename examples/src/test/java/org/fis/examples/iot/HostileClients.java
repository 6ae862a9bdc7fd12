package org.fis.examples.iot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slow and broken HTTP clients on non-blocking sockets, driven by one thread: each keeps its
 * connection busy in its own way and opens a new one when the server closes it.
 *
 * <ul>
 *   <li>{@link Kind#DRIP_HEAD}: sends a push head one byte every tick;
 *   <li>{@link Kind#STALLED_BODY}: a complete head with {@code Content-Length: 166000}, then 100
 *       bytes of body and nothing more;
 *   <li>{@link Kind#STALLED_CHUNK}: a chunked head, a chunk size of 0x8000 and 10 bytes of it;
 *   <li>{@link Kind#BROKEN_CHUNK}: a chunked head and the chunk size {@code zz};
 *   <li>{@link Kind#IDLE}: connects and sends nothing (an idle keep-alive connection).
 * </ul>
 */
final class HostileClients implements AutoCloseable {
  /** How a client misbehaves. */
  enum Kind {
    DRIP_HEAD,
    STALLED_BODY,
    STALLED_CHUNK,
    BROKEN_CHUNK,
    IDLE
  }

  private static final String HEAD =
      "POST /iot/v1/push HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "X-Fis-Device-Id: attacker\r\nAuthorization: Bearer attacker-secret-0123456789\r\n";

  private final class Client {
    final Kind kind;
    volatile SocketChannel channel;
    byte[] script;
    int sent;

    Client(Kind kind) {
      this.kind = kind;
    }

    void open() throws IOException {
      channel = SocketChannel.open();
      channel.connect(new InetSocketAddress("127.0.0.1", port));
      channel.configureBlocking(false);
      opened.incrementAndGet();
      script =
          switch (kind) {
            case DRIP_HEAD ->
                (HEAD + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.UTF_8);
            case STALLED_BODY ->
                (HEAD + "Content-Length: 166000\r\n\r\n" + "[".repeat(100))
                    .getBytes(StandardCharsets.UTF_8);
            case STALLED_CHUNK ->
                (HEAD + "Transfer-Encoding: chunked\r\n\r\n8000\r\n0123456789")
                    .getBytes(StandardCharsets.UTF_8);
            case BROKEN_CHUNK ->
                (HEAD + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            case IDLE -> new byte[0];
          };
      sent = 0;
      if (kind != Kind.DRIP_HEAD) {
        write(script.length);
      }
    }

    /** One tick: drip a byte, notice a closed connection (and open a new one). */
    void tick() throws IOException {
      ByteBuffer sink = ByteBuffer.allocate(4096);
      int read;
      try {
        read = channel.read(sink);
      } catch (IOException reset) {
        read = -1;
      }
      if (read < 0) {
        channel.close();
        closedByServer.incrementAndGet();
        open();
        return;
      }
      if (kind == Kind.DRIP_HEAD && sent < script.length - 1) {
        // Never the last byte: the head stays unfinished.
        write(1);
      }
    }

    private void write(int bytes) throws IOException {
      try {
        sent += channel.write(ByteBuffer.wrap(script, sent, Math.min(bytes, script.length - sent)));
      } catch (IOException reset) {
        // Noticed as closed on the next read.
      }
    }

    boolean isOpen() {
      return channel != null && channel.isOpen();
    }
  }

  private final int port;
  private final long tickMillis;
  private final List<Client> clients = new ArrayList<>();
  private final AtomicInteger opened = new AtomicInteger();
  private final AtomicInteger closedByServer = new AtomicInteger();
  private final Thread driver;
  private volatile boolean running = true;

  /**
   * Opens the clients and starts driving them.
   *
   * @param port the server's loopback port
   * @param tickMillis time between two drip bytes
   * @param counts clients of each kind, in {@link Kind} order
   */
  HostileClients(int port, long tickMillis, int... counts) throws IOException {
    this.port = port;
    this.tickMillis = tickMillis;
    Kind[] kinds = Kind.values();
    for (int k = 0; k < counts.length; k++) {
      for (int i = 0; i < counts[k]; i++) {
        Client client = new Client(kinds[k]);
        client.open();
        clients.add(client);
      }
    }
    driver = new Thread(this::drive, "hostile-clients");
    driver.setDaemon(true);
    driver.start();
  }

  private void drive() {
    while (running) {
      for (Client client : clients) {
        try {
          client.tick();
        } catch (IOException e) {
          // The server refused a new connection for now; the next tick tries again.
        }
      }
      try {
        Thread.sleep(tickMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Connections open now (from the client's side). */
  int open() {
    return (int) clients.stream().filter(Client::isOpen).count();
  }

  /** Connections opened so far, re-openings included. */
  int opened() {
    return opened.get();
  }

  /** Connections the server closed so far. */
  int closedByServer() {
    return closedByServer.get();
  }

  @Override
  public void close() throws Exception {
    running = false;
    driver.interrupt();
    driver.join(5_000);
    for (Client client : clients) {
      if (client.channel != null) {
        client.channel.close();
      }
    }
  }
}
