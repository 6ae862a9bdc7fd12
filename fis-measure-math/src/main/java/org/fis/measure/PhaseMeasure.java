package org.fis.measure;

import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The phase layer: a quantity as a single total over all phases, per phase (L1, L2, L3), as
 * instantaneous statistics, as a cumulative register, as a {@link Composite} of alternative
 * representations, or explicitly {@link NotAvailable}.
 *
 * <p>Rules (see the module README for the full table):
 *
 * <ul>
 *   <li>"Not available" absorbs arithmetic ({@code x + n/a = n/a}) and is the identity of {@link
 *       #composite}; a real zero is a value.
 *   <li>{@link ThreePhase} combined with {@link Total} gives a {@link Total} (three phases are
 *       summed, which is lossless); other combinations without a lossless conversion throw {@link
 *       MeasureMismatchException}.
 *   <li>A composite resolves each operation by member representation: totals prefer the total
 *       register, per-phase statistics prefer three-phase data. Member order never matters.
 * </ul>
 *
 * <p>Immutable and thread-safe. No database access.
 */
public sealed interface PhaseMeasure extends Layered
    permits PhaseMeasure.NotAvailable,
        PhaseMeasure.Total,
        PhaseMeasure.ThreePhase,
        PhaseMeasure.Instantaneous,
        PhaseMeasure.Cumulative,
        PhaseMeasure.Composite {

  /** The representation kinds a composite keys its members by. */
  enum Representation {
    /** A {@link Total}. */
    TOTAL,
    /** A {@link ThreePhase}. */
    THREE_PHASE,
    /** {@link Instantaneous} statistics. */
    INSTANTANEOUS,
    /** A {@link Cumulative} register. */
    CUMULATIVE
  }

  /**
   * What is measured.
   *
   * @return the kind
   */
  MeasureKind kind();

  /**
   * Whether a value is available: false only for {@link NotAvailable} and measures built only from
   * it. A zero is available.
   *
   * @return whether available
   */
  boolean isAvailable();

  // ---------------------------------------------------------------- factories

  /**
   * "Not available" of a kind.
   *
   * @param kind what would have been measured
   * @return the explicit absence
   */
  static NotAvailable notAvailable(MeasureKind kind) {
    return new NotAvailable(kind);
  }

  /**
   * A total over all phases (the meter's total register).
   *
   * @param value the total
   * @return the measure
   */
  static Total total(Quantity value) {
    return new Total(value.kind(), value.valueMilli());
  }

  /**
   * Per-phase values.
   *
   * @param l1 phase L1
   * @param l2 phase L2
   * @param l3 phase L3
   * @return the measure
   * @throws MeasureMismatchException if the kinds differ
   */
  static ThreePhase threePhase(Quantity l1, Quantity l2, Quantity l3) {
    if (l1.kind() != l2.kind() || l1.kind() != l3.kind()) {
      throw new MeasureMismatchException(
          "threePhase: phases of different kinds "
              + l1.kind()
              + ", "
              + l2.kind()
              + ", "
              + l3.kind());
    }
    return new ThreePhase(l1.kind(), l1.valueMilli(), l2.valueMilli(), l3.valueMilli());
  }

  /**
   * A composite of alternative representations of the same quantity. Nested composites are
   * flattened, "not available" alternatives dropped, equal duplicates merged. With no available
   * alternative the result is {@link NotAvailable}; with one, that alternative itself.
   *
   * @param alternatives at least one alternative, all of one kind
   * @return the composite (or the single alternative, or not available)
   * @throws MeasureMismatchException if kinds differ, or two different alternatives have the same
   *     representation
   */
  static PhaseMeasure composite(PhaseMeasure... alternatives) {
    return composite(Arrays.asList(alternatives));
  }

  /**
   * As {@link #composite(PhaseMeasure...)}.
   *
   * @param alternatives at least one alternative, all of one kind
   * @return the composite (or the single alternative, or not available)
   * @throws MeasureMismatchException if kinds differ, or two different alternatives have the same
   *     representation
   */
  static PhaseMeasure composite(List<? extends PhaseMeasure> alternatives) {
    return PhaseAlgebra.COMPOSITES.composite(alternatives);
  }

  // ---------------------------------------------------------------- phase reductions

  /**
   * The total over all phases. Total → its value; three-phase → L1 + L2 + L3; instantaneous → sum
   * of the average; cumulative → sum of (last − first). A composite prefers the total register,
   * then three-phase, cumulative, instantaneous: the first that is available.
   *
   * @return the total, or empty when not available
   */
  default Optional<Quantity> phaseSum() {
    return PhaseAlgebra.phaseSum(this);
  }

  /**
   * The mean over the three phases, rounded half-even to 0.001 base units. A total is assumed
   * balanced (total / 3). A composite prefers three-phase data, then cumulative, instantaneous,
   * total.
   *
   * @return the average, or empty when not available
   */
  default Optional<Quantity> phaseAverage() {
    return phaseAverage(RoundingMode.HALF_EVEN);
  }

  /**
   * As {@link #phaseAverage()} with an explicit rounding.
   *
   * @param rounding how to round the division by 3
   * @return the average, or empty when not available
   */
  default Optional<Quantity> phaseAverage(RoundingMode rounding) {
    return PhaseAlgebra.phaseAverage(this, rounding);
  }

  /**
   * The largest phase (for statistics: the largest phase of the maximum). A total register has no
   * per-phase values, so its peak is not available. A composite prefers three-phase data.
   *
   * @return the peak, or empty when not available
   */
  default Optional<Quantity> phasePeak() {
    return PhaseAlgebra.phaseExtreme(this, true);
  }

  /**
   * The smallest phase (for statistics: the smallest phase of the minimum). As {@link #phasePeak()}
   * otherwise.
   *
   * @return the trough, or empty when not available
   */
  default Optional<Quantity> phaseTrough() {
    return PhaseAlgebra.phaseExtreme(this, false);
  }

  /**
   * The per-phase view. Three-phase → itself; a total is split as if balanced, exactly: each phase
   * gets ⌊v/3⌋ in thousandths and the remainder (0–2 thousandths) goes to L1 then L2, so {@code
   * split(x).phaseSum() == x}. A composite prefers three-phase data.
   *
   * @return the three phases, or empty when not available
   */
  default Optional<ThreePhase> phaseSplit() {
    return PhaseAlgebra.phaseSplit(this);
  }

  /**
   * The instantaneous statistics of this measure, if it has them (itself or a composite member).
   *
   * @return the statistics, or empty
   */
  default Optional<Instantaneous> instantaneous() {
    return Optional.ofNullable(PhaseAlgebra.COMPOSITES.member(this, Representation.INSTANTANEOUS))
        .map(Instantaneous.class::cast);
  }

  /**
   * The cumulative register readings of this measure, if it has them (itself or a composite
   * member).
   *
   * @return the register, or empty
   */
  default Optional<Cumulative> cumulative() {
    return Optional.ofNullable(PhaseAlgebra.COMPOSITES.member(this, Representation.CUMULATIVE))
        .map(Cumulative.class::cast);
  }

  // ---------------------------------------------------------------- arithmetic

  /**
   * The sum. Same representation → element-wise; three-phase with total → total; composites pair
   * their members by representation. Not available on either side gives not available.
   *
   * @param other a measure of the same kind
   * @return this + other
   * @throws MeasureMismatchException if kinds differ or no representation can be combined
   * @throws ArithmeticException on overflow
   */
  default PhaseMeasure add(PhaseMeasure other) {
    return PhaseAlgebra.combine(this, other, false);
  }

  /**
   * The difference, with the same pairing rules as {@link #add}. Statistics minus a value shift the
   * statistics; a value minus statistics swaps minimum and maximum (with their times).
   *
   * @param other a measure of the same kind
   * @return this − other
   */
  default PhaseMeasure subtract(PhaseMeasure other) {
    return PhaseAlgebra.combine(this, other, true);
  }

  /**
   * The negation (statistics swap minimum and maximum).
   *
   * @return −this
   */
  default PhaseMeasure negate() {
    return PhaseAlgebra.multiply(this, -1);
  }

  /**
   * The absolute value of every value. Statistics whose sign is unknown cannot be made absolute and
   * throw (inside a composite, that member is dropped).
   *
   * @return |this|
   */
  default PhaseMeasure abs() {
    return PhaseAlgebra.abs(this);
  }

  /**
   * Exact multiplication by an integer.
   *
   * @param factor the factor
   * @return this × factor
   */
  default PhaseMeasure multiply(long factor) {
    return PhaseAlgebra.multiply(this, factor);
  }

  /**
   * Division by an integer, every value rounded to 0.001 base units.
   *
   * @param divisor not zero
   * @param rounding how to round
   * @return this / divisor
   */
  default PhaseMeasure divide(long divisor, RoundingMode rounding) {
    return PhaseAlgebra.divide(this, divisor, rounding);
  }

  /**
   * The mean power of this energy over a duration (Wh / h → W), every value rounded to 0.001 base
   * units; for example the mean power of a quarter hour's energy is 4 × its energy.
   *
   * @param duration positive
   * @param rounding how to round
   * @return the power measure, of kind {@link MeasureKind#power()}
   * @throws MeasureMismatchException if this is not an energy
   */
  default PhaseMeasure perDuration(Duration duration, RoundingMode rounding) {
    return PhaseAlgebra.perDuration(this, duration, rounding);
  }

  // ---------------------------------------------------------------- variants

  /**
   * Explicitly not available: no value was measured. It is not zero.
   *
   * @param kind what would have been measured
   */
  record NotAvailable(MeasureKind kind) implements PhaseMeasure {
    /** Validates. */
    public NotAvailable {
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public boolean isAvailable() {
      return false;
    }
  }

  /**
   * A single value for all phases together: the meter's total register, or a single-phase
   * connection's value.
   *
   * @param kind what is measured
   * @param valueMilli the total in thousandths of the base unit
   */
  record Total(MeasureKind kind, long valueMilli) implements PhaseMeasure {
    /** Validates. */
    public Total {
      Objects.requireNonNull(kind, "kind");
    }

    /**
     * The total as a quantity.
     *
     * @return the value
     */
    public Quantity value() {
      return new Quantity(kind, valueMilli);
    }

    @Override
    public boolean isAvailable() {
      return true;
    }
  }

  /**
   * Per-phase values.
   *
   * @param kind what is measured
   * @param l1Milli phase L1 in thousandths of the base unit
   * @param l2Milli phase L2
   * @param l3Milli phase L3
   */
  record ThreePhase(MeasureKind kind, long l1Milli, long l2Milli, long l3Milli)
      implements PhaseMeasure {
    /** Validates. */
    public ThreePhase {
      Objects.requireNonNull(kind, "kind");
    }

    /**
     * Phase L1.
     *
     * @return the value
     */
    public Quantity l1() {
      return new Quantity(kind, l1Milli);
    }

    /**
     * Phase L2.
     *
     * @return the value
     */
    public Quantity l2() {
      return new Quantity(kind, l2Milli);
    }

    /**
     * Phase L3.
     *
     * @return the value
     */
    public Quantity l3() {
      return new Quantity(kind, l3Milli);
    }

    /**
     * A total of the three phases (lossless conversion).
     *
     * @return L1 + L2 + L3 as a total
     * @throws ArithmeticException on overflow
     */
    public Total toTotal() {
      return new Total(kind, Math.addExact(Math.addExact(l1Milli, l2Milli), l3Milli));
    }

    /**
     * A balanced split of a total, exact (see {@link PhaseMeasure#phaseSplit()}).
     *
     * @param total the total
     * @return the three phases
     */
    public static ThreePhase balanced(Total total) {
      long[] parts = Exact.splitInThree(total.valueMilli());
      return new ThreePhase(total.kind(), parts[0], parts[1], parts[2]);
    }

    @Override
    public boolean isAvailable() {
      return true;
    }
  }

  /**
   * Instantaneous statistics over an interval: average, minimum with its time and maximum with its
   * time. The three values are totals, three-phase values, or composites of those.
   *
   * @param average the average
   * @param minimum the minimum
   * @param minimumAt when the minimum occurred
   * @param maximum the maximum
   * @param maximumAt when the maximum occurred
   */
  record Instantaneous(
      PhaseMeasure average,
      PhaseMeasure minimum,
      Instant minimumAt,
      PhaseMeasure maximum,
      Instant maximumAt)
      implements PhaseMeasure {
    /** Validates: one kind, plain values, times present. */
    public Instantaneous {
      PhaseAlgebra.requirePlain(average, "average");
      PhaseAlgebra.requirePlain(minimum, "minimum");
      PhaseAlgebra.requirePlain(maximum, "maximum");
      Objects.requireNonNull(minimumAt, "minimumAt");
      Objects.requireNonNull(maximumAt, "maximumAt");
      PhaseAlgebra.requireSameKind(average, minimum, "minimum");
      PhaseAlgebra.requireSameKind(average, maximum, "maximum");
    }

    @Override
    public MeasureKind kind() {
      return average.kind();
    }

    @Override
    public boolean isAvailable() {
      return average.isAvailable() || minimum.isAvailable() || maximum.isAvailable();
    }
  }

  /**
   * A cumulative register over an interval: its first and last reading. Its phase reductions work
   * on the difference {@code last − first}.
   *
   * @param first the first reading
   * @param last the last reading
   */
  record Cumulative(PhaseMeasure first, PhaseMeasure last) implements PhaseMeasure {
    /** Validates: one kind, plain values. */
    public Cumulative {
      PhaseAlgebra.requirePlain(first, "first");
      PhaseAlgebra.requirePlain(last, "last");
      PhaseAlgebra.requireSameKind(first, last, "last");
    }

    /**
     * The register advance {@code last − first}.
     *
     * @return the difference (not available if either reading is)
     */
    public PhaseMeasure difference() {
      return last.subtract(first);
    }

    @Override
    public MeasureKind kind() {
      return first.kind();
    }

    @Override
    public boolean isAvailable() {
      return first.isAvailable() && last.isAvailable();
    }
  }

  /**
   * Alternative representations of the same quantity, keyed by representation. Build it with {@link
   * PhaseMeasure#composite}. Not a sum.
   *
   * @param members at least two available, non-composite members of one kind, keyed by their
   *     representation
   */
  record Composite(Map<Representation, PhaseMeasure> members)
      implements PhaseMeasure, Alternatives<Representation, PhaseMeasure> {
    /** Validates and copies the members. */
    public Composite {
      Objects.requireNonNull(members, "members");
      EnumMap<Representation, PhaseMeasure> copy = new EnumMap<>(Representation.class);
      copy.putAll(members);
      PhaseAlgebra.COMPOSITES.requireMembers(copy);
      members = Collections.unmodifiableMap(copy);
    }

    @Override
    public MeasureKind kind() {
      return members.values().iterator().next().kind();
    }

    @Override
    public boolean isAvailable() {
      return true;
    }
  }
}
