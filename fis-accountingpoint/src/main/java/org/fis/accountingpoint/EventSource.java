package org.fis.accountingpoint;

import java.util.List;

/**
 * A pull-based source of thin events (a queue, a feed, a datahub endpoint) that {@link
 * SyncWorkerPool} polls. Delivery may be at-least-once: the inbox is idempotent.
 *
 * <p>Called from one pool thread at a time.
 */
public interface EventSource {
  /**
   * Returns up to {@code maxCount} events, without blocking for long (return an empty list when
   * none are ready).
   *
   * @param maxCount the most events to return
   * @return the events
   * @throws Exception when the source fails; the pool logs it and polls again later
   */
  List<ThinEvent> poll(int maxCount) throws Exception;

  /**
   * Confirms that the events were stored in the inbox (committed) and may be dropped by the source.
   * The default does nothing.
   *
   * @param events the events from one {@link #poll}
   * @throws Exception when the source fails; the events may then be delivered again
   */
  default void acknowledge(List<ThinEvent> events) throws Exception {}
}
