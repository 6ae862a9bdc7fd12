package org.fis.accountingpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.fis.accountingpoint.internal.RetentionDao;
import org.jdbi.v3.core.Handle;

/**
 * Purges accounting points whose retention ({@link SyncConfig#retention()}, the one configured
 * value) has ended: no controllable unit for longer than the retention. Everything of them goes:
 * the accounting point, its relations, their history (which holds end user ids, personal data), its
 * events and its sync row. {@link SyncWorkerPool} calls it periodically; hosts without the pool
 * call it themselves.
 *
 * <p>Thread-safe. Runs in the caller's transaction on the caller's handle; it sets the
 * transaction-local {@code fis_accountingpoint.purge} flag for its own statements only. Obtain it
 * from {@link AccountingPoints#retention()}.
 */
public final class DataRetention {
  private final Clock clock;
  private final Duration retention;
  private final SyncMetrics metrics;

  private DataRetention(Clock clock, Duration retention, SyncMetrics metrics) {
    this.clock = clock;
    this.retention = retention;
    this.metrics = metrics;
  }

  /** Creates the purger (the front door does, with the configuration's retention). */
  static DataRetention create(Clock clock, Duration retention, SyncMetrics metrics) {
    return new DataRetention(
        Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(retention, "retention"),
        Objects.requireNonNull(metrics, "metrics"));
  }

  /** The retention it applies. */
  public Duration retention() {
    return retention;
  }

  /**
   * Purges up to {@code limit} accounting points whose retention has ended. Points another
   * transaction holds are skipped (purged next time).
   *
   * @param handle the caller's handle (its transaction)
   * @param limit the most accounting points to purge
   * @return the purged accounting points
   */
  public List<Gsrn> purgeExpired(Handle handle, int limit) {
    Objects.requireNonNull(handle, "handle");
    if (limit < 1) {
      throw new IllegalArgumentException("limit: must be positive");
    }
    List<String> gsrns = RetentionDao.lockExpired(handle, clock.instant().minus(retention), limit);
    RetentionDao.purge(handle, gsrns);
    metrics.increment(SyncMetrics.Counter.PURGED, gsrns.size());
    return gsrns.stream().map(Gsrn::new).toList();
  }
}
