package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.testing.Await;
import org.fis.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The README quickstart, compiled and run: how a host composes the module. */
class QuickstartIT {
  @Test
  void a_host_registers_a_unit_runs_the_pool_pushes_an_event_looks_up_and_reads_the_status() {
    try (TestDatabase db = TestDatabase.create();
        AdapterSimulator simulator = AdapterSimulator.start("secret-key")) {
      simulator.generate(10, Instant.parse("2024-01-01T00:00:00Z"));
      Gsrn gsrn = AdapterSimulator.gsrnAt(3);
      DataSource dataSource = db.dataSource();
      Instant syncFrom = Instant.parse("2024-01-01T00:00:00Z");

      // --- quickstart ---
      AccountingPointMigrations.migrate(dataSource); // once, at startup
      Jdbi jdbi = Jdbi.create(dataSource);
      AccountingPoints points =
          AccountingPoints.create(
              SyncConfig.defaults(),
              jdbi,
              Clock.systemUTC(),
              new InMemorySyncMetrics(),
              AdapterConfig.defaults(simulator.baseUri(), "secret-key"));

      // In the host's own transaction, next to its own controllable unit row:
      jdbi.useTransaction(h -> points.units().register(h, gsrn, "cu-42", syncFrom));

      try (SyncWorkerPool pool = points.startWorkers()) {
        pool.accept(List.of(new ThinEvent("datahub-event-1", gsrn, Instant.now())));
        LookupResult lookup = points.lookup().lookup(gsrn, "15019000003");
        SyncStatusReport status = jdbi.inTransaction(h -> points.status(h, 20));
        // --- end of quickstart ---

        assertThat(lookup).isInstanceOf(LookupResult.Matched.class);
        assertThat(((LookupResult.Matched) lookup).controllableUnitIds()).containsExactly("cu-42");
        assertThat(status.tracked()).isEqualTo(1);
        Await.until(
            "the event's sync",
            Duration.ofSeconds(30),
            () ->
                jdbi.inTransaction(h -> points.status(h, 0)).due() == 0
                    && jdbi.inTransaction(h -> points.status(h, 0)).inProgress() == 0);
      }
      java.util.Optional<AccountingPointData> stored =
          jdbi.inTransaction(h -> AccountingPointStore.read(h, gsrn));
      assertThat(stored).contains(simulator.get(gsrn).orElseThrow());
    }
  }
}
