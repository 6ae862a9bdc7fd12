package org.fis.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Migration V53: the job tables of V50–V52 left the ledger's schema for fis-jobs. */
@FisPostgres(migrations = LedgerMigrations.class)
class JobTablesMovedIT {
  @Test
  void the_ledger_schema_holds_no_job_table_and_its_history_keeps_v50_to_v52(Jdbi jdbi) {
    List<String> jobTables =
        jdbi.withHandle(
            h ->
                h.select(
                        "SELECT table_name FROM information_schema.tables"
                            + " WHERE table_schema = 'fis_ledger' AND table_name LIKE 'job%'")
                    .mapTo(String.class)
                    .list());
    assertThat(jobTables).isEmpty();
    List<String> versions =
        jdbi.withHandle(
            h ->
                h.select(
                        "SELECT version FROM fis_ledger.flyway_schema_history"
                            + " WHERE success ORDER BY installed_rank")
                    .mapTo(String.class)
                    .list());
    assertThat(versions).contains("50", "51", "52", "53");
  }
}
