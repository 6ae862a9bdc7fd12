package org.fis.iot.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.fis.iot.IotRequest;
import org.fis.iot.IotResponse;
import org.fis.iot.PollHandler;
import org.fis.iot.PushHandler;
import org.fis.iot.internal.Responses;

/**
 * Serves {@link PushHandler} at {@value #PUSH_PATH} and {@link PollHandler} at {@value #POLL_PATH}
 * on the JDK {@link HttpServer}. A test and demo helper: a production host mounts the handlers in
 * its own HTTP stack (with TLS). Reads at most {@code bodyBytesMax + 1} bytes of a body.
 *
 * <p>Thread-safe; close it to stop the server and its worker threads.
 */
public final class IotHttpServer implements AutoCloseable {
  /** The push path. */
  public static final String PUSH_PATH = "/iot/v1/push";

  /** The poll path. */
  public static final String POLL_PATH = "/iot/v1/poll";

  /** Worker threads serving requests. */
  public static final int THREADS_DEFAULT = 16;

  private final HttpServer server;
  private final ExecutorService executor;
  private final int bodyBytesMax;

  private IotHttpServer(HttpServer server, ExecutorService executor, int bodyBytesMax) {
    this.server = server;
    this.executor = executor;
    this.bodyBytesMax = bodyBytesMax;
  }

  /**
   * Starts a server on a loopback port chosen by the system.
   *
   * @param push the push handler
   * @param poll the poll handler
   * @param bodyBytesMax the largest body to read (as in {@link org.fis.iot.IotConfig})
   * @return the running server
   */
  public static IotHttpServer start(PushHandler push, PollHandler poll, int bodyBytesMax) {
    return start(new InetSocketAddress("127.0.0.1", 0), push, poll, bodyBytesMax, THREADS_DEFAULT);
  }

  /**
   * Starts a server.
   *
   * @param address where to listen
   * @param push the push handler
   * @param poll the poll handler
   * @param bodyBytesMax the largest body to read
   * @param threads worker threads
   * @return the running server
   */
  public static IotHttpServer start(
      InetSocketAddress address,
      PushHandler push,
      PollHandler poll,
      int bodyBytesMax,
      int threads) {
    Objects.requireNonNull(push, "push");
    Objects.requireNonNull(poll, "poll");
    try {
      HttpServer server = HttpServer.create(address, 128);
      ExecutorService executor = Executors.newFixedThreadPool(threads);
      IotHttpServer adapter = new IotHttpServer(server, executor, bodyBytesMax);
      server.createContext(PUSH_PATH, exchange -> adapter.serve(exchange, PUSH_PATH, push::handle));
      server.createContext(POLL_PATH, exchange -> adapter.serve(exchange, POLL_PATH, poll::handle));
      server.setExecutor(executor);
      server.start();
      return adapter;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the IoT HTTP server on " + address, e);
    }
  }

  /** The base URI, e.g. {@code http://127.0.0.1:54321}. */
  public URI baseUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  private void serve(
      HttpExchange exchange,
      String path,
      java.util.function.Function<IotRequest, IotResponse> handler)
      throws IOException {
    try (exchange) {
      // The JDK server matches contexts by prefix: /iot/v1/pushEVIL and /iot/v1/push/../poll
      // reach this context too. Only the exact raw path is the protocol's.
      if (!path.equals(exchange.getRequestURI().getRawPath())) {
        send(exchange, Responses.error(404, "not_found", "no such path; use " + path));
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(bodyBytesMax + 1);
      }
      send(
          exchange,
          handler.apply(
              new IotRequest(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders(),
                  body,
                  exchange.getRemoteAddress().getAddress() == null
                      ? ""
                      : exchange.getRemoteAddress().getAddress().getHostAddress())));
    }
  }

  private static void send(HttpExchange exchange, IotResponse response) throws IOException {
    {
      for (Map.Entry<String, String> header : response.headers().entrySet()) {
        exchange.getResponseHeaders().set(header.getKey(), header.getValue());
      }
      boolean empty = response.body().length == 0;
      exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
      if (!empty) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    }
  }

  /** Stops the server (waiting at most one second for open exchanges) and its threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
