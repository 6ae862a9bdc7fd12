package org.fis.iot.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * The aggregate of a set of readings of one meter in one period: the one representation that both
 * the in-memory fold and the database write use. {@link #merge} is a commutative monoid with {@link
 * #empty} as identity, so the aggregate of any partition of the readings, merged in any order,
 * equals the aggregate of all of them: that is what makes late and out-of-order data exact.
 *
 * <p>Per register {@code i} (arrays aligned with the {@link RegisterLayout}):
 *
 * <ul>
 *   <li>{@code n[i]}: readings that carried the register; when 0 the other fields are unused (0);
 *   <li>instantaneous: {@code sum[i]} the sum (milli units), {@code lo/loAt} the minimum and its
 *       time, {@code hi/hiAt} the maximum and its time; ties go to the earlier time;
 *   <li>cumulative: {@code sum[i] = 0}, {@code lo/loAt} the first reading by time, {@code hi/hiAt}
 *       the last; a tie in time (impossible for one meter) goes to the smaller/larger value.
 * </ul>
 *
 * <p>Values are milli units, times epoch microseconds. Sums and counts use exact arithmetic and
 * throw {@link ArithmeticException} on overflow. Immutable; the arrays are never exposed.
 */
public final class AggregateState {
  /** Marks an absent value in a reading's value array. */
  public static final long ABSENT = Long.MIN_VALUE;

  private final RegisterLayout layout;
  private final long count;
  private final long[] n;
  private final long[] sum;
  private final long[] lo;
  private final long[] loAt;
  private final long[] hi;
  private final long[] hiAt;

  private AggregateState(
      RegisterLayout layout,
      long count,
      long[] n,
      long[] sum,
      long[] lo,
      long[] loAt,
      long[] hi,
      long[] hiAt) {
    this.layout = layout;
    this.count = count;
    this.n = n;
    this.sum = sum;
    this.lo = lo;
    this.loAt = loAt;
    this.hi = hi;
    this.hiAt = hiAt;
  }

  /** The identity of {@link #merge}: no readings. */
  public static AggregateState empty(RegisterLayout layout) {
    int size = layout.size();
    return new AggregateState(
        layout,
        0,
        new long[size],
        new long[size],
        new long[size],
        new long[size],
        new long[size],
        new long[size]);
  }

  /**
   * The aggregate of one reading.
   *
   * @param layout the layout the values are aligned with
   * @param valuesMilli the values, {@link #ABSENT} where the reading has no value
   * @param atMicros the reading time in epoch microseconds
   * @return the aggregate, count 1
   */
  public static AggregateState ofReading(RegisterLayout layout, long[] valuesMilli, long atMicros) {
    int size = layout.size();
    if (valuesMilli.length != size) {
      throw new IllegalArgumentException(
          "valuesMilli: length " + valuesMilli.length + " != " + size);
    }
    AggregateState state = empty(layout);
    for (int i = 0; i < size; i++) {
      long value = valuesMilli[i];
      if (value == ABSENT) {
        continue;
      }
      state.n[i] = 1;
      state.sum[i] = layout.cumulative(i) ? 0 : value;
      state.lo[i] = value;
      state.hi[i] = value;
      state.loAt[i] = atMicros;
      state.hiAt[i] = atMicros;
    }
    return new AggregateState(
        layout, 1, state.n, state.sum, state.lo, state.loAt, state.hi, state.hiAt);
  }

  /**
   * A mutable fold of readings into one aggregate, for the ingest path: {@code add} is exactly
   * {@code merge(state, ofReading(layout, values, at))} without the two intermediate states (a
   * property test checks that). Not thread-safe; {@link #build} may be called once.
   */
  public static final class Builder {
    private final AggregateState state;
    private long count;
    private boolean built;

    /**
     * Starts an empty fold.
     *
     * @param layout the layout the readings' values are aligned with
     */
    public Builder(RegisterLayout layout) {
      this.state = empty(layout);
    }

    /**
     * Folds in one reading.
     *
     * @param valuesMilli the values, {@link #ABSENT} where the reading has no value
     * @param atMicros the reading time in epoch microseconds
     * @return this builder
     */
    public Builder add(long[] valuesMilli, long atMicros) {
      if (built) {
        throw new IllegalStateException("already built");
      }
      RegisterLayout layout = state.layout;
      int size = layout.size();
      if (valuesMilli.length != size) {
        throw new IllegalArgumentException(
            "valuesMilli: length " + valuesMilli.length + " != " + size);
      }
      long[] n = state.n;
      long[] sum = state.sum;
      long[] lo = state.lo;
      long[] loAt = state.loAt;
      long[] hi = state.hi;
      long[] hiAt = state.hiAt;
      for (int i = 0; i < size; i++) {
        long v = valuesMilli[i];
        if (v == ABSENT) {
          continue;
        }
        boolean cumulative = layout.cumulative(i);
        if (n[i] == 0) {
          n[i] = 1;
          sum[i] = cumulative ? 0 : v;
          lo[i] = v;
          hi[i] = v;
          loAt[i] = atMicros;
          hiAt[i] = atMicros;
          continue;
        }
        n[i] = Math.addExact(n[i], 1);
        if (cumulative) {
          if (before(atMicros, v, loAt[i], lo[i])) {
            lo[i] = v;
            loAt[i] = atMicros;
          }
          if (before(hiAt[i], hi[i], atMicros, v)) {
            hi[i] = v;
            hiAt[i] = atMicros;
          }
        } else {
          sum[i] = Math.addExact(sum[i], v);
          if (before(v, atMicros, lo[i], loAt[i])) {
            lo[i] = v;
            loAt[i] = atMicros;
          }
          if (v > hi[i] || (v == hi[i] && atMicros < hiAt[i])) {
            hi[i] = v;
            hiAt[i] = atMicros;
          }
        }
      }
      count = Math.addExact(count, 1);
      return this;
    }

    /** The aggregate of the readings added. */
    public AggregateState build() {
      if (built) {
        throw new IllegalStateException("already built");
      }
      built = true;
      AggregateState s = state;
      return new AggregateState(s.layout, count, s.n, s.sum, s.lo, s.loAt, s.hi, s.hiAt);
    }
  }

  /**
   * Restores a stored aggregate (the arrays are copied).
   *
   * @return the state
   */
  public static AggregateState of(
      RegisterLayout layout,
      long count,
      long[] n,
      long[] sum,
      long[] lo,
      long[] loAt,
      long[] hi,
      long[] hiAt) {
    int size = layout.size();
    for (long[] array : new long[][] {n, sum, lo, loAt, hi, hiAt}) {
      if (array.length != size) {
        throw new IllegalArgumentException("arrays: length " + array.length + " != " + size);
      }
    }
    if (count < 0) {
      throw new IllegalArgumentException("count: must be >= 0, got " + count);
    }
    return new AggregateState(
        layout, count, n.clone(), sum.clone(), lo.clone(), loAt.clone(), hi.clone(), hiAt.clone());
  }

  /**
   * THE merge function: the aggregate of the union of both sets of readings. Commutative,
   * associative, {@link #empty} is the identity.
   *
   * @param a one aggregate
   * @param b another aggregate of the same layout
   * @return their merge
   */
  public static AggregateState merge(AggregateState a, AggregateState b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (a.layout != b.layout && !a.layout.equals(b.layout)) {
      throw new IllegalArgumentException("b: layout differs from a's");
    }
    int size = a.layout.size();
    AggregateState m = empty(a.layout);
    for (int i = 0; i < size; i++) {
      if (b.n[i] == 0 || a.n[i] == 0) {
        AggregateState only = b.n[i] == 0 ? a : b;
        m.n[i] = only.n[i];
        m.sum[i] = only.sum[i];
        m.lo[i] = only.lo[i];
        m.loAt[i] = only.loAt[i];
        m.hi[i] = only.hi[i];
        m.hiAt[i] = only.hiAt[i];
        continue;
      }
      m.n[i] = Math.addExact(a.n[i], b.n[i]);
      m.sum[i] = Math.addExact(a.sum[i], b.sum[i]);
      boolean takeLoFromB;
      boolean takeHiFromB;
      if (a.layout.cumulative(i)) {
        takeLoFromB = before(b.loAt[i], b.lo[i], a.loAt[i], a.lo[i]);
        takeHiFromB = before(a.hiAt[i], a.hi[i], b.hiAt[i], b.hi[i]);
      } else {
        takeLoFromB = before(b.lo[i], b.loAt[i], a.lo[i], a.loAt[i]);
        takeHiFromB = b.hi[i] > a.hi[i] || (b.hi[i] == a.hi[i] && b.hiAt[i] < a.hiAt[i]);
      }
      AggregateState loSource = takeLoFromB ? b : a;
      AggregateState hiSource = takeHiFromB ? b : a;
      m.lo[i] = loSource.lo[i];
      m.loAt[i] = loSource.loAt[i];
      m.hi[i] = hiSource.hi[i];
      m.hiAt[i] = hiSource.hiAt[i];
    }
    return new AggregateState(
        a.layout, Math.addExact(a.count, b.count), m.n, m.sum, m.lo, m.loAt, m.hi, m.hiAt);
  }

  /**
   * The part of this aggregate (of one quarter hour) that is not yet in the day and month rows it
   * was folded into, given the additive statistics this aggregate had when it was last folded: the
   * differences of the counts and sums, and this aggregate's own minimum, maximum, first and last
   * reading, which merge idempotently (a row that already holds them keeps them). So for any
   * aggregate {@code x} that contains the folded part {@code f} (say {@code x = merge(f, y)}),
   * {@code merge(x, merge(f, d).unfolded(f's counts and sums)) = merge(x, d)}: a folded row merged
   * with the unfolded parts of its quarter hours is the row a fold of everything would write. A
   * register that received nothing since the fold has {@code n = 0} in the result and is left as it
   * is by the merge.
   *
   * @param foldedCount the count when last folded, 0..{@link #count()}
   * @param foldedN the per-register counts when last folded, or null when never folded
   * @param foldedSum the per-register sums when last folded, or null when never folded
   * @return the unfolded part (this aggregate itself when nothing was folded)
   */
  public AggregateState unfolded(long foldedCount, long[] foldedN, long[] foldedSum) {
    if (foldedCount < 0 || foldedCount > count) {
      throw new IllegalArgumentException(
          "foldedCount: must be 0.." + count + ", got " + foldedCount);
    }
    if (foldedN == null || foldedSum == null) {
      if (foldedCount != 0 || foldedN != foldedSum) {
        throw new IllegalArgumentException("foldedN, foldedSum: null only when nothing was folded");
      }
      return this;
    }
    int size = layout.size();
    if (foldedN.length != size || foldedSum.length != size) {
      throw new IllegalArgumentException("folded arrays: length != " + size);
    }
    AggregateState out = empty(layout);
    for (int i = 0; i < size; i++) {
      long rest = n[i] - foldedN[i];
      if (foldedN[i] < 0 || rest < 0) {
        throw new IllegalArgumentException(
            "foldedN: register " + i + " must be 0.." + n[i] + ", got " + foldedN[i]);
      }
      if (rest == 0) {
        continue;
      }
      out.n[i] = rest;
      out.sum[i] = Math.subtractExact(sum[i], foldedSum[i]);
      out.lo[i] = lo[i];
      out.loAt[i] = loAt[i];
      out.hi[i] = hi[i];
      out.hiAt[i] = hiAt[i];
    }
    return new AggregateState(
        layout, count - foldedCount, out.n, out.sum, out.lo, out.loAt, out.hi, out.hiAt);
  }

  /** The per-register counts, a copy (what a fold records as folded). */
  public long[] nArray() {
    return n.clone();
  }

  /** The per-register sums, a copy (what a fold records as folded). */
  public long[] sumArray() {
    return sum.clone();
  }

  /**
   * This aggregate in another layout that holds every register of this one (by name): used to merge
   * aggregates of two layouts of one period (a meter whose model changed).
   *
   * @param target the wider layout
   * @return the same statistics, aligned with {@code target}
   */
  public AggregateState remap(RegisterLayout target) {
    AggregateState out = empty(target);
    java.util.Map<String, Integer> index = target.indexByName();
    for (int i = 0; i < layout.size(); i++) {
      Integer j = index.get(layout.names().get(i));
      if (j == null || target.kinds().get(j) != layout.kinds().get(i)) {
        throw new IllegalArgumentException(
            "target: lacks register "
                + layout.names().get(i)
                + " of kind "
                + layout.kinds().get(i));
      }
      out.n[j] = n[i];
      out.sum[j] = sum[i];
      out.lo[j] = lo[i];
      out.loAt[j] = loAt[i];
      out.hi[j] = hi[i];
      out.hiAt[j] = hiAt[i];
    }
    return new AggregateState(target, count, out.n, out.sum, out.lo, out.loAt, out.hi, out.hiAt);
  }

  /**
   * The union of two layouts: this one's registers, then the other's that this one lacks.
   *
   * @param a one layout
   * @param b another layout
   * @return the union
   * @throws IllegalArgumentException if a register has different kinds in the two
   */
  public static RegisterLayout union(RegisterLayout a, RegisterLayout b) {
    java.util.List<String> names = new java.util.ArrayList<>(a.names());
    java.util.List<org.fis.iot.RegisterKind> kinds = new java.util.ArrayList<>(a.kinds());
    java.util.Map<String, Integer> index = a.indexByName();
    for (int i = 0; i < b.size(); i++) {
      Integer j = index.get(b.names().get(i));
      if (j == null) {
        names.add(b.names().get(i));
        kinds.add(b.kinds().get(i));
      } else if (kinds.get(j) != b.kinds().get(i)) {
        throw new IllegalArgumentException("b: register " + b.names().get(i) + " changes kind");
      }
    }
    return new RegisterLayout(names, kinds);
  }

  /** Lexicographic strict order on (x1, y1) < (x2, y2). */
  private static boolean before(long x1, long y1, long x2, long y2) {
    return x1 < x2 || (x1 == x2 && y1 < y2);
  }

  /** The layout. */
  public RegisterLayout layout() {
    return layout;
  }

  /** Readings merged in. */
  public long count() {
    return count;
  }

  /** Readings that carried register {@code i}. */
  public long n(int i) {
    return n[i];
  }

  /** Sum of register {@code i} (instantaneous), milli units. */
  public long sum(int i) {
    return sum[i];
  }

  /** Minimum (instantaneous) or first reading (cumulative) of register {@code i}. */
  public long lo(int i) {
    return lo[i];
  }

  /** Time of {@link #lo(int)}, epoch microseconds. */
  public long loAt(int i) {
    return loAt[i];
  }

  /** Maximum (instantaneous) or last reading (cumulative) of register {@code i}. */
  public long hi(int i) {
    return hi[i];
  }

  /** Time of {@link #hi(int)}, epoch microseconds. */
  public long hiAt(int i) {
    return hiAt[i];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AggregateState s
        && layout.equals(s.layout)
        && count == s.count
        && Arrays.equals(n, s.n)
        && Arrays.equals(sum, s.sum)
        && Arrays.equals(lo, s.lo)
        && Arrays.equals(loAt, s.loAt)
        && Arrays.equals(hi, s.hi)
        && Arrays.equals(hiAt, s.hiAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, Arrays.hashCode(n), Arrays.hashCode(lo), Arrays.hashCode(hi));
  }

  @Override
  public String toString() {
    return "AggregateState{count="
        + count
        + ", n="
        + Arrays.toString(n)
        + ", sum="
        + Arrays.toString(sum)
        + ", lo="
        + Arrays.toString(lo)
        + "@"
        + Arrays.toString(loAt)
        + ", hi="
        + Arrays.toString(hi)
        + "@"
        + Arrays.toString(hiAt)
        + "}";
  }
}
