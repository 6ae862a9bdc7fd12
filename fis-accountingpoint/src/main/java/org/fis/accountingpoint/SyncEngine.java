package org.fis.accountingpoint;

import static org.fis.accountingpoint.internal.SyncRepository.utc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;
import org.fis.accountingpoint.internal.LocalState;
import org.fis.accountingpoint.internal.MergePlan;
import org.fis.accountingpoint.internal.SyncRepository;
import org.fis.accountingpoint.internal.SyncRepository.Claim;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync engine: fetches accounting points from the adapter and merges them into the local model,
 * one sync per accounting point at a time.
 *
 * <p>A sync claims the accounting point's sync row with {@code SELECT … FOR UPDATE SKIP LOCKED},
 * stamps its start and commits; then calls the adapter with no transaction open; then, in one
 * transaction, re-locks the row (only if its claim still holds), merges set-based and records the
 * outcome. A crash leaves only the start stamp, which becomes reclaimable after {@link
 * SyncConfig#syncTimeout()}; a merge is all or nothing.
 *
 * <p><b>Owns its transactions:</b> takes a {@link Jdbi} and opens, commits and rolls back its own
 * short transactions; never call it inside a host transaction that must include its writes.
 * Thread-safe; one instance serves all threads.
 */
public final class SyncEngine {
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);
  private static final Pattern END_USER_QUERY =
      Pattern.compile("^[0-9]{6}$|^[1-9][0-9]{8}$|^[0-9]{11}$");

  /** Most failures listed by {@link #status}. */
  public static final int STATUS_FAILURES_MAX = 1_000;

  private final Jdbi jdbi;
  private final AccountingPointAdapter adapter;
  private final SyncConfig config;
  private final Clock clock;
  private final SyncMetrics metrics;
  private final DoubleSupplier jitter;

  private SyncEngine(
      Jdbi jdbi,
      AccountingPointAdapter adapter,
      SyncConfig config,
      Clock clock,
      SyncMetrics metrics,
      DoubleSupplier jitter) {
    this.jdbi = jdbi;
    this.adapter = adapter;
    this.config = config;
    this.clock = clock;
    this.metrics = metrics;
    this.jitter = jitter;
  }

  /**
   * Creates the engine and logs its effective configuration once.
   *
   * @param jdbi the host's database (the engine opens its own transactions)
   * @param adapter the adapter, e.g. an {@link AdapterClient}
   * @param config the configuration
   * @param clock the clock
   * @param metrics the metrics sink
   * @return the engine
   */
  public static SyncEngine create(
      Jdbi jdbi,
      AccountingPointAdapter adapter,
      SyncConfig config,
      Clock clock,
      SyncMetrics metrics) {
    Objects.requireNonNull(jdbi, "jdbi");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(metrics, "metrics");
    LOG.info("Accounting point sync engine: {}", config);
    return new SyncEngine(
        jdbi, adapter, config, clock, metrics, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The configuration. */
  public SyncConfig config() {
    return config;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /** The metrics sink. */
  public SyncMetrics metrics() {
    return metrics;
  }

  /** The database. */
  Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Syncs one accounting point now, unless another sync of it is in progress.
   *
   * @param gsrn the accounting point; it must have a sync row (a controllable unit, or a lookup)
   * @return the outcome
   */
  public SyncResult sync(Gsrn gsrn) {
    Objects.requireNonNull(gsrn, "gsrn");
    Optional<Claim> claim =
        inTransaction(
            gsrn.value(),
            h ->
                SyncRepository.claimOne(
                    h,
                    gsrn.value(),
                    clock.instant(),
                    config.syncTimeout(),
                    SyncRepository.nextToken(h)));
    if (claim.isEmpty()) {
      metrics.increment(SyncMetrics.Counter.SKIPPED, 1);
      boolean exists =
          inTransaction(
              gsrn.value(),
              h ->
                  h.createQuery(
                              "SELECT count(*) FROM fis_accountingpoint.sync_state WHERE gsrn = :g")
                          .bind("g", gsrn.value())
                          .mapTo(Long.class)
                          .one()
                      > 0);
      return new SyncResult.Skipped(
          gsrn,
          exists
              ? "another sync of it is in progress"
              : "not tracked: no controllable unit is registered on it");
    }
    return process(List.of(claim.get())).get(0);
  }

  /**
   * Claims up to {@code limit} due accounting points (events first, then never synced, then the
   * oldest; failing ones only after their backoff and after healthy ones) and syncs them in the
   * calling thread. This is one worker step of {@link SyncWorkerPool}.
   *
   * @param limit the most accounting points to claim
   * @return the outcomes, empty when nothing was due
   */
  public List<SyncResult> syncDue(int limit) {
    if (limit < 1 || limit > SyncConfig.BATCH_SIZE_LIMIT) {
      throw new IllegalArgumentException(
          "limit: must be within [1, " + SyncConfig.BATCH_SIZE_LIMIT + "], got " + limit);
    }
    Pending pending = claimAndFetch(limit);
    return pending == null ? List.of() : complete(pending);
  }

  /**
   * Claims up to {@code limit} due accounting points and fetches them; the merge follows in {@link
   * #complete}, possibly on another thread (the pool overlaps merges with fetches).
   *
   * @return the fetched batch, or null when nothing was due
   */
  Pending claimAndFetch(int limit) {
    List<Claim> claims =
        inTransaction(
            "", h -> SyncRepository.claimDue(h, clock.instant(), config.syncTimeout(), limit));
    return claims.isEmpty() ? null : fetch(claims);
  }

  /** A claimed and fetched batch waiting for its merge. */
  static final class Pending {
    private final List<Claim> claims;
    private final Map<String, SyncResult> results = new LinkedHashMap<>();
    private final Map<String, Fetched> fetched = new LinkedHashMap<>();
    private final Map<String, SyncRepository.Failure> failures = new LinkedHashMap<>();
    private final List<String> released = new ArrayList<>();

    private Pending(List<Claim> claims) {
      this.claims = claims;
    }
  }

  private List<SyncResult> process(List<Claim> claims) {
    return complete(fetch(claims));
  }

  private Pending fetch(List<Claim> claims) {
    Pending pending = new Pending(claims);
    Map<String, SyncResult> results = pending.results;
    Map<String, Fetched> fetched = pending.fetched;
    Map<String, SyncRepository.Failure> failures = pending.failures;
    // A batch must not outlive its claims: past half the sync timeout the rest is handed back.
    Instant handBackAfter = clock.instant().plus(config.syncTimeout().dividedBy(2));
    for (Claim claim : claims) {
      Gsrn gsrn = new Gsrn(claim.gsrn());
      if (clock.instant().isAfter(handBackAfter)) {
        pending.released.add(claim.gsrn());
        results.put(
            claim.gsrn(),
            new SyncResult.Skipped(
                gsrn, "handed back unfetched: the batch ran past half the sync timeout"));
        continue;
      }
      Instant windowFrom = windowFrom(claim.windowFrom());
      long started = System.nanoTime();
      FetchResult result = adapter.fetch(gsrn, windowFrom);
      if (result instanceof FetchResult.Found) {
        fetched.put(
            claim.gsrn(),
            new Fetched(
                ((FetchResult.Found) result).data(), windowFrom, started, claim.attempts()));
      } else {
        SyncResult.Failed failed = failure(result);
        results.put(claim.gsrn(), failed);
        failures.put(
            claim.gsrn(),
            new SyncRepository.Failure(claim.gsrn(), failed.message(), retryAt(claim.attempts())));
        metrics.record(SyncMetrics.Timer.SYNC, Duration.ofNanos(System.nanoTime() - started));
      }
    }
    return pending;
  }

  /**
   * Merges a fetched batch and records every outcome.
   *
   * @param pending the batch from {@link #claimAndFetch}
   * @return the outcomes in claim order
   */
  List<SyncResult> complete(Pending pending) {
    List<Claim> claims = pending.claims;
    long token = claims.get(0).token();
    Map<String, SyncResult> results = pending.results;
    Map<String, Fetched> fetched = pending.fetched;
    Map<String, SyncRepository.Failure> failures = pending.failures;
    try {
      results.putAll(merge(fetched, failures, token));
    } catch (RuntimeException batchFailure) {
      LOG.warn(
          "Merging a batch of {} accounting points failed; retrying them one by one: {}",
          fetched.size(),
          batchFailure.toString());
      for (Map.Entry<String, Fetched> entry : fetched.entrySet()) {
        results.put(entry.getKey(), mergeAlone(entry.getKey(), entry.getValue(), token));
      }
      recordFailures(failures, token);
    }
    release(pending.released, token);
    List<SyncResult> ordered = new ArrayList<>(claims.size());
    for (Claim claim : claims) {
      SyncResult result = results.get(claim.gsrn());
      countResult(result);
      ordered.add(result);
    }
    return ordered;
  }

  /** Adapter data waiting for the merge. */
  private record Fetched(
      AccountingPointData data, Instant windowFrom, long startedNanos, int attempts) {}

  private Map<String, SyncResult> merge(
      Map<String, Fetched> fetched, Map<String, SyncRepository.Failure> failures, long token) {
    Map<String, SyncResult> results = new HashMap<>();
    List<String> all = new ArrayList<>(fetched.keySet());
    all.addAll(failures.keySet());
    inTransaction(
        String.join(",", all),
        h -> {
          Instant now = clock.instant();
          Set<String> owned = SyncRepository.lockOwned(h, all, token);
          List<String> mergeable = new ArrayList<>();
          for (String gsrn : fetched.keySet()) {
            if (owned.contains(gsrn)) {
              mergeable.add(gsrn);
            }
          }
          Map<String, LocalState> local = SyncRepository.loadLocal(h, mergeable);
          List<MergePlan> plans = new ArrayList<>();
          for (String gsrn : mergeable) {
            Fetched f = fetched.get(gsrn);
            MergePlan plan = MergePlan.of(local.get(gsrn), f.data(), f.windowFrom());
            if (plan.changes()) {
              plans.add(plan);
            }
            results.put(
                gsrn,
                plan.changes()
                    ? new SyncResult.Changed(f.data().gsrn())
                    : new SyncResult.Unchanged(f.data().gsrn()));
          }
          SyncRepository.apply(h, plans, now);
          SyncRepository.completeSuccess(h, mergeable, token, now, now.plus(config.freshness()));
          List<SyncRepository.Failure> ownedFailures = new ArrayList<>();
          for (SyncRepository.Failure failure : failures.values()) {
            if (owned.contains(failure.gsrn())) {
              ownedFailures.add(failure);
            }
          }
          SyncRepository.completeFailure(h, ownedFailures, token, now);
          return null;
        });
    for (String gsrn : all) {
      if (fetched.containsKey(gsrn) && !results.containsKey(gsrn)) {
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

  private SyncResult mergeAlone(String gsrn, Fetched fetched, long token) {
    try {
      return merge(Map.of(gsrn, fetched), Map.of(), token).get(gsrn);
    } catch (RuntimeException e) {
      LOG.error("Merging accounting point {} failed", gsrn, e);
      SyncResult.Failed failed =
          new SyncResult.Failed(
              new Gsrn(gsrn),
              SyncResult.Cause.DATABASE,
              "database write failed: " + e.getClass().getSimpleName());
      recordFailures(
          Map.of(
              gsrn,
              new SyncRepository.Failure(gsrn, failed.message(), retryAt(fetched.attempts()))),
          token);
      return failed;
    }
  }

  private void release(List<String> gsrns, long token) {
    if (gsrns.isEmpty()) {
      return;
    }
    try {
      inTransaction(
          String.join(",", gsrns),
          h -> {
            SyncRepository.release(h, gsrns, token, clock.instant());
            return null;
          });
    } catch (RuntimeException e) {
      LOG.error("Handing back claims of {} failed; they expire after the sync timeout", gsrns, e);
    }
  }

  private void recordFailures(Map<String, SyncRepository.Failure> failures, long token) {
    if (failures.isEmpty()) {
      return;
    }
    try {
      inTransaction(
          String.join(",", failures.keySet()),
          h -> {
            SyncRepository.completeFailure(
                h, new ArrayList<>(failures.values()), token, clock.instant());
            return null;
          });
    } catch (RuntimeException e) {
      // The claims stay stamped and become reclaimable after the sync timeout.
      LOG.error("Recording sync failures of {} failed", failures.keySet(), e);
    }
  }

  private SyncResult.Failed failure(FetchResult result) {
    if (result instanceof FetchResult.NotFound) {
      return new SyncResult.Failed(
          result.gsrn(),
          SyncResult.Cause.NOT_FOUND,
          "the datahub does not know this accounting point (adapter answered 404)");
    }
    FetchResult.Failed failed = (FetchResult.Failed) result;
    SyncResult.Cause cause;
    switch (failed.kind()) {
      case CONFIGURATION:
        cause = SyncResult.Cause.CONFIGURATION;
        break;
      case INVALID_RESPONSE:
        cause = SyncResult.Cause.INVALID_RESPONSE;
        break;
      default:
        cause = SyncResult.Cause.ADAPTER_UNAVAILABLE;
    }
    return new SyncResult.Failed(result.gsrn(), cause, failed.message());
  }

  private void countResult(SyncResult result) {
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
    long base = config.failureBackoffBase().toMillis();
    long cap = config.failureBackoffMax().toMillis();
    long exponential = previousAttempts >= 30 ? cap : Math.min(cap, base << previousAttempts);
    long delay = exponential / 2 + (long) (exponential / 2 * jitter.getAsDouble());
    return clock.instant().plusMillis(Math.max(1, delay));
  }

  private Instant windowFrom(Instant unitsFrom) {
    return unitsFrom != null ? unitsFrom : todayMidnight();
  }

  private Instant todayMidnight() {
    return LocalDate.now(clock.withZone(config.zone())).atStartOfDay(config.zone()).toInstant();
  }

  /**
   * The controllable-unit lookup: is {@code endUserId} the current end user of the accounting
   * point? An accounting point not stored yet is fetched first; when the end user does not match,
   * nothing of it is kept. Stored data synced within {@link SyncConfig#lookupFreshness()} answers
   * without calling the adapter, and older stored data answers when the adapter fails.
   *
   * @param gsrn the accounting point
   * @param endUserId organisation number (9 digits), person id (11 digits) or a person's birth date
   *     DDMMYY (6 digits, matching the start of the person id)
   * @return the outcome
   */
  public LookupResult lookup(Gsrn gsrn, String endUserId) {
    Objects.requireNonNull(gsrn, "gsrn");
    Objects.requireNonNull(endUserId, "endUserId");
    if (!END_USER_QUERY.matcher(endUserId).matches()) {
      throw new IllegalArgumentException(
          "endUserId: must be an organisation number (9 digits), a person id (11 digits)"
              + " or a birth date DDMMYY (6 digits)");
    }
    metrics.increment(SyncMetrics.Counter.LOOKUPS, 1);
    Instant now = clock.instant();
    Known known = inTransaction(gsrn.value(), h -> known(h, gsrn));
    if (known.data.isPresent()
        && known.lastSyncedAt != null
        && !known.lastSyncedAt.isBefore(now.minus(config.lookupFreshness()))) {
      return answer(gsrn, known.data.get(), endUserId, known.units, false, now);
    }
    Instant windowFrom = windowFrom(known.windowFrom);
    FetchResult fetched = adapter.fetch(gsrn, windowFrom);
    if (!(fetched instanceof FetchResult.Found)) {
      if (known.data.isPresent()) {
        return answer(gsrn, known.data.get(), endUserId, known.units, true, now);
      }
      return fetched instanceof FetchResult.NotFound
          ? new LookupResult.UnknownAccountingPoint(gsrn)
          : new LookupResult.Unavailable(gsrn, ((FetchResult.Failed) fetched).message());
    }
    AccountingPointData data = ((FetchResult.Found) fetched).data();
    boolean matched = matches(data, endUserId, now);
    if (!matched && known.data.isEmpty()) {
      // Data minimisation: the adapter's data (personal data) is dropped, nothing was written.
      return new LookupResult.EndUserMismatch(gsrn);
    }
    storeLookedUp(gsrn, data, windowFrom);
    return matched
        ? new LookupResult.Matched(gsrn, known.units, false)
        : new LookupResult.EndUserMismatch(gsrn);
  }

  /** What is stored about a looked-up accounting point. */
  private record Known(
      Optional<AccountingPointData> data,
      Instant lastSyncedAt,
      Instant windowFrom,
      List<String> units) {}

  private static Known known(Handle h, Gsrn gsrn) {
    Optional<AccountingPointData> data = AccountingPointStore.read(h, gsrn);
    Optional<Instant[]> sync =
        h.createQuery(
                "SELECT s.last_synced_at, (SELECT min(c.sync_from)"
                    + " FROM fis_accountingpoint.controllable_unit c WHERE c.gsrn = s.gsrn) AS w"
                    + " FROM fis_accountingpoint.sync_state s WHERE s.gsrn = :g")
            .bind("g", gsrn.value())
            .map(
                (rs, ctx) ->
                    new Instant[] {
                      SyncRepository.instant(rs, "last_synced_at"), SyncRepository.instant(rs, "w")
                    })
            .findOne();
    return new Known(
        data,
        sync.map(s -> s[0]).orElse(null),
        sync.map(s -> s[1]).orElse(null),
        ControllableUnits.list(h, gsrn));
  }

  private void storeLookedUp(Gsrn gsrn, AccountingPointData data, Instant windowFrom) {
    try {
      inTransaction(
          gsrn.value(),
          h -> {
            Instant now = clock.instant();
            SyncRepository.ensureSyncRowForLookup(h, gsrn.value(), now);
            long token = SyncRepository.nextToken(h);
            Optional<Claim> claim =
                SyncRepository.claimOne(h, gsrn.value(), now, config.syncTimeout(), token);
            if (claim.isEmpty()) {
              return null; // Another sync holds it; it will store fresh data itself.
            }
            MergePlan plan =
                MergePlan.of(
                    SyncRepository.loadLocal(h, List.of(gsrn.value())).get(gsrn.value()),
                    data,
                    windowFrom);
            SyncRepository.apply(h, plan.changes() ? List.of(plan) : List.of(), now);
            SyncRepository.completeSuccess(
                h, List.of(gsrn.value()), token, now, now.plus(config.freshness()));
            countResult(
                plan.changes() ? new SyncResult.Changed(gsrn) : new SyncResult.Unchanged(gsrn));
            return null;
          });
    } catch (AccountingPointException e) {
      LOG.warn(
          "Storing looked-up accounting point {} failed; answering from the adapter's data",
          gsrn,
          e);
    }
  }

  private static LookupResult answer(
      Gsrn gsrn,
      AccountingPointData data,
      String endUserId,
      List<String> units,
      boolean stale,
      Instant now) {
    return matches(data, endUserId, now)
        ? new LookupResult.Matched(gsrn, units, stale)
        : new LookupResult.EndUserMismatch(gsrn);
  }

  private static boolean matches(AccountingPointData data, String endUserId, Instant at) {
    for (EndUserPeriod period : data.endUsers()) {
      boolean current =
          !period.validFrom().isAfter(at)
              && (period.validTo() == null || period.validTo().isAfter(at));
      if (!current) {
        continue;
      }
      if (endUserId.length() == 6) {
        return period.entityType() == EntityType.PERSON
            && period.businessId().startsWith(endUserId);
      }
      return period.businessId().equals(endUserId);
    }
    return false;
  }

  /**
   * The sync's health: counts of tracked, never synced, due, in progress, dead and failing
   * accounting points, and the most recent failures.
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
    Instant staleBefore = now.minus(config.syncTimeout());
    long[] counts =
        handle
            .createQuery(
                "SELECT count(*) FILTER (WHERE released_at IS NULL) AS tracked,"
                    + " count(*) FILTER (WHERE released_at IS NULL AND last_synced_at IS NULL) AS never,"
                    + " count(*) FILTER (WHERE released_at IS NULL AND next_due_at <= :now"
                    + "   AND (sync_started_at IS NULL OR sync_started_at <= :stale)) AS due,"
                    + " count(*) FILTER (WHERE sync_started_at > :stale) AS in_progress,"
                    + " count(*) FILTER (WHERE sync_started_at <= :stale) AS dead,"
                    + " count(*) FILTER (WHERE attempts > 0) AS failing"
                    + " FROM fis_accountingpoint.sync_state")
            .bind("now", utc(now))
            .bind("stale", utc(staleBefore))
            .map(
                (rs, ctx) ->
                    new long[] {
                      rs.getLong("tracked"),
                      rs.getLong("never"),
                      rs.getLong("due"),
                      rs.getLong("in_progress"),
                      rs.getLong("dead"),
                      rs.getLong("failing")
                    })
            .one();
    List<SyncStatusReport.Failure> failures =
        handle
            .createQuery(
                "SELECT gsrn, attempts, last_error, last_error_at, next_due_at"
                    + " FROM fis_accountingpoint.sync_state WHERE attempts > 0"
                    + " ORDER BY last_error_at DESC, gsrn LIMIT :limit")
            .bind("limit", failuresMax)
            .map(
                (rs, ctx) ->
                    new SyncStatusReport.Failure(
                        new Gsrn(rs.getString("gsrn")),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        SyncRepository.instant(rs, "last_error_at"),
                        SyncRepository.instant(rs, "next_due_at")))
            .list();
    return new SyncStatusReport(
        counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], failures);
  }

  private interface TransactionBody<T> {
    T run(Handle handle);
  }

  private <T> T inTransaction(String gsrns, TransactionBody<T> body) {
    try {
      return jdbi.inTransaction(body::run);
    } catch (AccountingPointException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new AccountingPointException("sync database work failed", gsrns, e);
    }
  }
}
