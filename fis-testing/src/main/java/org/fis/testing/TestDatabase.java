package org.fis.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A fresh, empty PostgreSQL database with the named module migrations applied, for one test class
 * (or one jqwik container, which does not run JUnit Jupiter extensions).
 *
 * <p>The database lives on the JVM's shared {@link EmbeddedPostgres}, or, when the environment
 * variable {@value #EXTERNAL_URL_VARIABLE} holds a JDBC URL with rights to create databases, on
 * that server instead. Every pooled connection has the session time zone {@value
 * #SESSION_TIME_ZONE}, deliberately not UTC, so that code which relies on the session zone fails in
 * tests. {@link #close()} closes the pool and drops the database.
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabase.create(LedgerMigrations::migrate)) {
 *   db.jdbi().useHandle(handle -> ...);
 * }
 * }</pre>
 *
 * <p>Thread-safe: the pool may be used from many threads.
 */
public final class TestDatabase implements AutoCloseable {
  /** Environment variable naming an external server to use instead of the embedded one. */
  public static final String EXTERNAL_URL_VARIABLE = "FIS_TEST_JDBC_URL";

  /** The session time zone of every pooled connection. */
  public static final String SESSION_TIME_ZONE = "Pacific/Chatham";

  /** Pool size of {@link #dataSource()}: enough for the suite's concurrency tests. */
  public static final int POOL_SIZE_MAX = 40;

  private static final AtomicLong SEQUENCE = new AtomicLong();
  private static final Pattern URL_SHAPE =
      Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");

  private final String name;
  private final String adminUrl;
  private final String url;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  private TestDatabase(String name, String adminUrl, String url, HikariDataSource dataSource) {
    this.name = name;
    this.adminUrl = adminUrl;
    this.url = url;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
  }

  /**
   * Creates a fresh database and applies the given migrations in order.
   *
   * @param migrations the module migrations, e.g. {@code LedgerMigrations::migrate}
   * @return the database; close it to drop it
   */
  public static TestDatabase create(Migration... migrations) {
    return create(List.of(migrations));
  }

  /**
   * Creates a fresh database and applies the given migrations in order.
   *
   * @param migrations the module migrations
   * @return the database; close it to drop it
   */
  public static TestDatabase create(List<Migration> migrations) {
    Objects.requireNonNull(migrations, "migrations");
    String adminUrl = adminUrl();
    String name = "fis_t_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
    execute(adminUrl, "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
    String url = withDatabase(adminUrl, name);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(POOL_SIZE_MAX);
    config.setMinimumIdle(0);
    config.setPoolName("fis-test-" + name);
    config.setConnectionInitSql("SET TIME ZONE '" + SESSION_TIME_ZONE + "'");
    TestDatabase database = new TestDatabase(name, adminUrl, url, new HikariDataSource(config));
    try {
      for (Migration migration : migrations) {
        migration.migrate(database.dataSource);
      }
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    return database;
  }

  /** The database name. */
  public String name() {
    return name;
  }

  /** The JDBC URL of this database (including credentials as query parameters, if any). */
  public String jdbcUrl() {
    return url;
  }

  /** A connection pool on this database. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** A Jdbi on {@link #dataSource()}. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** Closes the pool and drops the database. Idempotent. */
  @Override
  public void close() {
    if (dataSource.isClosed()) {
      return;
    }
    dataSource.close();
    execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static String adminUrl() {
    String external = System.getenv(EXTERNAL_URL_VARIABLE);
    if (external != null && !external.isBlank()) {
      if (!URL_SHAPE.matcher(external).matches()) {
        throw new IllegalArgumentException(
            EXTERNAL_URL_VARIABLE
                + ": expected jdbc:postgresql://host:port/database?user=..., got "
                + external.replaceAll("password=[^&]*", "password=***"));
      }
      return external;
    }
    return EmbeddedPostgres.shared().jdbcUrl("postgres");
  }

  static String withDatabase(String url, String database) {
    Matcher matcher = URL_SHAPE.matcher(url);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("url: not a jdbc:postgresql URL: " + url);
    }
    return matcher.group(1) + database + (matcher.group(3) == null ? "" : matcher.group(3));
  }

  private static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Test database setup failed: " + sql, e);
    }
  }
}
