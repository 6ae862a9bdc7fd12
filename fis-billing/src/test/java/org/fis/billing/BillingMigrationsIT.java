package org.fis.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.fis.testing.TestDatabase;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

class BillingMigrationsIT {
  @Test
  void migrations_apply_to_an_empty_database_and_a_second_run_is_a_no_op() {
    try (TestDatabase db = TestDatabase.create()) {
      MigrateResult first = BillingMigrations.migrate(db.dataSource());
      assertThat(first.migrationsExecuted).isPositive();
      assertThat(first.schemaName).isEqualTo(BillingMigrations.SCHEMA);

      MigrateResult second = BillingMigrations.migrate(db.dataSource());
      assertThat(second.migrationsExecuted).isZero();

      Integer history =
          db.jdbi()
              .withHandle(
                  h ->
                      h.select(
                              "SELECT count(*) FROM information_schema.tables"
                                  + " WHERE table_schema = ? AND table_name = 'flyway_schema_history'",
                              BillingMigrations.SCHEMA)
                          .mapTo(Integer.class)
                          .one());
      assertThat(history).isEqualTo(1);
    }
  }
}
