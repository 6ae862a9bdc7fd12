package org.fis.iot;

import java.time.Duration;

/**
 * The metrics port of measurement ingest: told about every batch ingested and every push request
 * answered. Hosts bridge it to their registry ({@code fis-micrometer} has the Micrometer binding);
 * {@link #NONE} drops everything and is what the constructors without a metrics argument use.
 *
 * <p>{@link PushHandler} reports a push's batch after its own commit (so only durable batches count
 * as stored); {@link MeasurementIngest} reports a batch from the caller's transaction before the
 * caller commits, and a batch counted there is not uncounted when the caller rolls back.
 *
 * <p>Implementations must be thread-safe, cheap and must not throw: they run on the request thread.
 */
public interface IngestMetrics {
  /** Metrics that drop everything. */
  IngestMetrics NONE = new IngestMetrics() {};

  /**
   * A batch was ingested (stored, rejected or forbidden).
   *
   * @param result the outcome
   * @param duration how long validating and storing took
   */
  default void ingested(IngestResult result, Duration duration) {}

  /**
   * A push request was answered.
   *
   * @param status the HTTP status sent back (200, 4xx, 503)
   * @param duration from receiving the request to the answer
   */
  default void pushed(int status, Duration duration) {}

  /**
   * A fold of quarter hours into their day and month rows ran (see {@link AggregateFolder}); its
   * {@link FoldResult#lag()} is the fold lag to watch.
   *
   * @param result what was folded, and the lag left
   * @param duration how long the fold took
   */
  default void folded(FoldResult result, Duration duration) {}
}
