package org.fis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fis.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class AllModulesMigrateIT {
  @Test
  void every_module_migrates_side_by_side_into_one_database_with_its_own_history() {
    try (TestDatabase db = TestDatabase.create()) {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      int applied =
          ModuleMigrations.migrateAll(
              db.dataSource(), new PrintStream(buffer, true, StandardCharsets.UTF_8));
      assertThat(applied).isPositive();

      List<String> historySchemas =
          db.jdbi()
              .withHandle(
                  h ->
                      h.select(
                              "SELECT table_schema FROM information_schema.tables"
                                  + " WHERE table_name = 'flyway_schema_history'"
                                  + " ORDER BY table_schema")
                          .mapTo(String.class)
                          .list());
      assertThat(historySchemas)
          .containsExactly(
              "fis_accountingpoint", "fis_billing", "fis_iot", "fis_jobs", "fis_ledger");

      int again =
          ModuleMigrations.migrateAll(
              db.dataSource(),
              new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      assertThat(again).isZero();
    }
  }
}
