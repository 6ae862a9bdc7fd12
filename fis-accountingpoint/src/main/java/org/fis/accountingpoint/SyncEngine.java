package org.fis.accountingpoint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fis.accountingpoint.internal.SyncPipeline;
import org.fis.accountingpoint.internal.SyncStateDao;

/**
 * The sync engine: fetches accounting points from the adapter and merges them into the local model,
 * one sync per accounting point at a time. Obtain it from {@link AccountingPoints#engine()}.
 *
 * <p>A sync claims the accounting point's sync row (single-row {@code SELECT … FOR UPDATE SKIP
 * LOCKED}), stamps its start and commits; then calls the adapter with no transaction open; then, in
 * one transaction, re-locks the row (only if its claim still holds), merges set-based and records
 * the outcome. A crash leaves only the start stamp, which becomes reclaimable after {@link
 * SyncConfig.Schedule#syncTimeout()}; a merge is all or nothing.
 *
 * <p><b>Owns its transactions:</b> opens, commits and rolls back its own short transactions on the
 * front door's {@code Jdbi}; never call it inside a host transaction that must include its writes.
 * Thread-safe; one instance serves all threads.
 */
public final class SyncEngine {
  private final SyncPipeline pipeline;

  private SyncEngine(SyncPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Creates the engine over the front door's pipeline. */
  static SyncEngine create(SyncPipeline pipeline) {
    return new SyncEngine(Objects.requireNonNull(pipeline, "pipeline"));
  }

  /**
   * Syncs one accounting point now, unless another sync of it is in progress.
   *
   * @param gsrn the accounting point; it must have a sync row (a controllable unit, or a lookup)
   * @return the outcome
   */
  public SyncResult sync(Gsrn gsrn) {
    Objects.requireNonNull(gsrn, "gsrn");
    return pipeline.syncOne(gsrn);
  }

  /**
   * Claims up to {@code limit} due accounting points (events first, then never synced, then the
   * oldest; failing ones only after their backoff and after healthy ones) and syncs them in the
   * calling thread. This is one worker step of {@link SyncWorkerPool}.
   *
   * @param limit the most accounting points to claim, at most {@value SyncConfig#BATCH_SIZE_MAX}
   * @return the outcomes, empty when nothing was due
   */
  public List<SyncResult> syncDue(int limit) {
    if (limit < 1 || limit > SyncConfig.BATCH_SIZE_MAX) {
      throw new IllegalArgumentException(
          "limit: must be within [1, " + SyncConfig.BATCH_SIZE_MAX + "], got " + limit);
    }
    return claimAndFetch(limit, SyncStateDao.Share.ALONE).map(pipeline::complete).orElse(List.of());
  }

  /**
   * Claims and fetches a batch; the pool merges it with {@link #complete}, maybe elsewhere. Each
   * pool worker claims with its own share, so that siblings claiming at once lock disjoint rows.
   */
  Optional<SyncPipeline.Batch> claimAndFetch(int limit, SyncStateDao.Share share) {
    return pipeline.claimAndFetch(limit, share);
  }

  /** Merges a fetched batch and records every outcome. */
  List<SyncResult> complete(SyncPipeline.Batch batch) {
    return pipeline.complete(batch);
  }
}
