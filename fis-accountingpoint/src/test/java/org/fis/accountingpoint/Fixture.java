package org.fis.accountingpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.testing.SettableClock;
import org.jdbi.v3.core.Jdbi;

/** A simulator, a settable clock, metrics and an engine over one test database. */
final class Fixture implements AutoCloseable {
  static final String KEY = "fixture-key";
  static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant START = Instant.parse("2024-03-01T12:00:00Z");

  final Jdbi jdbi;
  final AdapterSimulator simulator;
  final SettableClock clock = new SettableClock(START);
  final InMemorySyncMetrics metrics = new InMemorySyncMetrics();
  final SyncConfig config;
  final AdapterClient client;
  final AccountingPoints points;
  final SyncEngine engine;
  final ControllableUnits units;

  Fixture(Jdbi jdbi, SyncConfig config, Duration requestTimeout) {
    this.jdbi = jdbi;
    this.config = config;
    this.simulator = AdapterSimulator.start(KEY, 40);
    this.client = client(KEY, requestTimeout);
    this.points = AccountingPoints.create(config, jdbi, clock, metrics, client);
    this.engine = points.engine();
    this.units = points.units();
  }

  Fixture(Jdbi jdbi) {
    this(jdbi, SyncConfig.defaults(), Duration.ofSeconds(5));
  }

  AdapterClient client(String key, Duration requestTimeout) {
    return AdapterClient.create(
        AdapterConfig.defaults(simulator.baseUri(), key)
            .withRequestTimeout(requestTimeout)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
            .withRetryAfterMax(Duration.ofSeconds(1))
            // Tests run thousands of syncs; the rate limit has tests of its own.
            .withRateLimit(
                new AdapterConfig.RateLimit(
                    AdapterConfig.REQUESTS_PER_SECOND_MAX, AdapterConfig.PERMIT_WAIT_MAX_DEFAULT)),
        clock,
        metrics);
  }

  /** Puts the i-th sample into the simulator and registers a unit on it from FROM. */
  Gsrn track(int i) {
    AccountingPointData data = AdapterSimulator.sample(i, FROM);
    simulator.put(data);
    jdbi.useTransaction(h -> units.register(h, data.gsrn(), "cu-" + i, FROM));
    return data.gsrn();
  }

  /** Runs {@code body} in a transaction and returns its typed result. */
  <T> T tx(java.util.function.Function<org.jdbi.v3.core.Handle, T> body) {
    return jdbi.inTransaction(body::apply);
  }

  AccountingPointData stored(Gsrn gsrn) {
    return jdbi.inTransaction(h -> AccountingPointStore.read(h, gsrn)).orElseThrow();
  }

  boolean isStored(Gsrn gsrn) {
    return jdbi.inTransaction(h -> AccountingPointStore.read(h, gsrn)).isPresent();
  }

  long count(String sqlFromWhere, Gsrn gsrn) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT count(*) FROM fis_accountingpoint." + sqlFromWhere)
                .bind("g", gsrn.value())
                .mapTo(Long.class)
                .one());
  }

  long historyRows(Gsrn gsrn) {
    long total = 0;
    for (String table :
        List.of(
            "accounting_point",
            "end_user",
            "energy_supplier",
            "metering_grid_area",
            "energy_direction")) {
      total += count(table + "_history WHERE gsrn = :g", gsrn);
    }
    return total;
  }

  /** Row versions (xmin) of every row of the accounting point, to prove nothing was rewritten. */
  List<String> rowVersions(Gsrn gsrn) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT 'ap' || xmin::text FROM fis_accountingpoint.accounting_point WHERE gsrn = :g"
                        + " UNION ALL SELECT 'eu' || id || xmin::text FROM fis_accountingpoint.end_user"
                        + " WHERE gsrn = :g UNION ALL SELECT 'es' || id || xmin::text"
                        + " FROM fis_accountingpoint.energy_supplier WHERE gsrn = :g"
                        + " UNION ALL SELECT 'mga' || id || xmin::text"
                        + " FROM fis_accountingpoint.metering_grid_area WHERE gsrn = :g"
                        + " UNION ALL SELECT 'ed' || id || xmin::text"
                        + " FROM fis_accountingpoint.energy_direction WHERE gsrn = :g ORDER BY 1")
                .bind("g", gsrn.value())
                .mapTo(String.class)
                .list());
  }

  SyncStatusReport status() {
    return jdbi.inTransaction(h -> points.status(h, 100));
  }

  @Override
  public void close() {
    simulator.close();
  }
}
