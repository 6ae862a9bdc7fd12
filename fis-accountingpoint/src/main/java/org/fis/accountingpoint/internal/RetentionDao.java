package org.fis.accountingpoint.internal;

import static org.fis.accountingpoint.internal.SyncStateDao.utc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The SQL of the retention purge. Runs on the caller's handle in the caller's transaction.
 * Stateless and thread-safe.
 *
 * <p>Citus: candidates are read without locks; each is locked with its own single-row statement and
 * its rows deleted with single-accounting-point statements (sent as one JDBC batch per table).
 */
public final class RetentionDao {
  /** The tables purged, children before parents; relations go with their accounting point. */
  static final List<String> TABLES =
      List.of(
          "end_user_history",
          "energy_supplier_history",
          "metering_grid_area_history",
          "energy_direction_history",
          "accounting_point",
          "accounting_point_history",
          "event_inbox",
          "sync_state");

  private static final String CANDIDATES = Sql.of(RetentionDao.class, "expiredCandidates");
  private static final String LOCK = Sql.of(RetentionDao.class, "lockExpired");
  private static final String PURGE_FLAG = Sql.of(RetentionDao.class, "purgeFlag");
  private static final List<String> DELETES = deletes();

  private RetentionDao() {}

  private static List<String> deletes() {
    List<String> statements = new ArrayList<>();
    for (String table : TABLES) {
      statements.add(Sql.of(RetentionDao.class, "deletePoint", "table", table));
    }
    return List.copyOf(statements);
  }

  /** Locks up to {@code limit} accounting points whose retention ended before {@code cutoff}. */
  public static List<String> lockExpired(Handle handle, Instant cutoff, int limit) {
    List<String> candidates =
        handle
            .createQuery(CANDIDATES)
            .bind("cutoff", utc(cutoff))
            .bind("limit", limit)
            .mapTo(String.class)
            .list();
    List<String> locked = new ArrayList<>(candidates.size());
    for (String gsrn : candidates) {
      handle
          .createQuery(LOCK)
          .bind("gsrn", gsrn)
          .bind("cutoff", utc(cutoff))
          .mapTo(String.class)
          .findOne()
          .ifPresent(locked::add);
    }
    return locked;
  }

  /**
   * Deletes everything of the locked accounting points, history included, with the
   * transaction-local purge flag set for these statements only.
   */
  public static void purge(Handle handle, List<String> gsrns) {
    if (gsrns.isEmpty()) {
      return;
    }
    handle.createQuery(PURGE_FLAG).bind("value", "on").mapTo(String.class).one();
    for (String delete : DELETES) {
      PreparedBatch batch = handle.prepareBatch(delete);
      for (String gsrn : gsrns) {
        batch.bind("gsrn", gsrn).add();
      }
      batch.execute();
    }
    handle.createQuery(PURGE_FLAG).bind("value", "off").mapTo(String.class).one();
  }
}
