package org.fis.accountingpoint;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.fis.accountingpoint.internal.StatusDao;
import org.fis.accountingpoint.internal.SyncPipeline;
import org.fis.accountingpoint.internal.Transactions;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module's one front door: built once from one {@link SyncConfig} and one set of collaborators
 * (the host's {@link Jdbi}, a {@link Clock}, a {@link SyncMetrics} sink and the adapter), it hands
 * out every part wired to the same ones — the {@link #engine()}, the {@link #lookup()}, the
 * controllable-unit registry {@link #units()}, the event {@link #inbox()}, the {@link #retention()}
 * purge, the {@link #status} report and the background worker pool ({@link #startWorkers()}).
 *
 * <pre>{@code
 * AccountingPoints points =
 *     AccountingPoints.create(SyncConfig.defaults(), jdbi, clock, metrics,
 *         AdapterConfig.defaults(adapterUri, apiKey));
 * jdbi.useTransaction(h -> points.units().register(h, gsrn, "cu-42", syncFrom));
 * try (SyncWorkerPool pool = points.startWorkers()) {
 *   LookupResult lookup = points.lookup().lookup(gsrn, "15019000003");
 * }
 * }</pre>
 *
 * <p>Thread-safe; one instance per process and database. The parts that call the adapter (engine,
 * lookup, pool) own their transactions; the others ({@link ControllableUnits}, {@link EventInbox},
 * {@link DataRetention}, {@link #status}) run in the caller's transaction on the caller's handle.
 */
public final class AccountingPoints {
  private static final Logger LOG = LoggerFactory.getLogger(AccountingPoints.class);

  /** Most failures listed by {@link #status}. */
  public static final int STATUS_FAILURES_MAX = 1_000;

  private final SyncConfig config;
  private final Clock clock;
  private final Transactions tx;
  private final AccountingPointAdapter adapter;
  private final SyncEngine engine;
  private final AccountingPointLookup lookup;
  private final ControllableUnits units;
  private final EventInbox inbox;
  private final DataRetention retention;

  private AccountingPoints(
      SyncConfig config,
      Jdbi jdbi,
      Clock clock,
      SyncMetrics metrics,
      AccountingPointAdapter adapter) {
    this.config = config;
    this.clock = clock;
    this.tx = new Transactions(jdbi);
    this.adapter = adapter;
    SyncPipeline pipeline =
        new SyncPipeline(
            tx, adapter, config, clock, metrics, () -> ThreadLocalRandom.current().nextDouble());
    this.engine = SyncEngine.create(pipeline);
    this.lookup = AccountingPointLookup.create(tx, adapter, pipeline, config, clock, metrics);
    this.units = ControllableUnits.create(clock);
    this.inbox = EventInbox.create(clock, metrics);
    this.retention = DataRetention.create(clock, config.retention(), metrics);
  }

  /**
   * Builds the module against the adapter over HTTP: an {@link AdapterClient} with the same clock
   * and metrics as every other part. Logs the effective configurations once (key masked).
   *
   * @param config the sync configuration
   * @param jdbi the host's database (migrated with {@link AccountingPointMigrations})
   * @param clock the clock of every part
   * @param metrics the metrics sink of every part
   * @param adapter the adapter client's configuration
   * @return the front door
   */
  public static AccountingPoints create(
      SyncConfig config, Jdbi jdbi, Clock clock, SyncMetrics metrics, AdapterConfig adapter) {
    Objects.requireNonNull(adapter, "adapter");
    return create(config, jdbi, clock, metrics, AdapterClient.create(adapter, clock, metrics));
  }

  /**
   * Builds the module against an adapter of the host's own (another transport, a test fake). A host
   * that passes an {@link AdapterClient} should have created it with the same clock and metrics.
   *
   * @param config the sync configuration
   * @param jdbi the host's database (migrated with {@link AccountingPointMigrations})
   * @param clock the clock of every part
   * @param metrics the metrics sink of every part
   * @param adapter the adapter
   * @return the front door
   */
  public static AccountingPoints create(
      SyncConfig config,
      Jdbi jdbi,
      Clock clock,
      SyncMetrics metrics,
      AccountingPointAdapter adapter) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(jdbi, "jdbi");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(adapter, "adapter");
    LOG.info("Accounting point sync: {}", config);
    return new AccountingPoints(config, jdbi, clock, metrics, adapter);
  }

  /** The configuration every part uses. */
  public SyncConfig config() {
    return config;
  }

  /** The adapter every part calls. */
  public AccountingPointAdapter adapter() {
    return adapter;
  }

  /** The sync engine (sync one point, or one batch of due points). */
  public SyncEngine engine() {
    return engine;
  }

  /** The lookup-time sync (is this the current end user?). */
  public AccountingPointLookup lookup() {
    return lookup;
  }

  /** The controllable-unit registry (data minimisation). */
  public ControllableUnits units() {
    return units;
  }

  /** The idempotent inbox of thin events (push in the host's transaction). */
  public EventInbox inbox() {
    return inbox;
  }

  /** The purge of accounting points whose retention ended. */
  public DataRetention retention() {
    return retention;
  }

  /**
   * Starts the background worker pool without a pull-based event source (events, if any, are pushed
   * with {@link SyncWorkerPool#accept} or {@link EventInbox#accept}).
   *
   * @return the running pool; close it to stop
   */
  public SyncWorkerPool startWorkers() {
    return SyncWorkerPool.start(parts(), Optional.empty());
  }

  /**
   * Starts the background worker pool, polling {@code source} for events.
   *
   * @param source the pull-based event source
   * @return the running pool; close it to stop
   */
  public SyncWorkerPool startWorkers(EventSource source) {
    Objects.requireNonNull(source, "source");
    return SyncWorkerPool.start(parts(), Optional.of(source));
  }

  private SyncWorkerPool.Parts parts() {
    return new SyncWorkerPool.Parts(engine, inbox, retention, tx, config, clock);
  }

  /**
   * The sync's health: counts of tracked, never synced, due, in progress, dead and failing
   * accounting points, and the most recent failures. One scan of the sync bookkeeping.
   *
   * @param handle the caller's handle (its transaction)
   * @param failuresMax the most failures to list, at most {@value #STATUS_FAILURES_MAX}
   * @return the report
   */
  public SyncStatusReport status(Handle handle, int failuresMax) {
    Objects.requireNonNull(handle, "handle");
    if (failuresMax < 0 || failuresMax > STATUS_FAILURES_MAX) {
      throw new IllegalArgumentException(
          "failuresMax: must be within [0, " + STATUS_FAILURES_MAX + "], got " + failuresMax);
    }
    Instant now = clock.instant();
    StatusDao.Counts counts =
        StatusDao.counts(handle, now, now.minus(config.schedule().syncTimeout()));
    List<SyncStatusReport.Failure> failures =
        StatusDao.failures(handle, failuresMax).stream()
            .map(
                row ->
                    new SyncStatusReport.Failure(
                        new Gsrn(row.gsrn()),
                        row.attempts(),
                        row.lastError(),
                        row.lastErrorAt(),
                        row.nextDueAt()))
            .toList();
    return new SyncStatusReport(
        counts.tracked(),
        counts.neverSynced(),
        counts.due(),
        counts.inProgress(),
        counts.dead(),
        counts.failing(),
        failures);
  }
}
