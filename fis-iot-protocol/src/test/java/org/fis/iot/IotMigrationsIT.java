package org.fis.iot;

import static org.assertj.core.api.Assertions.assertThat;

import org.fis.testing.TestDatabase;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

class IotMigrationsIT {
  @Test
  void migrations_apply_to_an_empty_database_and_a_second_run_is_a_no_op() {
    try (TestDatabase db = TestDatabase.create()) {
      MigrateResult first = IotMigrations.migrate(db.dataSource());
      assertThat(first.migrationsExecuted).isPositive();
      assertThat(first.schemaName).isEqualTo(IotMigrations.SCHEMA);

      MigrateResult second = IotMigrations.migrate(db.dataSource());
      assertThat(second.migrationsExecuted).isZero();

      Integer history =
          db.jdbi()
              .withHandle(
                  h ->
                      h.select(
                              "SELECT count(*) FROM information_schema.tables"
                                  + " WHERE table_schema = ? AND table_name = 'flyway_schema_history'",
                              IotMigrations.SCHEMA)
                          .mapTo(Integer.class)
                          .one());
      assertThat(history).isEqualTo(1);
    }
  }

  @Test
  void ids_compare_by_bytes_whatever_the_database_collation() {
    try (TestDatabase db = TestDatabase.create(IotMigrations::migrate)) {
      java.util.List<String> notC =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT table_name || '.' || column_name FROM"
                                  + " information_schema.columns WHERE table_schema = 'fis_iot'"
                                  + " AND column_name IN ('device_id', 'meter_id', 'key_id')"
                                  + " AND collation_name IS DISTINCT FROM 'C' ORDER BY 1")
                          .mapTo(String.class)
                          .list());
      assertThat(notC).isEmpty();
    }
  }
}
