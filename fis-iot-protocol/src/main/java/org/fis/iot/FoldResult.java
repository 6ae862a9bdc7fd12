package org.fis.iot;

import java.time.Duration;
import java.util.Objects;

/**
 * What a fold of quarter hours into their day and month rows did (see {@link AggregateFolder}).
 *
 * @param quarterHours queued quarter hours folded
 * @param rowsWritten day and month rows written
 * @param rounds transactions that folded something
 * @param lag after the fold, how long the oldest quarter hour still queued has waited ({@link
 *     Duration#ZERO} when none waits)
 */
public record FoldResult(int quarterHours, int rowsWritten, int rounds, Duration lag) {
  /** Validates the result. */
  public FoldResult {
    if (quarterHours < 0 || rowsWritten < 0 || rounds < 0) {
      throw new IllegalArgumentException(
          "counts: must be >= 0, got " + quarterHours + ", " + rowsWritten + ", " + rounds);
    }
    Objects.requireNonNull(lag, "lag");
  }
}
