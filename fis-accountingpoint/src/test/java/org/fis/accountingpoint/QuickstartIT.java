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

      // --- quickstart ---
      AccountingPointMigrations.migrate(dataSource); // once, at startup
      Jdbi jdbi = Jdbi.create(dataSource);
      Clock clock = Clock.systemUTC();
      InMemorySyncMetrics metrics = new InMemorySyncMetrics();
      AdapterClient adapter =
          AdapterClient.create(
              AdapterConfig.defaults(simulator.baseUri(), "secret-key"), clock, metrics);
      SyncEngine engine =
          SyncEngine.create(
              jdbi,
              adapter,
              SyncConfig.defaults().withConcurrency(4).withPollInterval(Duration.ofSeconds(1)),
              clock,
              metrics);
      ControllableUnits units = new ControllableUnits(clock);

      // In the host's own transaction, next to its own controllable unit row:
      jdbi.useTransaction(
          h -> units.register(h, gsrn, "cu-42", Instant.parse("2024-01-01T00:00:00Z")));

      try (SyncWorkerPool pool = SyncWorkerPool.start(engine, null)) {
        pool.accept(List.of(new ThinEvent("datahub-event-1", gsrn, clock.instant())));
        LookupResult lookup = engine.lookup(gsrn, "15019000003");
        SyncStatusReport status = jdbi.inTransaction(h -> engine.status(h, 20));
        // --- end of quickstart ---

        assertThat(lookup).isInstanceOf(LookupResult.Matched.class);
        assertThat(((LookupResult.Matched) lookup).controllableUnitIds()).containsExactly("cu-42");
        assertThat(status.tracked()).isEqualTo(1);
        Await.until(
            "the event's sync",
            Duration.ofSeconds(30),
            () ->
                jdbi.inTransaction(h -> engine.status(h, 0)).due() == 0
                    && jdbi.inTransaction(h -> engine.status(h, 0)).inProgress() == 0);
      }
      java.util.Optional<AccountingPointData> stored =
          jdbi.inTransaction(h -> AccountingPointStore.read(h, gsrn));
      assertThat(stored).contains(simulator.get(gsrn).orElseThrow());
    }
  }
}
