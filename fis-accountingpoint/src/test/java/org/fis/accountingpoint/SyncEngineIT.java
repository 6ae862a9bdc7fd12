package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.fis.accountingpoint.internal.SyncStateDao;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.accountingpoint.simulator.Fault;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@FisPostgres(migrations = AccountingPointMigrations.class)
class SyncEngineIT {
  private static Fixture f;
  private static final Instant SWITCH = Fixture.FROM.plus(40, ChronoUnit.DAYS);

  @BeforeAll
  static void setUp(Jdbi jdbi) {
    f = new Fixture(jdbi, SyncConfig.defaults(), Duration.ofMillis(400));
  }

  @AfterAll
  static void tearDown() {
    f.close();
  }

  @Test
  void the_first_sync_stores_the_accounting_point_its_timelines_and_its_location() {
    Gsrn gsrn = f.track(1);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(result).isEqualTo(new SyncResult.Changed(gsrn));
    assertThat(f.stored(gsrn)).isEqualTo(f.simulator.get(gsrn).orElseThrow());
    assertThat(
            f.count(
                "sync_state WHERE gsrn = :g AND last_synced_at IS NOT NULL"
                    + " AND sync_started_at IS NULL AND attempts = 0 AND priority = 2",
                gsrn))
        .isEqualTo(1);
    assertThat(f.historyRows(gsrn)).isZero();
  }

  @Test
  void syncing_identical_data_again_writes_nothing_not_even_history() {
    Gsrn gsrn = f.track(2);
    f.engine.sync(gsrn);
    List<String> before = f.rowVersions(gsrn);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(result).isEqualTo(new SyncResult.Unchanged(gsrn));
    assertThat(f.rowVersions(gsrn)).isEqualTo(before);
    assertThat(f.historyRows(gsrn)).isZero();
  }

  @Test
  void a_supplier_switch_inside_the_window_ends_the_old_supplier_and_starts_the_new_one() {
    Gsrn gsrn = f.track(3);
    f.engine.sync(gsrn);
    String oldGln = AdapterSimulator.supplierGln(3);
    String newGln = AdapterSimulator.supplierGln(4);
    f.simulator.switchSupplier(gsrn, SWITCH, newGln);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(result).isEqualTo(new SyncResult.Changed(gsrn));
    assertThat(f.stored(gsrn).energySuppliers())
        .containsExactly(
            new EnergySupplierPeriod(oldGln, Fixture.FROM, SWITCH),
            new EnergySupplierPeriod(newGln, SWITCH, null));
    assertThat(
            f.count(
                "energy_supplier_history WHERE gsrn = :g AND operation = 'UPDATE'"
                    + " AND upper_inf(valid_range)",
                gsrn))
        .isEqualTo(1);
    assertThat(f.count("end_user_history WHERE gsrn = :g", gsrn)).isZero();
  }

  @Test
  void a_vanished_period_is_removed_and_kept_in_history() {
    Gsrn gsrn = f.track(5);
    AccountingPointData data = f.simulator.get(gsrn).orElseThrow();
    f.simulator.put(
        withEndUsers(
            data,
            List.of(
                new EndUserPeriod("987654325", EntityType.ORGANISATION, Fixture.FROM, SWITCH),
                new EndUserPeriod("15019012317", EntityType.PERSON, SWITCH, null))));
    f.engine.sync(gsrn);
    f.simulator.put(
        withEndUsers(
            data,
            List.of(
                new EndUserPeriod("987654325", EntityType.ORGANISATION, Fixture.FROM, SWITCH))));

    f.engine.sync(gsrn);

    assertThat(f.stored(gsrn).endUsers())
        .containsExactly(
            new EndUserPeriod("987654325", EntityType.ORGANISATION, Fixture.FROM, SWITCH));
    assertThat(
            f.count(
                "end_user_history WHERE gsrn = :g AND operation = 'DELETE'"
                    + " AND business_id = '15019012317'",
                gsrn))
        .isEqualTo(1);
  }

  @Test
  void an_empty_list_clears_a_timeline_and_a_null_location_clears_the_location() {
    Gsrn gsrn = f.track(6);
    f.engine.sync(gsrn);
    AccountingPointData data = f.simulator.get(gsrn).orElseThrow();
    f.simulator.put(
        new AccountingPointData(
            gsrn,
            data.endUsers(),
            List.of(),
            data.meteringGridAreas(),
            Optional.of(List.of()),
            Optional.empty()));

    assertThat(f.engine.sync(gsrn)).isEqualTo(new SyncResult.Changed(gsrn));

    AccountingPointData stored = f.stored(gsrn);
    assertThat(stored.energySuppliers()).isEmpty();
    assertThat(stored.energyDirections()).contains(List.of());
    assertThat(stored.location()).isEmpty();
    assertThat(stored.meteringGridAreas()).isEqualTo(data.meteringGridAreas());
    assertThat(f.count("accounting_point_history WHERE gsrn = :g AND latitude IS NOT NULL", gsrn))
        .isEqualTo(1);
  }

  @Test
  void an_absent_optional_energy_direction_leaves_the_stored_directions_alone() {
    Gsrn gsrn = f.track(7);
    f.engine.sync(gsrn);
    AccountingPointData data = f.simulator.get(gsrn).orElseThrow();
    f.simulator.put(
        new AccountingPointData(
            gsrn,
            data.endUsers(),
            data.energySuppliers(),
            data.meteringGridAreas(),
            Optional.empty(),
            data.location()));

    assertThat(f.engine.sync(gsrn)).isEqualTo(new SyncResult.Unchanged(gsrn));
    assertThat(f.stored(gsrn).energyDirections()).isEqualTo(data.energyDirections());
  }

  @Test
  void data_before_the_window_is_kept_when_the_window_moves_later() {
    Gsrn gsrn = f.track(8);
    f.engine.sync(gsrn);
    f.jdbi.useTransaction(
        h -> {
          f.units.register(h, gsrn, "late-unit", SWITCH);
          f.units.remove(h, gsrn, "cu-8");
        });
    AccountingPointData data = f.simulator.get(gsrn).orElseThrow();
    String other = AdapterSimulator.supplierGln(1);
    f.simulator.put(
        new AccountingPointData(
            gsrn,
            data.endUsers(),
            List.of(new EnergySupplierPeriod(other, Fixture.FROM, null)),
            data.meteringGridAreas(),
            data.energyDirections(),
            data.location()));

    f.engine.sync(gsrn);

    assertThat(f.stored(gsrn).energySuppliers())
        .containsExactly(
            new EnergySupplierPeriod(AdapterSimulator.supplierGln(3), Fixture.FROM, SWITCH),
            new EnergySupplierPeriod(other, SWITCH, null));
  }

  @Test
  void a_transient_server_error_is_retried_within_the_sync() {
    Gsrn gsrn = f.track(9);
    f.simulator.inject(gsrn, Fault.of(Fault.Kind.UNAVAILABLE), 2);

    assertThat(f.engine.sync(gsrn)).isEqualTo(new SyncResult.Changed(gsrn));
  }

  @Test
  void persistent_server_errors_fail_the_sync_keep_the_stored_data_and_back_off() {
    Gsrn gsrn = f.track(10);
    f.engine.sync(gsrn);
    List<String> before = f.rowVersions(gsrn);
    f.simulator.switchSupplier(gsrn, SWITCH, AdapterSimulator.supplierGln(1));
    f.simulator.inject(gsrn, Fault.of(Fault.Kind.SERVER_ERROR), 3);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(result).isInstanceOf(SyncResult.Failed.class);
    assertThat(((SyncResult.Failed) result).kind()).isEqualTo(SyncResult.Kind.ADAPTER_UNAVAILABLE);
    assertThat(f.rowVersions(gsrn)).isEqualTo(before);
    assertThat(
            f.count(
                "sync_state WHERE gsrn = :g AND attempts = 1 AND priority = 3"
                    + " AND next_due_at > last_error_at AND last_error LIKE '%HTTP 500%'",
                gsrn))
        .isEqualTo(1);
    assertThat(f.status().failures())
        .anySatisfy(
            failure -> {
              assertThat(failure.gsrn()).isEqualTo(gsrn);
              assertThat(failure.lastError()).contains("HTTP 500");
            });

    assertThat(f.engine.sync(gsrn)).isEqualTo(new SyncResult.Changed(gsrn));
    assertThat(f.count("sync_state WHERE gsrn = :g AND attempts = 0 AND last_error IS NULL", gsrn))
        .isEqualTo(1);
  }

  @Test
  void timeouts_on_every_attempt_fail_the_sync_and_a_slow_answer_within_the_timeout_succeeds() {
    Gsrn gsrn = f.track(11);
    f.simulator.inject(gsrn, Fault.slow(Duration.ofMillis(900)), 3);

    SyncResult failed = f.engine.sync(gsrn);

    assertThat(failed).isInstanceOf(SyncResult.Failed.class);
    assertThat(((SyncResult.Failed) failed).message()).contains("did not answer within 400 ms");
    assertThat(f.isStored(gsrn)).isFalse();

    f.simulator.inject(gsrn, Fault.slow(Duration.ofMillis(100)), 1);
    assertThat(f.engine.sync(gsrn)).isEqualTo(new SyncResult.Changed(gsrn));
  }

  @Test
  void malformed_json_fails_the_sync_and_merges_nothing() {
    Gsrn gsrn = f.track(12);
    f.engine.sync(gsrn);
    List<String> before = f.rowVersions(gsrn);
    f.simulator.inject(gsrn, Fault.of(Fault.Kind.MALFORMED_JSON), 1);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(result).isInstanceOf(SyncResult.Failed.class);
    assertThat(((SyncResult.Failed) result).kind()).isEqualTo(SyncResult.Kind.INVALID_RESPONSE);
    assertThat(((SyncResult.Failed) result).message()).contains("body: malformed JSON");
    assertThat(f.rowVersions(gsrn)).isEqualTo(before);
  }

  @Test
  void invalid_check_digits_fail_the_sync_naming_the_field_and_merge_nothing() {
    Gsrn gsrn = f.track(13);
    f.simulator.inject(gsrn, Fault.of(Fault.Kind.INVALID_GLN_CHECK_DIGIT), 1);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(((SyncResult.Failed) result).message())
        .contains("energy_supplier[0].business_id: GLN has a wrong GS1 check digit");
    assertThat(f.isStored(gsrn)).isFalse();
  }

  @Test
  void a_wrong_key_is_a_configuration_failure_said_plainly() {
    Gsrn gsrn = f.track(14);
    SyncEngine wrongKey =
        AccountingPoints.create(
                f.config,
                f.jdbi,
                f.clock,
                f.metrics,
                f.client("not-the-key", Duration.ofSeconds(2)))
            .engine();

    SyncResult result = wrongKey.sync(gsrn);

    assertThat(((SyncResult.Failed) result).kind()).isEqualTo(SyncResult.Kind.CONFIGURATION);
    assertThat(((SyncResult.Failed) result).message()).contains("API key is wrong");
  }

  @Test
  void an_accounting_point_unknown_to_the_datahub_is_a_not_found_failure() {
    Gsrn gsrn = f.track(15);
    f.simulator.remove(gsrn);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(((SyncResult.Failed) result).kind()).isEqualTo(SyncResult.Kind.NOT_FOUND);
  }

  @Test
  void an_untracked_accounting_point_is_not_synced() {
    Gsrn gsrn = AdapterSimulator.gsrnAt(16);
    f.simulator.put(AdapterSimulator.sample(16, Fixture.FROM));

    SyncResult result = f.engine.sync(gsrn);

    assertThat(result).isInstanceOf(SyncResult.Skipped.class);
    assertThat(((SyncResult.Skipped) result).reason()).contains("not tracked");
    assertThat(f.simulator.requestCount(gsrn)).isZero();
  }

  @Test
  void a_sync_is_skipped_while_another_sync_of_the_same_point_is_in_progress() {
    Gsrn gsrn = f.track(17);
    claimAsACrashedWorker(gsrn);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(result).isInstanceOf(SyncResult.Skipped.class);
    assertThat(((SyncResult.Skipped) result).reason()).contains("in progress");
    assertThat(f.simulator.requestCount(gsrn)).isZero();
  }

  @Test
  void a_sync_killed_after_its_claim_is_reclaimed_after_the_timeout_and_its_late_merge_refused() {
    Gsrn gsrn = f.track(18);
    long crashedToken = claimAsACrashedWorker(gsrn);
    assertThat(f.count("sync_state WHERE gsrn = :g AND sync_started_at IS NOT NULL", gsrn))
        .isEqualTo(1);
    f.clock.advance(f.config.schedule().syncTimeout().plusSeconds(1));
    SyncStatusReport status = f.status();
    assertThat(status.dead()).isGreaterThanOrEqualTo(1);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(result).isEqualTo(new SyncResult.Changed(gsrn));
    java.util.Set<String> stillOwned =
        f.jdbi.inTransaction(h -> SyncStateDao.lockOwned(h, List.of(gsrn.value()), crashedToken));
    assertThat(stillOwned).isEmpty();
    assertThat(f.count("sync_state WHERE gsrn = :g AND sync_started_at IS NULL", gsrn))
        .isEqualTo(1);
    f.clock.set(Fixture.START);
  }

  @Test
  void a_sync_killed_half_way_through_the_merge_leaves_nothing_partial_and_is_reclaimed_later() {
    Gsrn gsrn = f.track(19);
    f.engine.sync(gsrn);
    List<String> before = f.rowVersions(gsrn);
    AccountingPointData data = f.simulator.get(gsrn).orElseThrow();
    f.simulator.switchSupplier(gsrn, SWITCH, AdapterSimulator.supplierGln(0));
    f.simulator.put(
        withDirections(
            f.simulator.get(gsrn).orElseThrow(), EnumSet.of(EnergyDirection.PRODUCTION)));
    // The energy direction table is written last: the connection dies when the merge gets there,
    // and so does every connection that tries to record the failure afterwards, as if the whole
    // worker process had died in the middle of the merge.
    f.jdbi.useHandle(
        h ->
            h.execute(
                "CREATE FUNCTION fis_accountingpoint.kill_me() RETURNS trigger LANGUAGE plpgsql AS $$"
                    + " BEGIN IF NEW.gsrn = '"
                    + gsrn.value()
                    + "' THEN"
                    + " PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END $$;"
                    + " CREATE TRIGGER kill_me BEFORE INSERT ON fis_accountingpoint.energy_direction"
                    + " FOR EACH ROW EXECUTE FUNCTION fis_accountingpoint.kill_me();"
                    + " CREATE TRIGGER kill_me BEFORE UPDATE ON fis_accountingpoint.sync_state"
                    + " FOR EACH ROW WHEN (NEW.attempts > OLD.attempts)"
                    + " EXECUTE FUNCTION fis_accountingpoint.kill_me()"));
    try {
      SyncResult result = f.engine.sync(gsrn);

      assertThat(result).isInstanceOf(SyncResult.Failed.class);
      assertThat(((SyncResult.Failed) result).kind()).isEqualTo(SyncResult.Kind.DATABASE);
    } finally {
      f.jdbi.useHandle(
          h ->
              h.execute(
                  "DROP TRIGGER kill_me ON fis_accountingpoint.energy_direction;"
                      + " DROP TRIGGER kill_me ON fis_accountingpoint.sync_state;"
                      + " DROP FUNCTION fis_accountingpoint.kill_me()"));
    }
    assertThat(f.rowVersions(gsrn)).as("nothing partial").isEqualTo(before);
    assertThat(f.historyRows(gsrn)).isZero();
    assertThat(f.stored(gsrn).energySuppliers()).isEqualTo(data.energySuppliers());
    assertThat(
            f.count(
                "sync_state WHERE gsrn = :g AND sync_started_at IS NOT NULL" + " AND attempts = 0",
                gsrn))
        .as("the dead sync's stamp stays")
        .isEqualTo(1);
    SyncResult whileStamped = f.engine.sync(gsrn);
    assertThat(whileStamped).isInstanceOf(SyncResult.Skipped.class);

    f.clock.advance(f.config.schedule().syncTimeout().plusSeconds(1));
    assertThat(f.status().dead()).isGreaterThanOrEqualTo(1);
    assertThat(f.engine.sync(gsrn)).isEqualTo(new SyncResult.Changed(gsrn));
    assertThat(f.stored(gsrn).energySuppliers()).hasSize(2);
    f.clock.set(Fixture.START);
  }

  @Test
  void history_tables_reject_updates_and_deletes() {
    Gsrn gsrn = f.track(20);
    f.engine.sync(gsrn);
    f.simulator.switchSupplier(gsrn, SWITCH, AdapterSimulator.supplierGln(2));
    f.engine.sync(gsrn);

    assertThat(f.count("energy_supplier_history WHERE gsrn = :g", gsrn)).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                f.jdbi.useHandle(
                    h ->
                        h.execute(
                            "UPDATE fis_accountingpoint.energy_supplier_history SET gln = gln")))
        .hasMessageContaining("insert-only");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                f.jdbi.useHandle(
                    h -> h.execute("DELETE FROM fis_accountingpoint.energy_supplier_history")))
        .hasMessageContaining("insert-only");
  }

  @Test
  void the_exclusion_constraint_rejects_overlapping_periods_written_directly() {
    Gsrn gsrn = f.track(21);
    f.engine.sync(gsrn);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                f.jdbi.useHandle(
                    h ->
                        h.execute(
                            "INSERT INTO fis_accountingpoint.energy_supplier (gsrn, gln, valid_range)"
                                + " VALUES ('"
                                + gsrn.value()
                                + "', '7080012345675',"
                                + " tstzrange('2024-02-01', NULL, '[)'))")))
        .hasMessageContaining("energy_supplier_no_overlap");
  }

  @Test
  void a_location_stored_exactly_as_decimal() {
    Gsrn gsrn = f.track(22);
    f.engine.sync(gsrn);

    assertThat(f.stored(gsrn).location().orElseThrow().latitude())
        .isEqualByComparingTo(new BigDecimal("59.1022"));
  }

  private static long claimAsACrashedWorker(Gsrn gsrn) {
    return f.jdbi.inTransaction(
        h -> {
          long token = SyncStateDao.nextToken(h);
          assertThat(
                  SyncStateDao.claimOne(
                      h, gsrn.value(), f.clock.instant(), f.config.schedule().syncTimeout(), token))
              .isPresent();
          return token;
        });
  }

  private static AccountingPointData withEndUsers(AccountingPointData d, List<EndUserPeriod> u) {
    return new AccountingPointData(
        d.gsrn(),
        u,
        d.energySuppliers(),
        d.meteringGridAreas(),
        d.energyDirections(),
        d.location());
  }

  private static AccountingPointData withDirections(
      AccountingPointData d, EnumSet<EnergyDirection> directions) {
    return new AccountingPointData(
        d.gsrn(),
        d.endUsers(),
        d.energySuppliers(),
        d.meteringGridAreas(),
        Optional.of(List.of(new EnergyDirectionPeriod(directions, Fixture.FROM, null))),
        d.location());
  }
}
