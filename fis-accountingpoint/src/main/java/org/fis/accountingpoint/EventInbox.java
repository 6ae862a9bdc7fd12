package org.fis.accountingpoint;

import static org.fis.accountingpoint.internal.SyncRepository.utc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The idempotent inbox of thin events: the push API. An accepted event makes its accounting point
 * due for a sync at once (ahead of routine refreshes); a re-delivered event changes nothing; an
 * event for an accounting point without controllable units is ignored (data minimisation). After
 * committing, call {@link SyncWorkerPool#wakeUp()} (or use {@link SyncWorkerPool#accept}) for a
 * prompt sync.
 *
 * <p>Thread-safe. Every method runs in the caller's transaction on the caller's handle.
 */
public final class EventInbox {
  /** Most events per {@link #accept} call. */
  public static final int EVENTS_PER_CALL_MAX = 10_000;

  private final Clock clock;
  private final SyncMetrics metrics;

  /**
   * Creates the inbox.
   *
   * @param clock the clock
   * @param metrics where accepted and duplicate events are counted
   */
  public EventInbox(Clock clock, SyncMetrics metrics) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
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
    Set<String> tracked =
        new HashSet<>(
            handle
                .createQuery(
                    "SELECT gsrn FROM fis_accountingpoint.sync_state"
                        + " WHERE gsrn = ANY(:g) AND released_at IS NULL")
                .bindArray("g", String.class, gsrns)
                .mapTo(String.class)
                .list());
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
    Set<String> accepted = new HashSet<>();
    if (!ids.isEmpty()) {
      accepted.addAll(
          handle
              .createQuery(
                  "INSERT INTO fis_accountingpoint.event_inbox"
                      + " (gsrn, event_id, occurred_at, received_at)"
                      + " SELECT u.g, u.id, u.t::timestamptz, :now"
                      + " FROM unnest(:g::text[], :id::text[], :t::text[]) AS u(g, id, t)"
                      + " ON CONFLICT DO NOTHING RETURNING gsrn || '/' || event_id")
              .bindArray("g", String.class, points)
              .bindArray("id", String.class, ids)
              .bindArray("t", String.class, times)
              .bind("now", utc(now))
              .mapTo(String.class)
              .list());
    }
    Set<String> due = new HashSet<>();
    List<Outcome> outcomes = new ArrayList<>(events.size());
    Set<String> seen = new HashSet<>();
    for (ThinEvent event : events) {
      String key = event.gsrn().value() + "/" + event.eventId();
      if (!tracked.contains(event.gsrn().value())) {
        outcomes.add(Outcome.IGNORED);
      } else if (accepted.contains(key) && seen.add(key)) {
        outcomes.add(Outcome.ACCEPTED);
        due.add(event.gsrn().value());
      } else {
        outcomes.add(Outcome.DUPLICATE);
      }
    }
    if (!due.isEmpty()) {
      handle
          .createUpdate(
              "UPDATE fis_accountingpoint.sync_state"
                  + " SET event_generation = event_generation + 1,"
                  + " priority = CASE WHEN attempts > 0 THEN priority ELSE 0 END,"
                  + " next_due_at = CASE WHEN attempts > 0 OR sync_started_at IS NOT NULL"
                  + "   THEN next_due_at ELSE LEAST(next_due_at, :now) END"
                  + " WHERE gsrn = ANY(:g)")
          .bindArray("g", String.class, due)
          .bind("now", utc(now))
          .execute();
    }
    long acceptedCount = outcomes.stream().filter(o -> o == Outcome.ACCEPTED).count();
    metrics.increment(SyncMetrics.Counter.EVENTS_ACCEPTED, acceptedCount);
    metrics.increment(
        SyncMetrics.Counter.EVENTS_DUPLICATE,
        outcomes.stream().filter(o -> o == Outcome.DUPLICATE).count());
    return outcomes;
  }

  /**
   * Deletes inbox entries received before {@code receivedBefore} (their idempotency window is
   * over), at most {@code limit} of them.
   *
   * @param handle the caller's handle
   * @param receivedBefore the cut-off
   * @param limit the most rows to delete
   * @return rows deleted
   */
  public int prune(Handle handle, Instant receivedBefore, int limit) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(receivedBefore, "receivedBefore");
    if (limit < 1) {
      throw new IllegalArgumentException("limit: must be positive");
    }
    return handle
        .createUpdate(
            "DELETE FROM fis_accountingpoint.event_inbox WHERE (gsrn, event_id) IN ("
                + " SELECT gsrn, event_id FROM fis_accountingpoint.event_inbox"
                + " WHERE received_at < :before ORDER BY received_at LIMIT :limit)")
        .bind("before", utc(receivedBefore))
        .bind("limit", limit)
        .execute();
  }
}
