package org.fis.examples.schedules;

import java.time.Duration;
import java.time.ZoneId;
import org.fis.accountingpoint.DataRetention;
import org.fis.accountingpoint.SyncEngine;
import org.fis.iot.AggregateFolder;
import org.fis.jobs.Schedule;
import org.fis.ledger.Ledger;
import org.jdbi.v3.core.Jdbi;

/**
 * The suite's own periodic work as ready schedules on fis-jobs. Each is one line for a host:
 *
 * <pre>{@code
 * SuiteSchedules.ledgerHoldExpiry(ledger, "main").registerOn(scheduler, processor);
 * SuiteSchedules.iotRawPartitionAhead().registerOn(scheduler, processor);
 * SuiteSchedules.iotAggregateFold(folder, jdbi).registerOn(scheduler, processor);
 * SuiteSchedules.personalDataPurge(retention).registerOn(scheduler, processor);
 * SuiteSchedules.accountingPointBackgroundRound(engine).registerOn(scheduler, processor);
 * }</pre>
 *
 * <p>Each handler runs in the job's transaction; the work is idempotent, so a run repeated after a
 * lost lease does no harm. The modules' own APIs do the work; nothing here reaches into a module's
 * internals except the IoT partition function, which is part of that module's schema.
 */
public final class SuiteSchedules {
  /** Holds expired per run (one statement per hold, in the job's transaction). */
  public static final int HOLD_EXPIRY_BATCH = 1_000;

  /** Accounting points purged per run. */
  public static final int PURGE_BATCH = 500;

  /** Quarter hours folded per transaction by {@link #iotAggregateFold}. */
  public static final int FOLD_QUARTER_HOURS = AggregateFolder.QUARTER_HOURS_PER_FOLD_DEFAULT;

  /** Transactions per run of {@link #iotAggregateFold} at most (then the next run goes on). */
  public static final int FOLD_ROUNDS = AggregateFolder.ROUNDS_DEFAULT;

  /** Accounting points synced per background round. */
  public static final int SYNC_BATCH = 50;

  private SuiteSchedules() {}

  /**
   * The ledger's {@code expireHolds}, every minute: releases holds whose expiry has passed.
   *
   * @param ledger the ledger
   * @param ledgerId the ledger id
   * @return the ready schedule {@code fis.ledger.expire-holds:<ledgerId>}
   */
  public static ReadySchedule ledgerHoldExpiry(Ledger ledger, String ledgerId) {
    return new ReadySchedule(
        Schedule.cron(
            "fis.ledger.expire-holds:" + ledgerId,
            "fis.ledger.expire-holds",
            "* * * * *",
            ZoneId.of("UTC")),
        (handle, job) -> ledger.expireHolds(handle, ledgerId, HOLD_EXPIRY_BATCH));
  }

  /**
   * The IoT raw-measurement partitions of this month and the next two, created ahead of time (daily
   * at 03:17 UTC), so that no push pays for a partition's creation at a month's start.
   *
   * @return the ready schedule {@code fis.iot.raw-partition-ahead}
   */
  public static ReadySchedule iotRawPartitionAhead() {
    return new ReadySchedule(
        Schedule.cron(
            "fis.iot.raw-partition-ahead",
            "fis.iot.raw-partition-ahead",
            "17 3 * * *",
            ZoneId.of("UTC")),
        (handle, job) ->
            handle
                .createQuery(
                    "SELECT count(fis_iot.ensure_raw_partition(now() + make_interval(months => m)))"
                        + " FROM generate_series(0, 2) m")
                .mapTo(Long.class)
                .one());
  }

  /**
   * The IoT fold of acknowledged quarter hours into their day and month aggregates ({@link
   * AggregateFolder#foldBacklog}), one second after the previous run finished: each run drains the
   * queue in transactions of {@value #FOLD_QUARTER_HOURS} quarter hours, oldest first (at most
   * {@value #FOLD_ROUNDS} of them), so the fold lag stays about a second plus the time to fold what
   * arrived meanwhile. Queries never wait for it (they merge what is not folded yet); the folder
   * owns its transactions, the job only paces it.
   *
   * @param folder the folder
   * @param jdbi the database of the IoT module
   * @return the ready schedule {@code fis.iot.aggregate-fold}
   */
  public static ReadySchedule iotAggregateFold(AggregateFolder folder, Jdbi jdbi) {
    return new ReadySchedule(
        Schedule.fixedDelay(
            "fis.iot.aggregate-fold", "fis.iot.aggregate-fold", Schedule.FixedDelay.DELAY_MIN),
        (handle, job) -> folder.foldBacklog(jdbi, FOLD_QUARTER_HOURS, FOLD_ROUNDS));
  }

  /**
   * The accounting point personal-data purge ({@link DataRetention#purgeExpired}), hourly.
   *
   * @param retention the purger
   * @return the ready schedule {@code fis.accountingpoint.purge}
   */
  public static ReadySchedule personalDataPurge(DataRetention retention) {
    return new ReadySchedule(
        Schedule.cron(
            "fis.accountingpoint.purge",
            "fis.accountingpoint.purge",
            "41 * * * *",
            ZoneId.of("UTC")),
        (handle, job) -> retention.purgeExpired(handle, PURGE_BATCH));
  }

  /**
   * The accounting point background sync round ({@link SyncEngine#syncDue}), 30 seconds after the
   * previous round finished. The engine owns its transactions; the job only paces it.
   *
   * @param engine the sync engine
   * @return the ready schedule {@code fis.accountingpoint.background-round}
   */
  public static ReadySchedule accountingPointBackgroundRound(SyncEngine engine) {
    return new ReadySchedule(
        Schedule.fixedDelay(
            "fis.accountingpoint.background-round",
            "fis.accountingpoint.background-round",
            Duration.ofSeconds(30)),
        (handle, job) -> engine.syncDue(SYNC_BATCH));
  }
}
