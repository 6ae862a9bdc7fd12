package org.fis.jobs.internal;

import java.util.Objects;
import org.fis.jobs.JobException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The processor's archival part: moves finished jobs to the archive tables, and purges the archive,
 * in bounded statements ({@code batchSize} jobs each, one transaction each) for a bounded time per
 * pass. Owns its transactions. Thread-safe (several archivers take turns on an advisory lock).
 */
public final class Archiver {
  /** The most statements of one pass. */
  public static final int ROUNDS_MAX = 10_000;

  private final Jdbi jdbi;
  private final int batchSize;
  private final boolean delete;

  /**
   * @param jdbi the database
   * @param batchSize jobs per statement
   */
  public Archiver(Jdbi jdbi, int batchSize) {
    this(jdbi, batchSize, false);
  }

  /**
   * @param jdbi the database
   * @param batchSize jobs per statement
   * @param delete whether finished jobs are deleted instead of moved to the archive tables
   */
  public Archiver(Jdbi jdbi, int batchSize, boolean delete) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.batchSize = batchSize;
    this.delete = delete;
  }

  /**
   * Moves finished jobs older than the retention until none is left or the budget is spent.
   *
   * @param retentionMillis how long finished jobs stay live
   * @param budgetNanos the time one pass may take (at least one statement runs)
   * @return how many jobs were moved
   */
  public int archive(long retentionMillis, long budgetNanos) {
    return rounds(
        budgetNanos,
        "archiving finished jobs failed",
        () -> jdbi.inTransaction(h -> JobStore.archive(h, retentionMillis, batchSize, delete)));
  }

  /**
   * Deletes archived jobs older than {@code purgeAfterMillis} until none is left or the budget is
   * spent.
   *
   * @param purgeAfterMillis how long archived jobs are kept
   * @param budgetNanos the time one pass may take (at least one statement runs)
   * @return how many archived jobs were deleted
   */
  public int purge(long purgeAfterMillis, long budgetNanos) {
    return rounds(
        budgetNanos,
        "purging the archive failed",
        () -> jdbi.inTransaction(h -> JobStore.purgeArchive(h, purgeAfterMillis, batchSize)));
  }

  private interface Statement {
    int run();
  }

  private int rounds(long budgetNanos, String failure, Statement statement) {
    int total = 0;
    long start = System.nanoTime();
    for (int round = 0; round < ROUNDS_MAX; round++) {
      if (round > 0 && System.nanoTime() - start >= budgetNanos) {
        break;
      }
      int done;
      try {
        done = statement.run();
      } catch (JdbiException e) {
        throw new JobException(failure, e);
      }
      total += done;
      if (done < batchSize) {
        break;
      }
    }
    return total;
  }
}
