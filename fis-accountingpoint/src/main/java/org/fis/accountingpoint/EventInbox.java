package org.fis.accountingpoint;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.fis.accountingpoint.internal.InboxDao;
import org.jdbi.v3.core.Handle;

/**
 * The idempotent inbox of thin events: the push API. An accepted event makes its accounting point
 * due for a sync at once (ahead of routine refreshes); a re-delivered event changes nothing; an
 * event for an accounting point without controllable units is ignored (data minimisation). After
 * committing, call {@link SyncWorkerPool#wakeUp()} (or use {@link SyncWorkerPool#accept}) for a
 * prompt sync.
 *
 * <p>Thread-safe. Every method runs in the caller's transaction on the caller's handle. Obtain it
 * from {@link AccountingPoints#inbox()}.
 */
public final class EventInbox {
  /** Most events per {@link #accept} call. */
  public static final int EVENTS_PER_CALL_MAX = 10_000;

  private final Clock clock;
  private final SyncMetrics metrics;

  private EventInbox(Clock clock, SyncMetrics metrics) {
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Creates the inbox (the front door does). */
  static EventInbox create(Clock clock, SyncMetrics metrics) {
    return new EventInbox(
        Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(metrics, "metrics"));
  }

  /** What happened to one event. */
  public enum Outcome {
    /** Stored; its accounting point is due for a sync. */
    ACCEPTED,
    /** Already in the inbox: nothing changed. */
    DUPLICATE,
    /** Its accounting point has no controllable units: not stored. */
    IGNORED
  }

  /**
   * Accepts events.
   *
   * @param handle the caller's handle (its transaction)
   * @param events up to {@value #EVENTS_PER_CALL_MAX} events
   * @return one outcome per event, in order
   */
  public List<Outcome> accept(Handle handle, List<ThinEvent> events) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(events, "events");
    if (events.size() > EVENTS_PER_CALL_MAX) {
      throw new IllegalArgumentException("events: at most " + EVENTS_PER_CALL_MAX + " per call");
    }
    if (events.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    Set<String> gsrns = new LinkedHashSet<>();
    events.forEach(e -> gsrns.add(e.gsrn().value()));
    Set<String> tracked = InboxDao.tracked(handle, gsrns);
    List<String> ids = new ArrayList<>();
    List<String> points = new ArrayList<>();
    List<String> times = new ArrayList<>();
    for (ThinEvent event : events) {
      if (tracked.contains(event.gsrn().value())) {
        ids.add(event.eventId());
        points.add(event.gsrn().value());
        times.add(event.occurredAt().toString());
      }
    }
    Set<String> inserted =
        ids.isEmpty() ? Set.of() : InboxDao.insert(handle, points, ids, times, now);
    Set<String> due = new HashSet<>();
    List<Outcome> outcomes = new ArrayList<>(events.size());
    Set<String> seen = new HashSet<>();
    for (ThinEvent event : events) {
      String key = event.gsrn().value() + "/" + event.eventId();
      if (!tracked.contains(event.gsrn().value())) {
        outcomes.add(Outcome.IGNORED);
      } else if (inserted.contains(key) && seen.add(key)) {
        outcomes.add(Outcome.ACCEPTED);
        due.add(event.gsrn().value());
      } else {
        outcomes.add(Outcome.DUPLICATE);
      }
    }
    if (!due.isEmpty()) {
      InboxDao.markDue(handle, due, now);
    }
    metrics.increment(
        SyncMetrics.Counter.EVENTS_ACCEPTED,
        outcomes.stream().filter(o -> o == Outcome.ACCEPTED).count());
    metrics.increment(
        SyncMetrics.Counter.EVENTS_DUPLICATE,
        outcomes.stream().filter(o -> o == Outcome.DUPLICATE).count());
    return outcomes;
  }

  /**
   * Deletes inbox entries received before {@code receivedBefore}, oldest first; a re-delivery after
   * that is accepted again (one extra sync, harmless).
   *
   * @param handle the caller's handle (its transaction)
   * @param receivedBefore the cutoff
   * @param limit the most entries to delete
   * @return entries deleted
   */
  public int prune(Handle handle, Instant receivedBefore, int limit) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(receivedBefore, "receivedBefore");
    if (limit < 1) {
      throw new IllegalArgumentException("limit: must be positive");
    }
    return InboxDao.prune(handle, receivedBefore, limit);
  }
}
