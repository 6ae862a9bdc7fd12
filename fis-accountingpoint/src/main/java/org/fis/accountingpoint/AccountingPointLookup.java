package org.fis.accountingpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fis.accountingpoint.internal.SyncPipeline;
import org.fis.accountingpoint.internal.SyncStateDao;
import org.fis.accountingpoint.internal.Transactions;
import org.fis.accountingpoint.internal.UnitDao;

/**
 * Lookup-time sync, the controllable-unit lookup: is this end user the current end user of the
 * accounting point? Stored data synced within {@link SyncConfig.Schedule#lookupFreshness()} answers
 * without calling the adapter; otherwise the adapter is called first — also for an accounting point
 * not stored yet — and the end user is checked <b>in memory before anything is written</b>, so a
 * failed match for an unknown accounting point keeps nothing. When the adapter fails, stored data
 * answers. Obtain it from {@link AccountingPoints#lookup()}.
 *
 * <p><b>Owns its transactions</b> (it calls the adapter). Thread-safe.
 */
public final class AccountingPointLookup {
  private static final Pattern END_USER_QUERY =
      Pattern.compile("^[0-9]{6}$|^[1-9][0-9]{8}$|^[0-9]{11}$");

  private final Transactions tx;
  private final AccountingPointAdapter adapter;
  private final SyncPipeline pipeline;
  private final Duration lookupFreshness;
  private final Clock clock;
  private final SyncMetrics metrics;

  private AccountingPointLookup(
      Transactions tx,
      AccountingPointAdapter adapter,
      SyncPipeline pipeline,
      Duration lookupFreshness,
      Clock clock,
      SyncMetrics metrics) {
    this.tx = tx;
    this.adapter = adapter;
    this.pipeline = pipeline;
    this.lookupFreshness = lookupFreshness;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Creates the lookup (the front door does). */
  static AccountingPointLookup create(
      Transactions tx,
      AccountingPointAdapter adapter,
      SyncPipeline pipeline,
      SyncConfig config,
      Clock clock,
      SyncMetrics metrics) {
    return new AccountingPointLookup(
        tx, adapter, pipeline, config.schedule().lookupFreshness(), clock, metrics);
  }

  /** What is stored about a looked-up accounting point. */
  private record Known(
      Optional<AccountingPointData> data, SyncStateDao.LookupState state, List<String> units) {}

  /**
   * Looks up whether {@code endUserId} is the current end user of the accounting point.
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
    Known known =
        tx.inTransaction(
            List.of(gsrn.value()),
            h ->
                new Known(
                    AccountingPointStore.read(h, gsrn),
                    SyncStateDao.lookupState(h, gsrn.value()),
                    UnitDao.list(
                        h, gsrn.value(), ControllableUnits.UNITS_PER_ACCOUNTING_POINT_MAX)));
    boolean fresh =
        known
            .state()
            .lastSyncedAt()
            .filter(at -> !at.isBefore(now.minus(lookupFreshness)))
            .isPresent();
    if (known.data().isPresent() && fresh) {
      return answer(gsrn, known.data().get(), endUserId, known.units(), false, now);
    }
    Instant windowFrom = pipeline.windowFrom(known.state().unitsFrom());
    FetchResult fetched = adapter.fetch(gsrn, windowFrom);
    if (!(fetched instanceof FetchResult.Found found)) {
      if (known.data().isPresent()) {
        return answer(gsrn, known.data().get(), endUserId, known.units(), true, now);
      }
      return fetched instanceof FetchResult.Failed failed
          ? new LookupResult.Unavailable(gsrn, failed.message())
          : new LookupResult.UnknownAccountingPoint(gsrn);
    }
    AccountingPointData data = found.data();
    boolean matched = matches(data, endUserId, now);
    if (!matched && known.data().isEmpty()) {
      // Data minimisation: the adapter's data (personal data) is dropped, nothing was written.
      return new LookupResult.EndUserMismatch(gsrn);
    }
    pipeline.storeLookedUp(gsrn, data, windowFrom);
    return matched
        ? new LookupResult.Matched(gsrn, known.units(), false)
        : new LookupResult.EndUserMismatch(gsrn);
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
}
