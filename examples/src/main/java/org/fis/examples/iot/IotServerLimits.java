package org.fis.examples.iot;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link IotJettyServer} allows a client: how many connections are open at once, how long a
 * request head and a request body may take, how long a connection may sit idle, and the worker
 * threads that run the handlers.
 *
 * @param connectionsMax connections open at once; beyond it the server stops accepting until one
 *     closes (the operating system's backlog holds the rest)
 * @param headTimeout the longest a request head may take, counted from the connection's opening or
 *     the previous response's end: a client that sends its headers byte by byte is closed then
 * @param bodyTimeout the longest a request body may take after its head: a stalled or crawling body
 *     is answered 408 and its connection closed
 * @param idleTimeout the longest a connection may go without a byte in either direction
 * @param threadsMax worker threads (the handlers block on the database; reading heads and bodies
 *     takes no thread)
 * @param headerBytesMax the largest request head; larger ones are answered 431
 */
public record IotServerLimits(
    int connectionsMax,
    Duration headTimeout,
    Duration bodyTimeout,
    Duration idleTimeout,
    int threadsMax,
    int headerBytesMax) {
  /** Validates the limits. */
  public IotServerLimits {
    positive(connectionsMax, "connectionsMax");
    positive(headTimeout, "headTimeout");
    positive(bodyTimeout, "bodyTimeout");
    positive(idleTimeout, "idleTimeout");
    if (threadsMax < 8) {
      throw new IllegalArgumentException("threadsMax: must be at least 8, got " + threadsMax);
    }
    if (headerBytesMax < 1024) {
      throw new IllegalArgumentException(
          "headerBytesMax: must be at least 1024, got " + headerBytesMax);
    }
  }

  /**
   * The defaults: 2,000 connections, 10 s for a head, 30 s for a body, 10 s idle, 64 threads, 8 kB
   * of head.
   */
  public static IotServerLimits defaults() {
    return new IotServerLimits(
        2_000, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(10), 64, 8192);
  }

  /** A copy with another connection bound. */
  public IotServerLimits withConnectionsMax(int value) {
    return new IotServerLimits(
        value, headTimeout, bodyTimeout, idleTimeout, threadsMax, headerBytesMax);
  }

  /** A copy with other head, body and idle timeouts. */
  public IotServerLimits withTimeouts(Duration head, Duration body, Duration idle) {
    return new IotServerLimits(connectionsMax, head, body, idle, threadsMax, headerBytesMax);
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + ": must be positive, got " + value);
    }
  }

  private static void positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": must be positive, got " + value);
    }
  }
}
