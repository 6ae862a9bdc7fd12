package org.fis.examples.iot;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.fis.iot.IotRequest;
import org.fis.iot.IotResponse;
import org.fis.iot.PollHandler;
import org.fis.iot.PushHandler;
import org.fis.iot.simulator.IotHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link PushHandler} at {@value IotHttpServer#PUSH_PATH} and {@link PollHandler} at {@value
 * IotHttpServer#POLL_PATH} on Jetty 12 (its core API, no servlets): the server {@code fis serve}
 * runs and the one a host can copy when it has no HTTP stack of its own.
 *
 * <p>Why Jetty and not the JDK's {@code com.sun.net.httpserver}: the JDK server reads every request
 * head and body on a worker thread with blocking reads, so each client that sends its headers byte
 * by byte or stalls its body holds a thread, and it has no per-request read deadline a host can set
 * (only JVM-wide system properties with a one-second timer). Jetty reads heads and bodies without a
 * thread (non-blocking I/O); this class adds the deadlines of {@link IotServerLimits}: a request
 * head must arrive within {@code headTimeout}, a body within {@code bodyTimeout}, an idle
 * connection closes after {@code idleTimeout}, and at most {@code connectionsMax} connections are
 * open. A request's body is read in full (at most {@code bodyBytesMax} bytes, 413 beyond) before
 * the handler runs on a worker thread.
 *
 * <p>Plain HTTP: terminate TLS in front of it. Thread-safe; close it to stop.
 */
public final class IotJettyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IotJettyServer.class);

  private static final int INPUT_BUFFER_BYTES = 64 * 1024;

  private static final long PREALLOCATED_BYTES_MAX = 1024 * 1024;

  private final Server server;
  private final ServerConnector connector;

  private IotJettyServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
  }

  /**
   * Starts a server on a loopback port chosen by the system, with the default limits.
   *
   * @param push the push handler
   * @param poll the poll handler
   * @param bodyBytesMax the largest body to read (as in {@link org.fis.iot.IotConfig})
   * @return the running server
   */
  public static IotJettyServer start(PushHandler push, PollHandler poll, int bodyBytesMax) {
    return start(
        new InetSocketAddress("127.0.0.1", 0),
        push,
        poll,
        bodyBytesMax,
        IotServerLimits.defaults());
  }

  /**
   * Starts a server.
   *
   * @param address where to listen
   * @param push the push handler
   * @param poll the poll handler
   * @param bodyBytesMax the largest body to read
   * @param limits connection bound, timeouts and threads
   * @return the running server
   */
  public static IotJettyServer start(
      InetSocketAddress address,
      PushHandler push,
      PollHandler poll,
      int bodyBytesMax,
      IotServerLimits limits) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(push, "push");
    Objects.requireNonNull(poll, "poll");
    Objects.requireNonNull(limits, "limits");
    if (bodyBytesMax < 1) {
      throw new IllegalArgumentException("bodyBytesMax: must be positive, got " + bodyBytesMax);
    }
    QueuedThreadPool threads = new QueuedThreadPool(limits.threadsMax(), 4);
    threads.setName("fis-iot-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    http.setRequestHeaderSize(limits.headerBytesMax());
    // Bodies of 100 kB and more are the rule: read them in a few large reads, not 8 kB ones (each
    // read that finds no more bytes costs a wake-up and a thread hop).
    http.setInputBufferSize(INPUT_BUFFER_BYTES);
    HttpConnectionFactory factory = new HttpConnectionFactory(http);
    factory.setInputBufferSize(INPUT_BUFFER_BYTES);
    ServerConnector connector = new ServerConnector(server, 1, 1, factory);
    connector.setHost(address.getHostString());
    connector.setPort(address.getPort());
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    HeadDeadlines heads = new HeadDeadlines(server.getScheduler(), limits.headTimeout().toMillis());
    connector.addBean(heads);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(limits.connectionsMax(), connector));
    server.setHandler(new IotHandler(push, poll, bodyBytesMax, limits, heads));
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException("cannot start the IoT HTTP server on " + address, e);
    }
    return new IotJettyServer(server, connector);
  }

  /** The base URI, e.g. {@code http://127.0.0.1:54321}. */
  public URI baseUri() {
    return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort());
  }

  /** Connections open right now (accepted and not yet closed), for health checks and tests. */
  public int openConnections() {
    return connector.getConnectedEndPoints().size();
  }

  /** Stops the server (waiting at most one second for open exchanges) and its threads. */
  @Override
  public void close() {
    server.setStopTimeout(1_000);
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping the IoT HTTP server failed", e);
    }
  }

  /**
   * Closes connections whose next request head has not arrived within the head timeout, counted
   * from the connection's opening or its previous response. Idle keep-alive connections close then
   * too.
   */
  private static final class HeadDeadlines implements Connection.Listener {
    private static final Object IN_REQUEST = new Object();

    private final Map<Connection, Object> waiting = new ConcurrentHashMap<>();
    private final Scheduler scheduler;
    private final long timeoutMillis;

    HeadDeadlines(Scheduler scheduler, long timeoutMillis) {
      this.scheduler = scheduler;
      this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void onOpened(Connection connection) {
      awaitHead(connection);
    }

    @Override
    public void onClosed(Connection connection) {
      waiting.remove(connection);
    }

    /** The connection waits for a request head from now on. */
    void awaitHead(Connection connection) {
      Object token = new Object();
      waiting.put(connection, token);
      scheduler.schedule(
          () -> {
            if (waiting.remove(connection, token)) {
              connection.getEndPoint().close();
            }
          },
          timeoutMillis,
          TimeUnit.MILLISECONDS);
    }

    /** A request head arrived on the connection. */
    void headArrived(Connection connection) {
      waiting.computeIfPresent(connection, (c, token) -> IN_REQUEST);
    }
  }

  /** Routes by exact path, reads the body within its deadline, runs the handler, answers. */
  private static final class IotHandler extends Handler.Abstract {
    private final Function<IotRequest, IotResponse> push;
    private final Function<IotRequest, IotResponse> poll;
    private final int bodyBytesMax;
    private final long bodyTimeoutMillis;
    private final HeadDeadlines heads;

    IotHandler(
        PushHandler push,
        PollHandler poll,
        int bodyBytesMax,
        IotServerLimits limits,
        HeadDeadlines heads) {
      this.push = push::handle;
      this.poll = poll::handle;
      this.bodyBytesMax = bodyBytesMax;
      this.bodyTimeoutMillis = limits.bodyTimeout().toMillis();
      this.heads = heads;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Connection connection = request.getConnectionMetaData().getConnection();
      heads.headArrived(connection);
      Callback done =
          Callback.from(
              () -> {
                heads.awaitHead(connection);
                callback.succeeded();
              },
              callback::failed);
      String path = request.getHttpURI().getPath();
      Function<IotRequest, IotResponse> handler =
          IotHttpServer.PUSH_PATH.equals(path)
              ? push
              : IotHttpServer.POLL_PATH.equals(path) ? poll : null;
      if (handler == null) {
        // Exact paths only: /iot/v1/pushEVIL and /iot/v1/push/../poll are not the protocol's.
        send(
            response,
            done,
            error(404, "not_found", "no such path; use the push or poll path"),
            false);
        return true;
      }
      long length = request.getLength();
      if (length > bodyBytesMax) {
        send(
            response,
            done,
            error(413, "too_large", "body exceeds " + bodyBytesMax + " bytes"),
            true);
        return true;
      }
      BodyRead read = new BodyRead(request, response, done, handler, length);
      read.deadline =
          getServer()
              .getScheduler()
              .schedule(read::expire, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
      read.run();
      return true;
    }

    /** One request's body, read chunk by chunk as it arrives (no thread waits for it). */
    private final class BodyRead implements Runnable {
      private final Request request;
      private final Response response;
      private final Callback done;
      private final Function<IotRequest, IotResponse> handler;
      private byte[] body;
      private int size;
      private final AtomicBoolean answered = new AtomicBoolean();
      private volatile Scheduler.Task deadline;

      BodyRead(
          Request request,
          Response response,
          Callback done,
          Function<IotRequest, IotResponse> handler,
          long length) {
        this.request = request;
        this.response = response;
        this.done = done;
        this.handler = handler;
        // The declared length (at most bodyBytesMax, checked before) is the whole array, so a
        // typical body is not copied; but a declaration is not the bytes: at most 1 MiB up front.
        this.body = new byte[length >= 0 ? (int) Math.min(length, PREALLOCATED_BYTES_MAX) : 8192];
      }

      @Override
      public void run() {
        while (true) {
          Content.Chunk chunk = request.read();
          if (chunk == null) {
            request.demand(this);
            return;
          }
          if (Content.Chunk.isFailure(chunk)) {
            answerOnce(error(400, "malformed", "the request body cannot be read"), true);
            return;
          }
          ByteBuffer bytes = chunk.getByteBuffer();
          int n = bytes.remaining();
          if ((long) size + n > bodyBytesMax) {
            chunk.release();
            answerOnce(error(413, "too_large", "body exceeds " + bodyBytesMax + " bytes"), true);
            return;
          }
          if (size + n > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(bodyBytesMax, Math.max(size + n, 2L * size)));
          }
          bytes.get(body, size, n);
          size += n;
          boolean last = chunk.isLast();
          chunk.release();
          if (last) {
            if (answered.compareAndSet(false, true)) {
              cancelDeadline();
              IotResponse answer;
              try {
                answer = handler.apply(iotRequest());
              } catch (RuntimeException e) {
                LOG.error("IoT handler failed on {}", request.getHttpURI().getPath(), e);
                answer = error(500, "internal_error", "the server failed; nothing was stored");
              }
              send(response, done, answer, false);
            }
            return;
          }
        }
      }

      /** The body deadline passed: 408, and the connection closes. */
      void expire() {
        if (answered.compareAndSet(false, true)) {
          send(
              response,
              done,
              error(
                  408,
                  "request_timeout",
                  "the body did not arrive within " + bodyTimeoutMillis + " ms"),
              true);
        }
      }

      private void answerOnce(IotResponse answer, boolean close) {
        if (answered.compareAndSet(false, true)) {
          cancelDeadline();
          send(response, done, answer, close);
        }
      }

      private void cancelDeadline() {
        Scheduler.Task task = deadline;
        if (task != null) {
          task.cancel();
        }
      }

      private IotRequest iotRequest() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
          headers.computeIfAbsent(field.getName(), n -> new ArrayList<>()).add(field.getValue());
        }
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        String source =
            remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : "";
        return new IotRequest(
            request.getMethod(),
            request.getHttpURI().getPath(),
            headers,
            size == body.length ? body : Arrays.copyOf(body, size),
            source);
      }
    }

    private static void send(
        Response response, Callback callback, IotResponse answer, boolean close) {
      response.setStatus(answer.status());
      for (Map.Entry<String, String> header : answer.headers().entrySet()) {
        response.getHeaders().put(header.getKey(), header.getValue());
      }
      if (close) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
      }
      response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    private static IotResponse error(int status, String kind, String reason) {
      String json =
          "{\"status\":\"" + kind + "\",\"reason\":\"" + reason.replace("\"", "'") + "\"}";
      return new IotResponse(
          status,
          Map.of("Content-Type", "application/json; charset=utf-8", "Cache-Control", "no-store"),
          json.getBytes(StandardCharsets.UTF_8));
    }
  }
}
