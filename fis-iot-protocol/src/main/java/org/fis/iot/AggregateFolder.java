package org.fis.iot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.fis.iot.internal.AggregateFold;
import org.fis.iot.internal.Transactions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds acknowledged quarter hours into their day and month aggregates. A push is acknowledged once
 * its raw rows and quarter-hour aggregates are committed; it queues every quarter hour it changed,
 * and this folder merges what the day and month rows lack into them afterwards. Queries never wait
 * for it: {@link AggregateQueries} answers days and months as if everything were folded. Run it
 * often (the example host's {@code SuiteSchedules.iotAggregateFold} runs {@link #foldBacklog} every
 * second on the job queue) so that the queue, which day and month queries read, stays short; its
 * lag is reported to {@link IngestMetrics#folded}.
 *
 * <p>Each fold takes the oldest queued quarter hours first (so every quarter hour is folded within
 * a bounded number of folds), at most {@code quarterHoursMax} per transaction, and holds the ingest
 * locks of their meters until it commits (pushes of those meters wait for it). It is idempotent: a
 * fold that commits dequeues exactly what it merged, one that fails or whose process dies rolls
 * back whole, and a repeated fold finds nothing left. Folds may run concurrently in several
 * processes. Thread-safe.
 */
public final class AggregateFolder {
  private static final Logger LOG = LoggerFactory.getLogger(AggregateFolder.class);

  /** Quarter hours folded per transaction by default. */
  public static final int QUARTER_HOURS_PER_FOLD_DEFAULT = 2_000;

  /** The most quarter hours folded per transaction (bounds lock holding and memory). */
  public static final int QUARTER_HOURS_PER_FOLD_MAX = 20_000;

  /** Transactions {@link #foldBacklog} runs at most by default before it returns. */
  public static final int ROUNDS_DEFAULT = 50;

  /** The most transactions one {@link #foldBacklog} call may run. */
  public static final int ROUNDS_MAX = 10_000;

  /** Retries of a fold transaction that failed retryably (deadlock, serialization). */
  public static final int RETRY_MAX = 3;

  private final Clock clock;
  private final IngestMetrics metrics;

  private AggregateFolder(Clock clock, IngestMetrics metrics) {
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Creates the folder.
   *
   * @param clock the time source of the lag (the one the pushes use)
   * @param metrics told about every fold ({@link IngestMetrics#NONE} for none)
   * @return the folder
   */
  public static AggregateFolder create(Clock clock, IngestMetrics metrics) {
    AggregateFolder folder =
        new AggregateFolder(
            Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(metrics, "metrics"));
    LOG.info(
        "fis-iot aggregate folder: {} quarter hours per fold by default, at most {}",
        QUARTER_HOURS_PER_FOLD_DEFAULT,
        QUARTER_HOURS_PER_FOLD_MAX);
    return folder;
  }

  /**
   * Folds up to {@code quarterHoursMax} of the oldest queued quarter hours in the caller's
   * transaction: nothing counts until the caller commits, and the meters' ingest locks are held
   * until then. Reported to the metrics before the caller commits.
   *
   * @param handle the caller's handle
   * @param quarterHoursMax 1..{@link #QUARTER_HOURS_PER_FOLD_MAX}
   * @return what was folded, with the lag left
   */
  public FoldResult fold(Handle handle, int quarterHoursMax) {
    Objects.requireNonNull(handle, "handle");
    requireBatch(quarterHoursMax);
    long started = System.nanoTime();
    AggregateFold.Outcome outcome = AggregateFold.fold(handle, quarterHoursMax);
    FoldResult result =
        new FoldResult(
            outcome.quarterHours(),
            outcome.rowsWritten(),
            outcome.quarterHours() == 0 ? 0 : 1,
            lag(handle));
    metrics.folded(result, Duration.ofNanos(System.nanoTime() - started));
    return result;
  }

  /**
   * Folds the queue in transactions of its own, each of up to {@code quarterHoursMax} quarter
   * hours, until a transaction finds fewer than that (the queue is drained) or {@code roundsMax}
   * transactions ran. Owns its transactions (takes a {@link Jdbi}).
   *
   * @param jdbi the database
   * @param quarterHoursMax per transaction, 1..{@link #QUARTER_HOURS_PER_FOLD_MAX}
   * @param roundsMax transactions at most, 1..{@link #ROUNDS_MAX}
   * @return what was folded in all, with the lag left
   */
  public FoldResult foldBacklog(Jdbi jdbi, int quarterHoursMax, int roundsMax) {
    Objects.requireNonNull(jdbi, "jdbi");
    requireBatch(quarterHoursMax);
    if (roundsMax < 1 || roundsMax > ROUNDS_MAX) {
      throw new IllegalArgumentException(
          "roundsMax: must be 1.." + ROUNDS_MAX + ", got " + roundsMax);
    }
    long started = System.nanoTime();
    int quarterHours = 0;
    int rows = 0;
    int rounds = 0;
    for (int round = 0; round < roundsMax; round++) {
      AggregateFold.Outcome outcome =
          Transactions.run(
              jdbi,
              RETRY_MAX,
              handle ->
                  new Transactions.Outcome<>(AggregateFold.fold(handle, quarterHoursMax), true));
      quarterHours += outcome.quarterHours();
      rows += outcome.rowsWritten();
      if (outcome.quarterHours() > 0) {
        rounds++;
      }
      if (outcome.quarterHours() < quarterHoursMax) {
        break;
      }
    }
    Duration lag = jdbi.withHandle(this::lag);
    FoldResult result = new FoldResult(quarterHours, rows, rounds, lag);
    metrics.folded(result, Duration.ofNanos(System.nanoTime() - started));
    return result;
  }

  /**
   * How long the oldest quarter hour not yet folded has waited, by this folder's clock.
   *
   * @param handle the caller's handle
   * @return the lag, {@link Duration#ZERO} when nothing waits
   */
  public Duration lag(Handle handle) {
    Objects.requireNonNull(handle, "handle");
    Instant now = clock.instant();
    return AggregateFold.oldestQueued(handle)
        .map(oldest -> oldest.isBefore(now) ? Duration.between(oldest, now) : Duration.ZERO)
        .orElse(Duration.ZERO);
  }

  private static void requireBatch(int quarterHoursMax) {
    if (quarterHoursMax < 1 || quarterHoursMax > QUARTER_HOURS_PER_FOLD_MAX) {
      throw new IllegalArgumentException(
          "quarterHoursMax: must be 1.." + QUARTER_HOURS_PER_FOLD_MAX + ", got " + quarterHoursMax);
    }
  }
}
