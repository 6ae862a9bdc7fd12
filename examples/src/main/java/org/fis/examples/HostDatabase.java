package org.fis.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.fis.testing.EmbeddedPostgres;
import org.jdbi.v3.core.Jdbi;

/**
 * The example host's database: an external PostgreSQL given by {@code --jdbc-url}, or an embedded
 * one started for the run and deleted afterwards.
 */
public final class HostDatabase implements AutoCloseable {
  /** Connection pool size of the example host. */
  public static final int POOL_SIZE_MAX = 24;

  /** The longest a request waits for a pooled connection, in milliseconds. */
  public static final long CONNECTION_TIMEOUT_MILLIS = 1_000;

  private final EmbeddedPostgres embedded;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final String description;

  private HostDatabase(EmbeddedPostgres embedded, HikariDataSource dataSource, String description) {
    this.embedded = embedded;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.description = description;
  }

  /**
   * Opens the host database.
   *
   * @param jdbcUrl an external PostgreSQL, or {@code null} to start an embedded one
   * @param out where progress is printed
   * @return the database; close it to release (and, when embedded, delete) it
   * @throws IllegalStateException with a clear message when the database cannot be reached
   */
  public static HostDatabase open(String jdbcUrl, PrintStream out) {
    if (jdbcUrl != null) {
      if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
        throw new IllegalArgumentException(
            "--jdbc-url: expected jdbc:postgresql://host:port/database?user=..., got " + jdbcUrl);
      }
      HikariDataSource pool = pool(jdbcUrl);
      String safeUrl = jdbcUrl.replaceAll("password=[^&]*", "password=***");
      return new HostDatabase(null, pool, "PostgreSQL at " + safeUrl);
    }
    out.println("Starting embedded PostgreSQL ...");
    EmbeddedPostgres embedded = EmbeddedPostgres.start();
    try (Connection connection = embedded.connect("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE fis TEMPLATE template0 ENCODING 'UTF8'");
    } catch (SQLException e) {
      embedded.close();
      throw new IllegalStateException("Cannot create the demo database", e);
    }
    HikariDataSource pool = pool(embedded.jdbcUrl("fis"));
    return new HostDatabase(
        embedded,
        pool,
        "embedded PostgreSQL 17 on 127.0.0.1:" + embedded.port() + ", database fis");
  }

  private static HikariDataSource pool(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(POOL_SIZE_MAX);
    config.setMinimumIdle(0);
    config.setPoolName("fis-host");
    // Fail at once with a clear message rather than retrying an unreachable server.
    config.setInitializationFailTimeout(1);
    // A request waits at most this long for a connection: when the database is down, the IoT
    // handlers answer 503 with Retry-After after it (5 s before: a device's timeout), and under
    // overload they shed load rather than queue.
    config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Cannot connect to the database at "
              + jdbcUrl.replaceAll("password=[^&]*", "password=***")
              + " (is it running and reachable?)",
          e);
    }
  }

  /** The pool. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** A Jdbi on the pool. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** Where the database is, for messages. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    dataSource.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
