package org.fis.accountingpoint.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TimelineMergePropertyTest {
  static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

  /** Non-overlapping timelines over days 0..40 with values A, B, C, gaps and open ends. */
  static Arbitrary<List<Span>> timelines() {
    Arbitrary<List<Integer>> cuts =
        Arbitraries.integers()
            .between(0, 40)
            .set()
            .ofMaxSize(8)
            .map(set -> new ArrayList<>(new TreeSet<>(set)));
    Arbitrary<List<String>> values = Arbitraries.of("A", "B", "C", "-").list().ofSize(8);
    return Combinators.combine(cuts, values, Arbitraries.of(true, false))
        .as(
            (c, v, openEnd) -> {
              List<Span> spans = new ArrayList<>();
              for (int i = 0; i < c.size(); i++) {
                boolean last = i == c.size() - 1;
                if (v.get(i).equals("-") || (last && !openEnd)) {
                  continue;
                }
                Instant from = BASE.plus(c.get(i), ChronoUnit.DAYS);
                Instant to = last ? null : BASE.plus(c.get(i + 1), ChronoUnit.DAYS);
                spans.add(new Span(v.get(i), from, to));
              }
              return spans;
            });
  }

  @Provide
  Arbitrary<List<Span>> timeline() {
    return timelines();
  }

  @Provide
  Arbitrary<Instant> window() {
    return Arbitraries.integers().between(-2, 42).map(d -> BASE.plus(d, ChronoUnit.DAYS));
  }

  /** The value at an instant, or null. */
  static String at(List<Span> spans, Instant t) {
    for (Span s : spans) {
      if (!t.isBefore(s.from()) && (s.to() == null || t.isBefore(s.to()))) {
        return s.value();
      }
    }
    return null;
  }

  @Property(tries = 500)
  void the_merge_is_remote_inside_the_window_and_local_outside_it(
      @ForAll("timeline") List<Span> local,
      @ForAll("timeline") List<Span> remote,
      @ForAll("window") Instant windowFrom) {
    List<Span> merged = TimelineMerge.merge(local, remote, windowFrom);

    for (int hour = -72; hour < 46 * 24; hour += 12) {
      Instant t = BASE.plus(hour, ChronoUnit.HOURS);
      String expected = t.isBefore(windowFrom) ? at(local, t) : at(remote, t);
      assertThat(at(merged, t)).as("value at %s", t).isEqualTo(expected);
    }
    assertNonOverlappingAndCoalesced(merged);
  }

  @Property(tries = 500)
  void merging_the_same_remote_again_changes_nothing(
      @ForAll("timeline") List<Span> local,
      @ForAll("timeline") List<Span> remote,
      @ForAll("window") Instant windowFrom) {
    List<Span> once = TimelineMerge.merge(TimelineMerge.coalesce(local), remote, windowFrom);
    List<Span> twice = TimelineMerge.merge(once, remote, windowFrom);

    assertThat(twice).isEqualTo(once);
    assertThat(TimelineMerge.diff(stored(once), once).isEmpty()).isTrue();
  }

  @Property(tries = 1000)
  void the_diff_reaches_the_target_without_an_intermediate_overlap(
      @ForAll("timeline") List<Span> local,
      @ForAll("timeline") List<Span> remote,
      @ForAll("window") Instant windowFrom) {
    List<TimelineMerge.StoredSpan> rows = stored(TimelineMerge.coalesce(local));
    List<Span> target = TimelineMerge.merge(TimelineMerge.coalesce(local), remote, windowFrom);
    TimelineMerge.Diff diff = TimelineMerge.diff(rows, target);

    List<TimelineMerge.StoredSpan> state = new ArrayList<>(rows);
    state.removeIf(r -> diff.deletes().contains(r.id()));
    assertNoOverlap(state);
    for (List<TimelineMerge.RangeChange> step : List.of(diff.shrinks(), diff.grows())) {
      for (TimelineMerge.RangeChange change : step) {
        state.replaceAll(
            r -> r.id() == change.id() ? new TimelineMerge.StoredSpan(r.id(), change.span()) : r);
      }
      assertNoOverlap(state);
    }
    long id = 1_000;
    for (Span insert : diff.inserts()) {
      state.add(new TimelineMerge.StoredSpan(id++, insert));
    }
    assertNoOverlap(state);
    List<Span> result = new ArrayList<>();
    state.forEach(r -> result.add(r.span()));
    result.sort(Comparator.comparing(Span::from));
    assertThat(result).isEqualTo(target);
  }

  static List<TimelineMerge.StoredSpan> stored(List<Span> spans) {
    List<TimelineMerge.StoredSpan> rows = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      rows.add(new TimelineMerge.StoredSpan(i + 1, spans.get(i)));
    }
    return rows;
  }

  private static void assertNoOverlap(List<TimelineMerge.StoredSpan> rows) {
    List<Span> spans = new ArrayList<>();
    rows.forEach(r -> spans.add(r.span()));
    spans.sort(Comparator.comparing(Span::from));
    for (int i = 1; i < spans.size(); i++) {
      Span previous = spans.get(i - 1);
      assertThat(previous.to()).as("open end before %s", spans.get(i)).isNotNull();
      assertThat(previous.to()).isBeforeOrEqualTo(spans.get(i).from());
    }
  }

  private static void assertNonOverlappingAndCoalesced(List<Span> spans) {
    for (int i = 1; i < spans.size(); i++) {
      Span previous = spans.get(i - 1);
      assertThat(previous.to()).isNotNull();
      assertThat(previous.to()).isBeforeOrEqualTo(spans.get(i).from());
      boolean adjacentEqual =
          previous.to().equals(spans.get(i).from())
              && previous.value().equals(spans.get(i).value());
      assertThat(adjacentEqual).as("coalesced").isFalse();
    }
  }
}
