package org.fis.accountingpoint;

import static org.fis.accountingpoint.internal.SyncRepository.utc;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;

/**
 * Purges accounting points whose retention has ended: no controllable unit for longer than the
 * retention. Everything of them goes: the accounting point, its relations, their history (which
 * holds end user ids, personal data), its events and its sync row. {@link SyncWorkerPool} calls it
 * periodically; hosts without the pool call it themselves.
 *
 * <p>Thread-safe. Runs in the caller's transaction on the caller's handle; it sets the
 * transaction-local {@code fis_accountingpoint.purge} flag for its own statements only.
 */
public final class DataRetention {
  private final Clock clock;
  private final Duration retention;
  private final SyncMetrics metrics;

  /**
   * Creates the purger.
   *
   * @param clock the clock
   * @param retention how long data is kept after the last controllable unit goes
   * @param metrics where purges are counted
   */
  public DataRetention(Clock clock, Duration retention, SyncMetrics metrics) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Purges up to {@code limit} accounting points whose retention has ended.
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
    List<String> gsrns =
        handle
            .createQuery(
                "SELECT s.gsrn FROM fis_accountingpoint.sync_state s"
                    + " WHERE s.released_at IS NOT NULL AND s.released_at <= :cutoff"
                    + " AND NOT EXISTS (SELECT 1 FROM fis_accountingpoint.controllable_unit c"
                    + "  WHERE c.gsrn = s.gsrn)"
                    + " ORDER BY s.released_at LIMIT :limit FOR UPDATE SKIP LOCKED")
            .bind("cutoff", utc(clock.instant().minus(retention)))
            .bind("limit", limit)
            .mapTo(String.class)
            .list();
    if (gsrns.isEmpty()) {
      return List.of();
    }
    handle
        .createQuery("SELECT set_config('fis_accountingpoint.purge', 'on', true)")
        .mapTo(String.class)
        .one();
    for (String table :
        List.of(
            "end_user_history",
            "energy_supplier_history",
            "metering_grid_area_history",
            "energy_direction_history",
            "accounting_point",
            "accounting_point_history",
            "event_inbox",
            "sync_state")) {
      handle
          .createUpdate("DELETE FROM fis_accountingpoint." + table + " WHERE gsrn = ANY(:g)")
          .bindArray("g", String.class, gsrns)
          .execute();
    }
    handle
        .createQuery("SELECT set_config('fis_accountingpoint.purge', 'off', true)")
        .mapTo(String.class)
        .one();
    metrics.increment(SyncMetrics.Counter.PURGED, gsrns.size());
    return gsrns.stream().map(Gsrn::new).toList();
  }
}
