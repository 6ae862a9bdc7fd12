package org.fis.measure;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tariff layer: a single tariff (T0), a dual tariff (T1 high, T2 low), a {@link Composite} of
 * alternatives, or explicitly {@link NotAvailable}. Each holds {@link DirectionMeasure}s.
 *
 * <p>Rules: a single tariff combined with a dual tariff gives a single tariff (the dual one is
 * summed, which is lossless); a single tariff cannot give T1 or T2 and throws {@link
 * MeasureMismatchException}. "Not available" absorbs arithmetic and is the identity of {@link
 * #composite}.
 *
 * <p>Immutable and thread-safe. No database access.
 */
public sealed interface TariffMeasure extends Layered, PhaseWise<TariffMeasure>
    permits TariffMeasure.NotAvailable,
        TariffMeasure.Single,
        TariffMeasure.Dual,
        TariffMeasure.Composite {

  /** The representation kinds a composite keys its members by. */
  enum Representation {
    /** A {@link Single} tariff. */
    SINGLE,
    /** A {@link Dual} tariff. */
    DUAL
  }

  /**
   * What is measured.
   *
   * @return the kind
   */
  MeasureKind kind();

  /**
   * Whether any value is available.
   *
   * @return false for not available and measures holding only not-available values
   */
  boolean isAvailable();

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
   * A single-tariff measure.
   *
   * @param t0 the value
   * @return the measure
   */
  static Single single(DirectionMeasure t0) {
    return new Single(t0);
  }

  /**
   * A dual-tariff measure.
   *
   * @param t1 high tariff
   * @param t2 low tariff
   * @return the measure
   */
  static Dual dual(DirectionMeasure t1, DirectionMeasure t2) {
    return new Dual(t1, t2);
  }

  /**
   * Alternatives keyed by representation (see {@link PhaseMeasure#composite(PhaseMeasure...)}).
   *
   * @param alternatives at least one, all of one kind
   * @return the composite
   * @throws MeasureMismatchException if kinds differ, or two different alternatives have the same
   *     representation
   */
  static TariffMeasure composite(TariffMeasure... alternatives) {
    return composite(Arrays.asList(alternatives));
  }

  /**
   * As {@link #composite(TariffMeasure...)}.
   *
   * @param alternatives at least one, all of one kind
   * @return the composite
   * @throws MeasureMismatchException if kinds differ, or two different alternatives have the same
   *     representation
   */
  static TariffMeasure composite(List<? extends TariffMeasure> alternatives) {
    return TariffAlgebra.COMPOSITES.composite(alternatives);
  }

  /**
   * The total over tariffs: T0, or T1 + T2. A composite prefers the single-tariff register, then T1
   * + T2: the first that is available.
   *
   * @return the total
   */
  default DirectionMeasure total() {
    return TariffAlgebra.total(this);
  }

  /**
   * The dual-tariff view. Not available gives a dual of not-available parts.
   *
   * @return the dual measure
   * @throws MeasureMismatchException for a single tariff (T1 and T2 are not derivable from T0)
   */
  default Dual dualView() {
    return TariffAlgebra.dualView(this);
  }

  /**
   * One tariff: T0 is {@link #total()}, T1 and T2 come from {@link #dualView()}.
   *
   * @param tariff which tariff
   * @return its measure
   */
  default DirectionMeasure tariff(Tariff tariff) {
    Objects.requireNonNull(tariff, "tariff");
    switch (tariff) {
      case T0:
        return total();
      case T1:
        return dualView().t1();
      case T2:
        return dualView().t2();
      default:
        throw new AssertionError(tariff);
    }
  }

  /**
   * The sum: single + single, dual + dual per tariff, single + dual → single; composites pair by
   * representation; not available absorbs.
   *
   * @param other same kind
   * @return this + other
   */
  default TariffMeasure add(TariffMeasure other) {
    return TariffAlgebra.combine(this, other, false);
  }

  /**
   * The difference, with the rules of {@link #add}.
   *
   * @param other same kind
   * @return this − other
   */
  default TariffMeasure subtract(TariffMeasure other) {
    return TariffAlgebra.combine(this, other, true);
  }

  /**
   * Explicitly not available.
   *
   * @param kind what would have been measured
   */
  record NotAvailable(MeasureKind kind) implements TariffMeasure {
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
   * A single tariff.
   *
   * @param t0 the value
   */
  record Single(DirectionMeasure t0) implements TariffMeasure {
    /** Validates. */
    public Single {
      Objects.requireNonNull(t0, "t0");
    }

    @Override
    public MeasureKind kind() {
      return t0.kind();
    }

    @Override
    public boolean isAvailable() {
      return t0.isAvailable();
    }
  }

  /**
   * Two tariffs.
   *
   * @param t1 high (day)
   * @param t2 low (night)
   */
  record Dual(DirectionMeasure t1, DirectionMeasure t2) implements TariffMeasure {
    /** Validates: same kind. */
    public Dual {
      Objects.requireNonNull(t1, "t1");
      Objects.requireNonNull(t2, "t2");
      if (t1.kind() != t2.kind()) {
        throw new MeasureMismatchException("t2: cannot pair " + t1.kind() + " with " + t2.kind());
      }
    }

    @Override
    public MeasureKind kind() {
      return t1.kind();
    }

    @Override
    public boolean isAvailable() {
      return t1.isAvailable() || t2.isAvailable();
    }
  }

  /**
   * Alternatives keyed by representation. Build it with {@link TariffMeasure#composite}.
   *
   * @param members both representations, available, of one kind
   */
  record Composite(Map<Representation, TariffMeasure> members)
      implements TariffMeasure, Alternatives<Representation, TariffMeasure> {
    /** Validates and copies the members. */
    public Composite {
      Objects.requireNonNull(members, "members");
      EnumMap<Representation, TariffMeasure> copy = new EnumMap<>(Representation.class);
      copy.putAll(members);
      TariffAlgebra.COMPOSITES.requireMembers(copy);
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
