package org.fis.accountingpoint.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.fis.accountingpoint.AccountingPointAdapter;
import org.fis.accountingpoint.AccountingPointData;
import org.fis.accountingpoint.AccountingPointException;
import org.fis.accountingpoint.FetchResult;
import org.fis.accountingpoint.Gsrn;
import org.fis.accountingpoint.SyncConfig;
import org.fis.accountingpoint.SyncMetrics;
import org.fis.accountingpoint.SyncResult;
import org.fis.accountingpoint.internal.SyncStateDao.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync pipeline: claim (committed start stamp), fetch with no transaction open, merge in one
 * transaction that re-checks the claim, record every outcome. Used by the engine (one point or a
 * due batch), the worker pool (fetch and merge on different threads) and the lookup (storing what
 * it fetched). Owns its transactions. Thread-safe.
 */
public final class SyncPipeline {
  private static final Logger LOG = LoggerFactory.getLogger(SyncPipeline.class);

  private final Transactions tx;
  private final AccountingPointAdapter adapter;
  private final SyncConfig config;
  private final Clock clock;
  private final SyncMetrics metrics;
  private final DoubleSupplier jitter;

  /**
   * Creates the pipeline.
   *
   * @param tx the host's database
   * @param adapter the adapter
   * @param config the configuration
   * @param clock the clock
   * @param metrics the metrics sink
   * @param jitter uniform values in [0, 1) that scale the failure backoff
   */
  public SyncPipeline(
      Transactions tx,
      AccountingPointAdapter adapter,
      SyncConfig config,
      Clock clock,
      SyncMetrics metrics,
      DoubleSupplier jitter) {
    this.tx = tx;
    this.adapter = adapter;
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
    this.jitter = jitter;
  }

  /** A claimed and fetched batch waiting for its merge. */
  public static final class Batch {
    private final List<Claim> claims;
    private final Map<String, SyncResult> results = new LinkedHashMap<>();
    private final Map<String, Fetched> fetched = new LinkedHashMap<>();
    private final Map<String, SyncStateDao.Failure> failures = new LinkedHashMap<>();
    private final List<String> released = new ArrayList<>();

    private Batch(List<Claim> claims) {
      this.claims = claims;
    }
  }

  /** Adapter data waiting for the merge. */
  private record Fetched(
      AccountingPointData data, Instant windowFrom, long startedNanos, int attempts) {}

  /**
   * Syncs one accounting point now, unless another sync of it is in progress or it is untracked.
   */
  public SyncResult syncOne(Gsrn gsrn) {
    Instant now = clock.instant();
    Optional<Claim> claim =
        tx.inTransaction(
            List.of(gsrn.value()),
            h ->
                SyncStateDao.claimOne(
                    h,
                    gsrn.value(),
                    now,
                    config.schedule().syncTimeout(),
                    SyncStateDao.nextToken(h)));
    if (claim.isEmpty()) {
      metrics.increment(SyncMetrics.Counter.SKIPPED, 1);
      boolean exists =
          tx.inTransaction(List.of(gsrn.value()), h -> SyncStateDao.exists(h, gsrn.value()));
      return new SyncResult.Skipped(
          gsrn,
          exists
              ? "another sync of it is in progress"
              : "not tracked: no controllable unit is registered on it");
    }
    return complete(fetch(List.of(claim.get()))).get(0);
  }

  /**
   * Claims up to {@code limit} due accounting points and fetches them.
   *
   * @param share which candidates this claimer tries first (its place among the pool's workers)
   * @return the fetched batch, empty when nothing was due
   */
  public Optional<Batch> claimAndFetch(int limit, SyncStateDao.Share share) {
    List<Claim> claims =
        tx.inTransaction(
            List.of(),
            h ->
                SyncStateDao.claimDue(
                    h, clock.instant(), config.schedule().syncTimeout(), limit, share));
    return claims.isEmpty() ? Optional.empty() : Optional.of(fetch(claims));
  }

  private Batch fetch(List<Claim> claims) {
    Batch batch = new Batch(claims);
    // A batch must not outlive its claims: past half the sync timeout the rest is handed back.
    Instant handBackAfter = clock.instant().plus(config.schedule().syncTimeout().dividedBy(2));
    for (Claim claim : claims) {
      Gsrn gsrn = new Gsrn(claim.gsrn());
      if (clock.instant().isAfter(handBackAfter)) {
        batch.released.add(claim.gsrn());
        batch.results.put(
            claim.gsrn(),
            new SyncResult.Skipped(
                gsrn, "handed back unfetched: the batch ran past half the sync timeout"));
        continue;
      }
      Instant windowFrom = windowFrom(claim.unitsFrom());
      long started = System.nanoTime();
      FetchResult result = adapter.fetch(gsrn, windowFrom);
      if (result instanceof FetchResult.Found found) {
        batch.fetched.put(
            claim.gsrn(), new Fetched(found.data(), windowFrom, started, claim.attempts()));
      } else {
        SyncResult.Failed failed = failure(result);
        batch.results.put(claim.gsrn(), failed);
        batch.failures.put(
            claim.gsrn(),
            new SyncStateDao.Failure(claim.gsrn(), failed.message(), retryAt(claim.attempts())));
        metrics.record(SyncMetrics.Timer.SYNC, Duration.ofNanos(System.nanoTime() - started));
      }
    }
    return batch;
  }

  /**
   * Merges a fetched batch and records every outcome.
   *
   * @param batch the batch from {@link #claimAndFetch}
   * @return the outcomes in claim order
   */
  public List<SyncResult> complete(Batch batch) {
    long token = batch.claims.get(0).token();
    try {
      batch.results.putAll(merge(batch.fetched, batch.failures, token));
    } catch (RuntimeException batchFailure) {
      LOG.warn(
          "Merging a batch of {} accounting points failed; retrying them one by one: {}",
          batch.fetched.size(),
          batchFailure.toString());
      for (Map.Entry<String, Fetched> entry : batch.fetched.entrySet()) {
        batch.results.put(entry.getKey(), mergeAlone(entry.getKey(), entry.getValue(), token));
      }
      recordFailures(batch.failures, token);
    }
    release(batch.released, token);
    List<SyncResult> ordered = new ArrayList<>(batch.claims.size());
    for (Claim claim : batch.claims) {
      SyncResult result = batch.results.get(claim.gsrn());
      countResult(result);
      ordered.add(result);
    }
    return ordered;
  }

  private Map<String, SyncResult> merge(
      Map<String, Fetched> fetched, Map<String, SyncStateDao.Failure> failures, long token) {
    Map<String, SyncResult> results = new HashMap<>();
    List<String> all = new ArrayList<>(fetched.keySet());
    all.addAll(failures.keySet());
    tx.inTransaction(
        all,
        h -> {
          Instant now = clock.instant();
          Set<String> owned = SyncStateDao.lockOwned(h, all, token);
          List<String> mergeable = new ArrayList<>();
          for (String gsrn : fetched.keySet()) {
            if (owned.contains(gsrn)) {
              mergeable.add(gsrn);
            }
          }
          Map<String, LocalState> local = LocalStateDao.load(h, mergeable);
          List<MergePlan> plans = new ArrayList<>();
          for (String gsrn : mergeable) {
            Fetched f = fetched.get(gsrn);
            MergePlan plan = MergePlan.of(local.get(gsrn), f.data(), f.windowFrom());
            if (plan.changes()) {
              plans.add(plan);
            }
            results.put(gsrn, outcome(plan, f.data().gsrn()));
          }
          LocalStateDao.apply(h, plans, now);
          SyncStateDao.completeSuccess(
              h, mergeable, token, now, now.plus(config.schedule().freshness()));
          List<SyncStateDao.Failure> ownedFailures = new ArrayList<>();
          for (SyncStateDao.Failure failure : failures.values()) {
            if (owned.contains(failure.gsrn())) {
              ownedFailures.add(failure);
            }
          }
          SyncStateDao.completeFailure(h, ownedFailures, token, now);
          return null;
        });
    for (String gsrn : fetched.keySet()) {
      if (!results.containsKey(gsrn)) {
        results.put(
            gsrn,
            new SyncResult.Skipped(
                new Gsrn(gsrn),
                "claim lost: the sync outlived the sync timeout and was reclaimed"));
      }
    }
    for (Fetched f : fetched.values()) {
      metrics.record(SyncMetrics.Timer.SYNC, Duration.ofNanos(System.nanoTime() - f.startedNanos));
    }
    return results;
  }

  private static SyncResult outcome(MergePlan plan, Gsrn gsrn) {
    return plan.changes() ? new SyncResult.Changed(gsrn) : new SyncResult.Unchanged(gsrn);
  }

  private SyncResult mergeAlone(String gsrn, Fetched fetched, long token) {
    try {
      return merge(Map.of(gsrn, fetched), Map.of(), token).get(gsrn);
    } catch (RuntimeException e) {
      LOG.error("Merging accounting point {} failed", gsrn, e);
      SyncResult.Failed failed =
          new SyncResult.Failed(
              new Gsrn(gsrn),
              SyncResult.Kind.DATABASE,
              "database write failed: " + e.getClass().getSimpleName());
      recordFailures(
          Map.of(
              gsrn, new SyncStateDao.Failure(gsrn, failed.message(), retryAt(fetched.attempts()))),
          token);
      return failed;
    }
  }

  private void release(List<String> gsrns, long token) {
    if (gsrns.isEmpty()) {
      return;
    }
    try {
      tx.inTransaction(
          gsrns,
          h -> {
            SyncStateDao.release(h, gsrns, token, clock.instant());
            return null;
          });
    } catch (RuntimeException e) {
      LOG.error("Handing back claims of {} failed; they expire after the sync timeout", gsrns, e);
    }
  }

  private void recordFailures(Map<String, SyncStateDao.Failure> failures, long token) {
    if (failures.isEmpty()) {
      return;
    }
    try {
      tx.inTransaction(
          new ArrayList<>(failures.keySet()),
          h -> {
            SyncStateDao.completeFailure(
                h, new ArrayList<>(failures.values()), token, clock.instant());
            return null;
          });
    } catch (RuntimeException e) {
      // The claims stay stamped and become reclaimable after the sync timeout.
      LOG.error("Recording sync failures of {} failed", failures.keySet(), e);
    }
  }

  /**
   * Stores what a lookup fetched, as a sync would, unless another sync holds the point (it stores
   * fresh data itself). A database failure is logged: the lookup answers from the fetched data.
   */
  public void storeLookedUp(Gsrn gsrn, AccountingPointData data, Instant windowFrom) {
    try {
      tx.inTransaction(
          List.of(gsrn.value()),
          h -> {
            Instant now = clock.instant();
            SyncStateDao.ensureLookupRow(h, gsrn.value(), now);
            long token = SyncStateDao.nextToken(h);
            Optional<Claim> claim =
                SyncStateDao.claimOne(h, gsrn.value(), now, config.schedule().syncTimeout(), token);
            if (claim.isEmpty()) {
              return null;
            }
            MergePlan plan =
                MergePlan.of(
                    LocalStateDao.load(h, List.of(gsrn.value())).get(gsrn.value()),
                    data,
                    windowFrom);
            LocalStateDao.apply(h, plan.changes() ? List.of(plan) : List.of(), now);
            SyncStateDao.completeSuccess(
                h, List.of(gsrn.value()), token, now, now.plus(config.schedule().freshness()));
            countResult(outcome(plan, gsrn));
            return null;
          });
    } catch (AccountingPointException e) {
      LOG.warn(
          "Storing looked-up accounting point {} failed; answering from the adapter's data",
          gsrn,
          e);
    }
  }

  private static SyncResult.Failed failure(FetchResult result) {
    if (result instanceof FetchResult.NotFound) {
      return new SyncResult.Failed(
          result.gsrn(),
          SyncResult.Kind.NOT_FOUND,
          "the datahub does not know this accounting point (adapter answered 404)");
    }
    FetchResult.Failed failed = (FetchResult.Failed) result;
    SyncResult.Kind kind =
        switch (failed.kind()) {
          case CONFIGURATION -> SyncResult.Kind.CONFIGURATION;
          case INVALID_RESPONSE -> SyncResult.Kind.INVALID_RESPONSE;
          case UNAVAILABLE, RATE_LIMITED, UNEXPECTED_STATUS, CIRCUIT_OPEN ->
              SyncResult.Kind.ADAPTER_UNAVAILABLE;
        };
    return new SyncResult.Failed(result.gsrn(), kind, failed.message());
  }

  /** Counts one outcome in the metrics. */
  public void countResult(SyncResult result) {
    if (result instanceof SyncResult.Changed) {
      metrics.increment(SyncMetrics.Counter.SYNCED, 1);
    } else if (result instanceof SyncResult.Unchanged) {
      metrics.increment(SyncMetrics.Counter.UNCHANGED, 1);
    } else if (result instanceof SyncResult.Skipped) {
      metrics.increment(SyncMetrics.Counter.SKIPPED, 1);
    } else if (result instanceof SyncResult.Failed) {
      metrics.increment(SyncMetrics.Counter.FAILED, 1);
    } else {
      throw new AssertionError("unknown result " + result);
    }
  }

  /** Exponential backoff with equal jitter: between half and all of base * 2^attempts. */
  private Instant retryAt(int previousAttempts) {
    long base = config.failureBackoff().base().toMillis();
    long cap = config.failureBackoff().max().toMillis();
    long exponential = previousAttempts >= 30 ? cap : Math.min(cap, base << previousAttempts);
    long delay = exponential / 2 + (long) (exponential / 2 * jitter.getAsDouble());
    return clock.instant().plusMillis(Math.max(1, delay));
  }

  /**
   * The start of the window to fetch: the earliest sync start of the point's units, or today's
   * midnight in the configured zone for a point without units (a lookup).
   */
  public Instant windowFrom(Optional<Instant> unitsFrom) {
    return unitsFrom.orElseGet(
        () -> LocalDate.now(clock.withZone(config.zone())).atStartOfDay(config.zone()).toInstant());
  }
}
