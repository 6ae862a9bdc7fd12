package org.fis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = EmbeddedPostgresIT.SampleMigrations.class)
class EmbeddedPostgresIT {
  /** A stand-in module migration, shaped like the modules' XxxMigrations classes. */
  public static final class SampleMigrations {
    static final AtomicInteger RUNS = new AtomicInteger();

    private SampleMigrations() {}

    public static void migrate(DataSource dataSource) {
      RUNS.incrementAndGet();
      Jdbi.create(dataSource)
          .useHandle(
              handle ->
                  handle.execute("CREATE SCHEMA fis_sample; CREATE TABLE fis_sample.t(x int)"));
    }
  }

  @Test
  void the_server_is_a_real_postgresql_17(Jdbi jdbi) {
    String version =
        jdbi.withHandle(h -> h.select("SHOW server_version").mapTo(String.class).one());
    assertThat(version).startsWith("17.");
  }

  @Test
  void the_named_migrations_ran_once_for_the_class(Jdbi jdbi) {
    Integer tables =
        jdbi.withHandle(
            h ->
                h.select(
                        "SELECT count(*) FROM information_schema.tables"
                            + " WHERE table_schema = 'fis_sample'")
                    .mapTo(Integer.class)
                    .one());
    assertThat(tables).isEqualTo(1);
    assertThat(SampleMigrations.RUNS.get()).isEqualTo(1);
  }

  @Test
  void sessions_use_a_time_zone_other_than_utc(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW TimeZone")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(TestDatabase.SESSION_TIME_ZONE);
    }
  }

  @Test
  void a_standalone_database_is_fresh_and_dropped_on_close(TestDatabase classDatabase) {
    String name;
    try (TestDatabase db = TestDatabase.create()) {
      name = db.name();
      assertThat(name).isNotEqualTo(classDatabase.name());
      Integer schemas =
          db.jdbi()
              .withHandle(
                  h ->
                      h.select(
                              "SELECT count(*) FROM information_schema.schemata"
                                  + " WHERE schema_name = 'fis_sample'")
                          .mapTo(Integer.class)
                          .one());
      assertThat(schemas).isZero();
    }
    Integer remaining =
        classDatabase
            .jdbi()
            .withHandle(
                h ->
                    h.select("SELECT count(*) FROM pg_database WHERE datname = ?", name)
                        .mapTo(Integer.class)
                        .one());
    assertThat(remaining).isZero();
  }
}
