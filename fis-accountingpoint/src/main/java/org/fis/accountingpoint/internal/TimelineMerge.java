package org.fis.accountingpoint.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pure merge of a timeline: the target is the local timeline outside the window plus the remote
 * timeline clipped to the window, with adjacent periods of equal value coalesced; and the diff from
 * the stored rows to that target. Stateless.
 */
public final class TimelineMerge {
  private TimelineMerge() {}

  /**
   * The merged timeline for window {@code [windowFrom, ∞)}.
   *
   * @param local the stored timeline, non-overlapping
   * @param remote the remote timeline, non-overlapping
   * @param windowFrom start of the requested window
   * @return the target timeline, sorted, non-overlapping, coalesced
   */
  public static List<Span> merge(List<Span> local, List<Span> remote, Instant windowFrom) {
    List<Span> result = new ArrayList<>(local.size() + remote.size());
    for (Span span : local) {
      if (span.from().isBefore(windowFrom)) {
        Instant to = span.to() == null || span.to().isAfter(windowFrom) ? windowFrom : span.to();
        result.add(new Span(span.value(), span.from(), to));
      }
    }
    for (Span span : remote) {
      if (span.to() == null || span.to().isAfter(windowFrom)) {
        Instant from = span.from().isBefore(windowFrom) ? windowFrom : span.from();
        result.add(new Span(span.value(), from, span.to()));
      }
    }
    result.sort(Comparator.comparing(Span::from));
    return coalesce(result);
  }

  /**
   * Joins adjacent spans of equal value.
   *
   * @param sorted spans sorted by start, non-overlapping
   * @return the coalesced spans
   */
  public static List<Span> coalesce(List<Span> sorted) {
    List<Span> out = new ArrayList<>(sorted.size());
    for (Span span : sorted) {
      int last = out.size() - 1;
      if (last >= 0
          && out.get(last).value().equals(span.value())
          && span.from().equals(out.get(last).to())) {
        out.set(last, new Span(span.value(), out.get(last).from(), span.to()));
      } else {
        out.add(span);
      }
    }
    return out;
  }

  /**
   * A stored row of a timeline.
   *
   * @param id the row id
   * @param span its period
   */
  public record StoredSpan(long id, Span span) {}

  /**
   * A row whose range changes.
   *
   * @param id the row id
   * @param span its new period
   */
  public record RangeChange(long id, Span span) {}

  /**
   * The statements that turn the stored rows into the target, to run in this order: deletes,
   * shrinks, grows, inserts. In that order no intermediate state overlaps, so the non-deferrable
   * exclusion constraints hold after every statement.
   *
   * @param deletes row ids to delete
   * @param shrinks rows whose new range lies within the old one
   * @param grows other range changes
   * @param inserts new rows
   */
  public record Diff(
      List<Long> deletes, List<RangeChange> shrinks, List<RangeChange> grows, List<Span> inserts) {
    /** Whether nothing changes. */
    public boolean isEmpty() {
      return deletes.isEmpty() && shrinks.isEmpty() && grows.isEmpty() && inserts.isEmpty();
    }
  }

  /**
   * The diff from stored rows to a target. Rows equal to a target period stay untouched; a row with
   * the same value and the same start or end as a target period is updated (ended, trimmed or
   * extended); the rest is deleted or inserted.
   *
   * @param stored the stored rows
   * @param target the target timeline
   * @return the diff
   */
  public static Diff diff(List<StoredSpan> stored, List<Span> target) {
    Map<Span, Boolean> targetLeft = new LinkedHashMap<>();
    for (Span span : target) {
      targetLeft.put(span, Boolean.TRUE);
    }
    List<StoredSpan> storedLeft = new ArrayList<>();
    for (StoredSpan row : stored) {
      if (targetLeft.remove(row.span()) == null) {
        storedLeft.add(row);
      }
    }
    List<Long> deletes = new ArrayList<>();
    List<RangeChange> shrinks = new ArrayList<>();
    List<RangeChange> grows = new ArrayList<>();
    for (StoredSpan row : storedLeft) {
      Span match = null;
      for (Span candidate : targetLeft.keySet()) {
        if (candidate.value().equals(row.span().value())
            && (candidate.from().equals(row.span().from())
                || Objects.equals(candidate.to(), row.span().to()))) {
          match = candidate;
          break;
        }
      }
      if (match == null) {
        deletes.add(row.id());
      } else {
        targetLeft.remove(match);
        (row.span().contains(match) ? shrinks : grows).add(new RangeChange(row.id(), match));
      }
    }
    List<Span> inserts = new ArrayList<>(targetLeft.keySet());
    inserts.sort(Comparator.comparing(Span::from));
    return new Diff(deletes, shrinks, grows, inserts);
  }
}
