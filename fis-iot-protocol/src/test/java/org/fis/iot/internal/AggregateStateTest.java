package org.fis.iot.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fis.iot.RegisterKind;

/** The merge function's monoid laws, and that it computes the statistics it promises. */
class AggregateStateTest {
  static final RegisterLayout LAYOUT =
      new RegisterLayout(
          List.of("V", "E", "P"),
          List.of(RegisterKind.INSTANTANEOUS, RegisterKind.CUMULATIVE, RegisterKind.INSTANTANEOUS));

  /** A reading: values (ABSENT allowed) and a time; small ranges so that ties happen. */
  record R(long[] values, long at) {}

  @Provide
  Arbitrary<R> reading() {
    Arbitrary<Long> value =
        Arbitraries.longs().between(-5, 6).map(v -> v == 6 ? AggregateState.ABSENT : v);
    return Combinators.combine(value, value, value, Arbitraries.longs().between(0, 20))
        .as((a, b, c, t) -> new R(new long[] {a, b, c}, t));
  }

  @Provide
  Arbitrary<List<R>> readings() {
    return reading().list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<AggregateState> state() {
    return reading().list().ofMaxSize(6).map(AggregateStateTest::fold);
  }

  static AggregateState fold(List<R> readings) {
    AggregateState s = AggregateState.empty(LAYOUT);
    for (R r : readings) {
      s = AggregateState.merge(s, AggregateState.ofReading(LAYOUT, r.values(), r.at()));
    }
    return s;
  }

  @Property(tries = 2000)
  void merge_is_commutative(@ForAll("state") AggregateState a, @ForAll("state") AggregateState b) {
    assertThat(AggregateState.merge(a, b)).isEqualTo(AggregateState.merge(b, a));
  }

  @Property(tries = 2000)
  void merge_is_associative(
      @ForAll("state") AggregateState a,
      @ForAll("state") AggregateState b,
      @ForAll("state") AggregateState c) {
    assertThat(AggregateState.merge(AggregateState.merge(a, b), c))
        .isEqualTo(AggregateState.merge(a, AggregateState.merge(b, c)));
  }

  @Property(tries = 2000)
  void a_row_holding_the_folded_part_merged_with_the_unfolded_part_is_the_row_with_everything(
      @ForAll("state") AggregateState folded,
      @ForAll("state") AggregateState other,
      @ForAll("state") AggregateState added) {
    // A day row holds the quarter hour's folded part and other quarter hours; the quarter hour
    // then received more readings. Merging its unfolded part gives what folding it all gives.
    AggregateState row = AggregateState.merge(folded, other);
    AggregateState quarter = AggregateState.merge(folded, added);

    AggregateState unfolded = quarter.unfolded(folded.count(), folded.nArray(), folded.sumArray());

    assertThat(AggregateState.merge(row, unfolded)).isEqualTo(AggregateState.merge(row, added));
    assertThat(AggregateState.merge(unfolded, row)).isEqualTo(AggregateState.merge(row, added));
    assertThat(unfolded.count()).isEqualTo(added.count());
  }

  @Property(tries = 500)
  void a_quarter_hour_never_folded_is_unfolded_whole(@ForAll("state") AggregateState quarter) {
    assertThat(quarter.unfolded(0, null, null)).isSameAs(quarter);
    assertThat(quarter.unfolded(quarter.count(), quarter.nArray(), quarter.sumArray()).count())
        .isZero();
    assertThat(
            AggregateState.merge(
                quarter, quarter.unfolded(quarter.count(), quarter.nArray(), quarter.sumArray())))
        .isEqualTo(quarter);
  }

  @Example
  void folded_statistics_beyond_the_quarter_hour_are_refused() {
    AggregateState quarter = AggregateState.ofReading(LAYOUT, new long[] {1, 2, 3}, 5);
    assertThatThrownBy(() -> quarter.unfolded(2, new long[3], new long[3]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> quarter.unfolded(1, new long[] {2, 0, 0}, new long[3]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> quarter.unfolded(1, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 1000)
  void empty_is_the_identity(@ForAll("state") AggregateState a) {
    AggregateState empty = AggregateState.empty(LAYOUT);
    assertThat(AggregateState.merge(a, empty)).isEqualTo(a);
    assertThat(AggregateState.merge(empty, a)).isEqualTo(a);
  }

  @Property(tries = 1000)
  void folding_in_any_order_and_grouping_gives_the_same_aggregate(
      @ForAll("readings") List<R> readings, @ForAll long seed) {
    List<R> shuffled = new ArrayList<>(readings);
    Collections.shuffle(shuffled, new Random(seed));
    int cut = shuffled.isEmpty() ? 0 : Math.floorMod(seed, shuffled.size());
    AggregateState split =
        AggregateState.merge(
            fold(shuffled.subList(0, cut)), fold(shuffled.subList(cut, shuffled.size())));
    assertThat(split).isEqualTo(fold(readings));
  }

  @Property(tries = 2000)
  void the_builder_folds_exactly_like_merging_single_readings(
      @ForAll("readings") List<R> readings) {
    AggregateState.Builder builder = new AggregateState.Builder(LAYOUT);
    for (R r : readings) {
      builder.add(r.values(), r.at());
    }
    assertThat(builder.build()).isEqualTo(fold(readings));
  }

  @Example
  void a_builder_builds_once() {
    AggregateState.Builder builder = new AggregateState.Builder(LAYOUT);
    builder.add(new long[] {1, 2, 3}, 0);
    builder.build();
    assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> builder.add(new long[] {1, 2, 3}, 1))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new AggregateState.Builder(LAYOUT).add(new long[] {1}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("valuesMilli");
  }

  @Property(tries = 1000)
  void the_aggregate_holds_count_sum_extremes_and_first_last(@ForAll("readings") List<R> readings) {
    AggregateState s = fold(readings);
    assertThat(s.count()).isEqualTo(readings.size());
    for (int i = 0; i < 3; i++) {
      final int k = i;
      List<R> with = readings.stream().filter(r -> r.values()[k] != AggregateState.ABSENT).toList();
      assertThat(s.n(i)).isEqualTo(with.size());
      if (with.isEmpty()) {
        continue;
      }
      if (LAYOUT.cumulative(i)) {
        R first =
            with.stream()
                .min(
                    (x, y) ->
                        x.at() != y.at()
                            ? Long.compare(x.at(), y.at())
                            : Long.compare(x.values()[k], y.values()[k]))
                .orElseThrow();
        R last =
            with.stream()
                .max(
                    (x, y) ->
                        x.at() != y.at()
                            ? Long.compare(x.at(), y.at())
                            : Long.compare(x.values()[k], y.values()[k]))
                .orElseThrow();
        assertThat(s.lo(i)).isEqualTo(first.values()[k]);
        assertThat(s.loAt(i)).isEqualTo(first.at());
        assertThat(s.hi(i)).isEqualTo(last.values()[k]);
        assertThat(s.hiAt(i)).isEqualTo(last.at());
      } else {
        long min = with.stream().mapToLong(r -> r.values()[k]).min().orElseThrow();
        long max = with.stream().mapToLong(r -> r.values()[k]).max().orElseThrow();
        assertThat(s.sum(i)).isEqualTo(with.stream().mapToLong(r -> r.values()[k]).sum());
        assertThat(s.lo(i)).isEqualTo(min);
        assertThat(s.loAt(i))
            .isEqualTo(
                with.stream()
                    .filter(r -> r.values()[k] == min)
                    .mapToLong(R::at)
                    .min()
                    .orElseThrow());
        assertThat(s.hi(i)).isEqualTo(max);
        assertThat(s.hiAt(i))
            .isEqualTo(
                with.stream()
                    .filter(r -> r.values()[k] == max)
                    .mapToLong(R::at)
                    .min()
                    .orElseThrow());
      }
    }
  }

  @Example
  void the_reference_voltage_example_merges_to_average_231() {
    AggregateState l =
        fold(
            List.of(
                new R(new long[] {228_000, AggregateState.ABSENT, AggregateState.ABSENT}, 1),
                new R(new long[] {233_000, AggregateState.ABSENT, AggregateState.ABSENT}, 2),
                new R(new long[] {229_000, AggregateState.ABSENT, AggregateState.ABSENT}, 3)));
    AggregateState r =
        fold(List.of(new R(new long[] {234_000, AggregateState.ABSENT, AggregateState.ABSENT}, 4)));

    AggregateState m = AggregateState.merge(l, r);

    assertThat(m.count()).isEqualTo(4);
    assertThat(m.sum(0) / m.n(0)).isEqualTo(231_000);
    assertThat(m.lo(0)).isEqualTo(228_000);
    assertThat(m.loAt(0)).isEqualTo(1);
    assertThat(m.hi(0)).isEqualTo(234_000);
    assertThat(m.hiAt(0)).isEqualTo(4);
  }

  @Property(tries = 500)
  void aggregates_of_two_layouts_merge_in_their_union_like_a_single_layout(
      @ForAll("readings") List<R> first, @ForAll("readings") List<R> second) {
    // The second layout has the registers in another order and lacks "P".
    RegisterLayout other =
        new RegisterLayout(
            List.of("E", "V"), List.of(RegisterKind.CUMULATIVE, RegisterKind.INSTANTANEOUS));
    AggregateState b = AggregateState.empty(other);
    List<R> secondInFirstLayout = new ArrayList<>();
    for (R r : second) {
      b =
          AggregateState.merge(
              b,
              AggregateState.ofReading(other, new long[] {r.values()[1], r.values()[0]}, r.at()));
      secondInFirstLayout.add(
          new R(new long[] {r.values()[0], r.values()[1], AggregateState.ABSENT}, r.at()));
    }
    RegisterLayout union = AggregateState.union(LAYOUT, other);
    List<R> all = new ArrayList<>(first);
    all.addAll(secondInFirstLayout);

    AggregateState merged = AggregateState.merge(fold(first).remap(union), b.remap(union));

    assertThat(union).isEqualTo(LAYOUT);
    assertThat(merged).isEqualTo(fold(all));
  }

  @Example
  void states_of_different_layouts_do_not_merge() {
    RegisterLayout other = new RegisterLayout(List.of("X"), List.of(RegisterKind.CUMULATIVE));
    assertThatThrownBy(
            () -> AggregateState.merge(AggregateState.empty(LAYOUT), AggregateState.empty(other)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layout");
  }

  @Example
  void sums_that_overflow_throw() {
    AggregateState big =
        AggregateState.ofReading(
            LAYOUT,
            new long[] {Long.MAX_VALUE - 1, AggregateState.ABSENT, AggregateState.ABSENT},
            0);
    assertThatThrownBy(() -> AggregateState.merge(big, big))
        .isInstanceOf(ArithmeticException.class);
  }
}
