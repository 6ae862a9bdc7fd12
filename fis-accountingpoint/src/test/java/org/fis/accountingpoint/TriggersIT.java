package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.accountingpoint.simulator.Fault;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lookup and event triggers, the controllable-unit registry and the retention purge. */
@FisPostgres(migrations = AccountingPointMigrations.class)
class TriggersIT {
  private static Fixture f;

  @BeforeAll
  static void setUp(Jdbi jdbi) {
    f = new Fixture(jdbi);
  }

  @AfterAll
  static void tearDown() {
    f.close();
  }

  @AfterEach
  void resetClock() {
    f.clock.set(Fixture.START);
    f.simulator.clearFaults();
  }

  private static Gsrn served(int i) {
    AccountingPointData data = AdapterSimulator.sample(i, Fixture.FROM);
    f.simulator.put(data);
    return data.gsrn();
  }

  private static long rowsAnywhere(Gsrn gsrn) {
    long total = f.historyRows(gsrn);
    for (String table :
        List.of(
            "accounting_point",
            "end_user",
            "energy_supplier",
            "metering_grid_area",
            "energy_direction",
            "sync_state",
            "event_inbox",
            "controllable_unit")) {
      total += f.count(table + " WHERE gsrn = :g", gsrn);
    }
    return total;
  }

  @Test
  void a_lookup_of_an_unknown_point_fetches_and_stores_it_before_matching_the_end_user() {
    Gsrn gsrn = served(30);

    LookupResult result = f.points.lookup().lookup(gsrn, "900000030");

    assertThat(result).isEqualTo(new LookupResult.Matched(gsrn, List.of(), false));
    Instant osloMidnight = Instant.parse("2024-02-29T23:00:00Z");
    assertThat(f.stored(gsrn).energySuppliers())
        .as("clipped to today's window")
        .containsExactly(
            new EnergySupplierPeriod(AdapterSimulator.supplierGln(0), osloMidnight, null));
    assertThat(f.count("sync_state WHERE gsrn = :g AND released_at IS NOT NULL", gsrn))
        .as("kept only for the retention, as it has no controllable unit")
        .isEqualTo(1);
  }

  @Test
  void a_lookup_whose_end_user_does_not_match_keeps_no_data_of_an_unknown_point() {
    Gsrn gsrn = served(31);

    LookupResult result = f.points.lookup().lookup(gsrn, "987654325");

    assertThat(result).isEqualTo(new LookupResult.EndUserMismatch(gsrn));
    assertThat(rowsAnywhere(gsrn)).isZero();
    assertThat(f.simulator.requestCount(gsrn)).isEqualTo(1);
  }

  @Test
  void a_person_is_matched_by_birth_date_or_full_id_but_not_by_another_birth_date() {
    Gsrn gsrn = served(33);

    assertThat(f.points.lookup().lookup(gsrn, "150190")).isInstanceOf(LookupResult.Matched.class);
    assertThat(f.points.lookup().lookup(gsrn, "15019000033"))
        .isInstanceOf(LookupResult.Matched.class);
    assertThat(f.points.lookup().lookup(gsrn, "160190"))
        .isInstanceOf(LookupResult.EndUserMismatch.class);
  }

  @Test
  void a_lookup_of_a_freshly_synced_point_answers_from_local_data_without_the_adapter() {
    Gsrn gsrn = f.track(34);
    f.engine.sync(gsrn);
    f.simulator.resetRequestCounts();

    LookupResult result = f.points.lookup().lookup(gsrn, "900000034");

    assertThat(result).isEqualTo(new LookupResult.Matched(gsrn, List.of("cu-34"), false));
    assertThat(f.simulator.requestCount(gsrn)).isZero();
  }

  @Test
  void a_lookup_of_a_stale_point_answers_from_local_data_when_the_adapter_fails() {
    Gsrn gsrn = f.track(35);
    f.engine.sync(gsrn);
    f.clock.advance(Duration.ofHours(2));
    f.simulator.inject(gsrn, Fault.of(Fault.Kind.SERVER_ERROR), 3);

    LookupResult result = f.points.lookup().lookup(gsrn, "150190");

    assertThat(result).isEqualTo(new LookupResult.Matched(gsrn, List.of("cu-35"), true));
  }

  @Test
  void a_lookup_of_a_point_unknown_everywhere_or_unreachable_says_so() {
    Gsrn unknown = AdapterSimulator.gsrnAt(36);
    Gsrn unreachable = served(37);
    f.simulator.inject(unreachable, Fault.of(Fault.Kind.SERVER_ERROR), 3);

    assertThat(f.points.lookup().lookup(unknown, "900000036"))
        .isEqualTo(new LookupResult.UnknownAccountingPoint(unknown));
    LookupResult result = f.points.lookup().lookup(unreachable, "150190");
    assertThat(result).isInstanceOf(LookupResult.Unavailable.class);
    assertThat(((LookupResult.Unavailable) result).message()).contains("HTTP 500");
    assertThat(rowsAnywhere(unreachable)).isZero();
  }

  @Test
  void a_lookup_rejects_a_malformed_end_user_id_naming_the_parameter() {
    assertThatThrownBy(() -> f.points.lookup().lookup(AdapterSimulator.gsrnAt(38), "12ab"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endUserId");
  }

  @Test
  void events_are_accepted_once_duplicates_change_nothing_and_untracked_points_are_ignored() {
    Gsrn tracked = f.track(40);
    f.engine.sync(tracked);
    Gsrn untracked = served(39);
    EventInbox inbox = f.points.inbox();
    ThinEvent first = new ThinEvent("ev-1", tracked, Fixture.START);
    ThinEvent other = new ThinEvent("ev-2", untracked, Fixture.START);

    List<EventInbox.Outcome> outcomes =
        f.jdbi.inTransaction(h -> inbox.accept(h, List.of(first, first, other)));
    List<EventInbox.Outcome> again = f.jdbi.inTransaction(h -> inbox.accept(h, List.of(first)));

    assertThat(outcomes)
        .containsExactly(
            EventInbox.Outcome.ACCEPTED, EventInbox.Outcome.DUPLICATE, EventInbox.Outcome.IGNORED);
    assertThat(again).containsExactly(EventInbox.Outcome.DUPLICATE);
    assertThat(f.count("event_inbox WHERE gsrn = :g", tracked)).isEqualTo(1);
    assertThat(f.count("event_inbox WHERE gsrn = :g", untracked)).isZero();
    assertThat(
            f.count(
                "sync_state WHERE gsrn = :g AND priority = 0 AND event_generation = 1", tracked))
        .isEqualTo(1);
  }

  @Test
  void an_accepted_event_is_synced_before_never_synced_and_routine_points() {
    f.track(41);
    Gsrn evented = f.track(42);
    f.engine.sync(evented);
    f.simulator.switchSupplier(evented, Fixture.START, AdapterSimulator.supplierGln(0));
    EventInbox inbox = f.points.inbox();
    f.jdbi.useTransaction(
        h -> inbox.accept(h, List.of(new ThinEvent("e", evented, Fixture.START))));

    List<SyncResult> first = f.engine.syncDue(1);

    assertThat(first).containsExactly(new SyncResult.Changed(evented));
    assertThat(f.count("sync_state WHERE gsrn = :g AND priority = 2", evented)).isEqualTo(1);
  }

  @Test
  void units_are_registered_once_and_the_last_removal_stops_syncs_and_events() {
    Gsrn gsrn = f.track(43);
    ControllableUnits units = f.units;

    ControllableUnits.Registration again =
        f.tx(h -> units.register(h, gsrn, "cu-43", Fixture.FROM));
    ControllableUnits.Registration second =
        f.tx(h -> units.register(h, gsrn, "cu-43b", Fixture.FROM));
    ControllableUnits.Removal first = f.tx(h -> units.remove(h, gsrn, "cu-43"));
    ControllableUnits.Removal last = f.tx(h -> units.remove(h, gsrn, "cu-43b"));
    ControllableUnits.Removal none = f.tx(h -> units.remove(h, gsrn, "cu-43b"));
    List<EventInbox.Outcome> event =
        f.tx(h -> f.points.inbox().accept(h, List.of(new ThinEvent("x", gsrn, Fixture.START))));

    assertThat(again).isEqualTo(ControllableUnits.Registration.ALREADY_REGISTERED);
    assertThat(second).isEqualTo(ControllableUnits.Registration.REGISTERED);
    assertThat(first).isEqualTo(ControllableUnits.Removal.REMOVED);
    assertThat(last).isEqualTo(ControllableUnits.Removal.LAST_REMOVED);
    assertThat(none).isEqualTo(ControllableUnits.Removal.NOT_REGISTERED);
    assertThat(event).containsExactly(EventInbox.Outcome.IGNORED);
    assertThat(f.count("sync_state WHERE gsrn = :g AND released_at IS NOT NULL", gsrn))
        .isEqualTo(1);
    assertThatThrownBy(() -> f.jdbi.useTransaction(h -> units.register(h, gsrn, "", Fixture.FROM)))
        .hasMessageContaining("controllableUnitId");
  }

  @Test
  void personal_data_and_history_are_purged_only_after_the_retention() {
    Gsrn kept = f.track(46);
    f.engine.sync(kept);
    f.simulator.switchSupplier(kept, Fixture.START, AdapterSimulator.supplierGln(0));
    f.engine.sync(kept);
    Gsrn gsrn = f.track(44);
    f.engine.sync(gsrn);
    f.simulator.switchSupplier(gsrn, Fixture.START, AdapterSimulator.supplierGln(0));
    f.engine.sync(gsrn);
    f.jdbi.useTransaction(
        h -> f.points.inbox().accept(h, List.of(new ThinEvent("p", gsrn, Fixture.START))));
    f.jdbi.useTransaction(h -> f.units.remove(h, gsrn, "cu-44"));
    DataRetention retention = f.points.retention();
    f.clock.advance(Duration.ofDays(29));

    List<Gsrn> early = f.tx(h -> retention.purgeExpired(h, 100));
    assertThat(early).isEmpty();
    assertThat(f.isStored(gsrn)).isTrue();
    assertThat(f.historyRows(gsrn)).isPositive();

    f.clock.advance(Duration.ofDays(2));
    List<Gsrn> purged = f.tx(h -> retention.purgeExpired(h, 100));

    assertThat(purged).contains(gsrn).doesNotContain(kept);
    assertThat(rowsAnywhere(gsrn)).isZero();
    assertThat(f.historyRows(kept)).isPositive();
    assertThatThrownBy(
            () ->
                f.jdbi.useTransaction(
                    h -> {
                      retention.purgeExpired(h, 100);
                      h.execute(
                          "DELETE FROM fis_accountingpoint.energy_supplier_history WHERE gsrn = ?",
                          kept.value());
                    }))
        .as("the purge flag is off again after the purge")
        .hasMessageContaining("insert-only");
  }

  @Test
  void the_status_counts_tracked_never_synced_due_and_failing_points() {
    Instant now = f.clock.instant();
    SyncStatusReport before = f.status();
    Gsrn gsrn = f.track(45);

    SyncStatusReport after = f.status();

    assertThat(after.tracked()).isEqualTo(before.tracked() + 1);
    assertThat(after.neverSynced()).isEqualTo(before.neverSynced() + 1);
    assertThat(after.due()).isEqualTo(before.due() + 1);
    assertThat(f.count("sync_state WHERE gsrn = :g AND next_due_at <= '" + now + "'", gsrn))
        .isEqualTo(1);
  }
}
