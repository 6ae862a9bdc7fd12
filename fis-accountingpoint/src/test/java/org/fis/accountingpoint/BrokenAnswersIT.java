package org.fis.accountingpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.fis.accountingpoint.simulator.AdapterSimulator;
import org.fis.accountingpoint.simulator.Fault;
import org.fis.testing.FisPostgres;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every broken answer of a real adapter fails the sync and merges nothing: neither for a point
 * already stored (whose remote data changed meanwhile, so a merge would write) nor for a new one.
 */
@FisPostgres(migrations = AccountingPointMigrations.class)
class BrokenAnswersIT {
  private static final Instant SWITCH = Fixture.FROM.plus(40, ChronoUnit.DAYS);
  private static Fixture f;
  private static int next = 400;

  @BeforeAll
  static void setUp(Jdbi jdbi) {
    f = new Fixture(jdbi, SyncConfig.defaults(), Duration.ofMillis(400));
  }

  @AfterAll
  static void tearDown() {
    f.close();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Fault.Kind.class,
      names = {
        "TEXT_PLAIN_CONTENT_TYPE",
        "WRONG_CHARSET",
        "MISSING_CONTENT_TYPE",
        "EMPTY_BODY",
        "HTML_ERROR_PAGE",
        "GZIP_WITHOUT_HEADER",
        "UNASKED_GZIP",
        "TRUNCATED_BODY",
        "MALFORMED_JSON"
      })
  void a_broken_answer_for_a_stored_point_fails_the_sync_and_changes_no_row(Fault.Kind kind) {
    Gsrn gsrn = f.track(next++);
    assertThat(f.engine.sync(gsrn)).isEqualTo(new SyncResult.Changed(gsrn));
    f.simulator.switchSupplier(gsrn, SWITCH, AdapterSimulator.supplierGln(next));
    List<String> before = f.rowVersions(gsrn);
    long historyBefore = f.historyRows(gsrn);
    f.simulator.inject(gsrn, Fault.of(kind), 1);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(result).isInstanceOf(SyncResult.Failed.class);
    assertThat(((SyncResult.Failed) result).kind()).isEqualTo(SyncResult.Kind.INVALID_RESPONSE);
    assertThat(f.rowVersions(gsrn)).isEqualTo(before);
    assertThat(f.historyRows(gsrn)).isEqualTo(historyBefore);
    assertThat(f.simulator.requestCount(gsrn)).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(
      value = Fault.Kind.class,
      names = {
        "TEXT_PLAIN_CONTENT_TYPE",
        "WRONG_CHARSET",
        "MISSING_CONTENT_TYPE",
        "EMPTY_BODY",
        "HTML_ERROR_PAGE",
        "GZIP_WITHOUT_HEADER",
        "UNASKED_GZIP",
        "TRUNCATED_BODY",
        "CUT_CONNECTION"
      })
  void a_broken_answer_for_a_new_point_stores_nothing_of_it(Fault.Kind kind) {
    Gsrn gsrn = f.track(next++);
    f.simulator.inject(gsrn, Fault.of(kind), AdapterConfig.ATTEMPTS_MAX_DEFAULT);

    SyncResult result = f.engine.sync(gsrn);

    assertThat(result).isInstanceOf(SyncResult.Failed.class);
    assertThat(f.isStored(gsrn)).isFalse();
    assertThat(f.historyRows(gsrn)).isZero();
  }
}
