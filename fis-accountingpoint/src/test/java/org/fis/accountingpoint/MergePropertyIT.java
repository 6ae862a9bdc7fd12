package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fis.accountingpoint.internal.Span;
import org.fis.accountingpoint.internal.TimelineMerge;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.testing.TestDatabase;

/**
 * The merge against PostgreSQL: after a sync the stored timelines are the remote timelines inside
 * the window plus the local timelines outside it, and syncing the same data again writes nothing,
 * not even history. The adapter is an in-memory fake of the port (the HTTP client is tested against
 * the simulator elsewhere).
 */
class MergePropertyIT {
  private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
  private static final Map<String, String> GLN =
      Map.of(
          "A",
          AdapterSimulator.supplierGln(1),
          "B",
          AdapterSimulator.supplierGln(2),
          "C",
          AdapterSimulator.supplierGln(3));
  private static final Map<String, String> ORG =
      Map.of("A", "900000001", "B", "900000002", "C", "900000003");

  private static TestDatabase db;
  private static Fixture f;
  private static final Map<Gsrn, AccountingPointData> REMOTE = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT = new AtomicInteger(100_000);
  private static SyncEngine engine;

  @BeforeContainer
  static void start() {
    db = TestDatabase.create(AccountingPointMigrations::migrate);
    f = new Fixture(db.jdbi());
    AccountingPointAdapter fake =
        (gsrn, validFrom) -> {
          AccountingPointData data = REMOTE.get(gsrn);
          return data == null
              ? new FetchResult.NotFound(gsrn)
              : new FetchResult.Found(gsrn, data, 1);
        };
    engine =
        AccountingPoints.create(SyncConfig.defaults(), db.jdbi(), f.clock, f.metrics, fake)
            .engine();
  }

  @AfterContainer
  static void stop() {
    f.close();
    db.close();
  }

  @Provide
  Arbitrary<List<Span>> timeline() {
    return org.fis.accountingpoint.internal.TimelineMergeSupport.timelines();
  }

  @Provide
  Arbitrary<Instant> window() {
    return Arbitraries.integers().between(-1, 42).map(d -> BASE.plus(d, ChronoUnit.DAYS));
  }

  @Property(tries = 80)
  void the_stored_timelines_are_remote_inside_the_window_and_local_outside_and_a_resync_is_a_no_op(
      @ForAll("timeline") List<Span> local,
      @ForAll("timeline") List<Span> remote,
      @ForAll("window") Instant windowFrom) {
    Gsrn gsrn = AdapterSimulator.gsrnAt(NEXT.getAndIncrement());
    Instant before = BASE.minus(Duration.ofDays(5));
    REMOTE.put(gsrn, data(gsrn, local));
    f.jdbi.useTransaction(h -> f.units.register(h, gsrn, "first", before));
    assertThat(engine.sync(gsrn)).isInstanceOf(SyncResult.Changed.class);
    List<Span> stored = TimelineMerge.coalesce(local);
    f.jdbi.useTransaction(
        h -> {
          f.units.register(h, gsrn, "second", windowFrom);
          f.units.remove(h, gsrn, "first");
        });
    REMOTE.put(gsrn, data(gsrn, remote));

    SyncResult result = engine.sync(gsrn);

    List<Span> expected = TimelineMerge.merge(stored, remote, windowFrom);
    AccountingPointData actual = f.stored(gsrn);
    assertThat(actual.energySuppliers()).isEqualTo(suppliers(expected));
    assertThat(actual.endUsers()).isEqualTo(endUsers(expected));
    assertThat(result)
        .isEqualTo(
            expected.equals(stored)
                ? new SyncResult.Unchanged(gsrn)
                : new SyncResult.Changed(gsrn));

    long history = f.historyRows(gsrn);
    List<String> versions = f.rowVersions(gsrn);
    assertThat(engine.sync(gsrn)).isEqualTo(new SyncResult.Unchanged(gsrn));
    assertThat(f.historyRows(gsrn)).isEqualTo(history);
    assertThat(f.rowVersions(gsrn)).isEqualTo(versions);
  }

  private static AccountingPointData data(Gsrn gsrn, List<Span> spans) {
    return new AccountingPointData(
        gsrn, endUsers(spans), suppliers(spans), List.of(), Optional.empty(), Optional.empty());
  }

  private static List<EnergySupplierPeriod> suppliers(List<Span> spans) {
    List<EnergySupplierPeriod> out = new ArrayList<>();
    spans.forEach(s -> out.add(new EnergySupplierPeriod(GLN.get(s.value()), s.from(), s.to())));
    return out;
  }

  private static List<EndUserPeriod> endUsers(List<Span> spans) {
    List<EndUserPeriod> out = new ArrayList<>();
    spans.forEach(
        s ->
            out.add(
                new EndUserPeriod(ORG.get(s.value()), EntityType.ORGANISATION, s.from(), s.to())));
    return out;
  }
}
