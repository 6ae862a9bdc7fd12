package org.fis.measure;

import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.fis.measure.PhaseMeasure.Composite;
import org.fis.measure.PhaseMeasure.Cumulative;
import org.fis.measure.PhaseMeasure.Instantaneous;
import org.fis.measure.PhaseMeasure.NotAvailable;
import org.fis.measure.PhaseMeasure.Representation;
import org.fis.measure.PhaseMeasure.ThreePhase;
import org.fis.measure.PhaseMeasure.Total;

/** The phase layer's own arithmetic; the composite rules are {@link Composites}'. Not API. */
final class PhaseAlgebra {
  private static final List<Representation> SUM_ORDER =
      List.of(
          Representation.TOTAL,
          Representation.THREE_PHASE,
          Representation.CUMULATIVE,
          Representation.INSTANTANEOUS);
  private static final List<Representation> PER_PHASE_ORDER =
      List.of(
          Representation.THREE_PHASE,
          Representation.CUMULATIVE,
          Representation.INSTANTANEOUS,
          Representation.TOTAL);
  private static final List<Representation> COMBINABLE =
      List.of(Representation.TOTAL, Representation.THREE_PHASE, Representation.CUMULATIVE);

  /** The composite rules of this layer. */
  static final Composites<PhaseMeasure, Representation> COMPOSITES =
      new Composites<>(PhaseMeasure.class, Representation.class, NotAvailable::new, Composite::new);

  private PhaseAlgebra() {}

  // ---------------------------------------------------------------- validation

  /** Requires a total, three-phase, not available or a composite of totals and three-phase. */
  static void requirePlain(PhaseMeasure measure, String parameter) {
    Objects.requireNonNull(measure, parameter);
    if (measure instanceof Instantaneous || measure instanceof Cumulative) {
      throw new IllegalArgumentException(
          parameter + ": must be a total, three-phase or not available, got " + measure);
    }
    if (measure instanceof Composite composite) {
      for (PhaseMeasure member : composite.members().values()) {
        requirePlain(member, parameter);
      }
    }
  }

  /** Requires equal kinds. */
  static void requireSameKind(PhaseMeasure expected, PhaseMeasure actual, String parameter) {
    if (expected.kind() != actual.kind()) {
      throw new MeasureMismatchException(
          parameter + ": cannot combine " + expected.kind() + " with " + actual.kind());
    }
  }

  // ---------------------------------------------------------------- reductions

  /** See {@link PhaseMeasure#phaseSum()}. */
  static Optional<Quantity> phaseSum(PhaseMeasure measure) {
    return reduce(measure, SUM_ORDER, Instantaneous::average, PhaseAlgebra::plainSum);
  }

  private static Optional<Quantity> plainSum(PhaseMeasure plain) {
    return Optional.of(
        plain instanceof ThreePhase three ? three.toTotal().value() : ((Total) plain).value());
  }

  /** See {@link PhaseMeasure#phaseSplit()}. */
  static Optional<ThreePhase> phaseSplit(PhaseMeasure measure) {
    return reduce(
        measure,
        PER_PHASE_ORDER,
        Instantaneous::average,
        plain ->
            Optional.of(
                plain instanceof ThreePhase three ? three : ThreePhase.balanced((Total) plain)));
  }

  /** See {@link PhaseMeasure#phaseAverage(RoundingMode)}. */
  static Optional<Quantity> phaseAverage(PhaseMeasure measure, RoundingMode rounding) {
    Objects.requireNonNull(rounding, "rounding");
    return reduce(
        measure,
        PER_PHASE_ORDER,
        Instantaneous::average,
        plain -> plainSum(plain).map(sum -> sum.divide(3, rounding)));
  }

  /** Peak ({@code max == true}) or trough; a total has no per-phase extremes. */
  static Optional<Quantity> phaseExtreme(PhaseMeasure measure, boolean max) {
    return reduce(
        measure,
        PER_PHASE_ORDER,
        max ? Instantaneous::maximum : Instantaneous::minimum,
        plain ->
            plain instanceof ThreePhase three
                ? Optional.of(extreme(three, max))
                : Optional.empty());
  }

  private static Quantity extreme(ThreePhase three, boolean max) {
    long value =
        max
            ? Math.max(three.l1Milli(), Math.max(three.l2Milli(), three.l3Milli()))
            : Math.min(three.l1Milli(), Math.min(three.l2Milli(), three.l3Milli()));
    return Quantity.ofMilli(three.kind(), value);
  }

  /**
   * A phase reduction, written once: a total or three-phase value is reduced by {@code plain};
   * statistics reduce their {@code statistic} (the average, or the extreme); a register reduces its
   * advance; a composite takes the first member in {@code order} whose result is present.
   */
  private static <T> Optional<T> reduce(
      PhaseMeasure measure,
      List<Representation> order,
      Function<Instantaneous, PhaseMeasure> statistic,
      Function<PhaseMeasure, Optional<T>> plain) {
    if (measure instanceof Total || measure instanceof ThreePhase) {
      return plain.apply(measure);
    } else if (measure instanceof Instantaneous statistics) {
      return reduce(statistic.apply(statistics), order, statistic, plain);
    } else if (measure instanceof Cumulative register) {
      return reduce(register.difference(), order, statistic, plain);
    } else if (measure instanceof NotAvailable) {
      return Optional.empty();
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.firstPresent(
          composite.members(), order, member -> reduce(member, order, statistic, plain));
    }
    throw new AssertionError(measure);
  }

  // ---------------------------------------------------------------- binary

  /** Add ({@code subtract == false}) or subtract. */
  static PhaseMeasure combine(PhaseMeasure left, PhaseMeasure right, boolean subtract) {
    Objects.requireNonNull(right, "other");
    if (left instanceof ThreePhase a && right instanceof ThreePhase b) {
      requireSameKind(a, b, "other");
      return subtract
          ? new ThreePhase(
              a.kind(),
              Math.subtractExact(a.l1Milli(), b.l1Milli()),
              Math.subtractExact(a.l2Milli(), b.l2Milli()),
              Math.subtractExact(a.l3Milli(), b.l3Milli()))
          : new ThreePhase(
              a.kind(),
              Math.addExact(a.l1Milli(), b.l1Milli()),
              Math.addExact(a.l2Milli(), b.l2Milli()),
              Math.addExact(a.l3Milli(), b.l3Milli()));
    }
    requireSameKind(left, right, "other");
    if (left instanceof Total a && right instanceof Total b) {
      long x = a.valueMilli();
      long y = b.valueMilli();
      return new Total(left.kind(), subtract ? Math.subtractExact(x, y) : Math.addExact(x, y));
    }
    if (!left.isAvailable() || !right.isAvailable()) {
      return new NotAvailable(left.kind());
    }
    if (left instanceof Instantaneous statistics && isValue(right)) {
      return shift(statistics, right, subtract);
    }
    if (right instanceof Instantaneous statistics && isValue(left)) {
      return subtract
          ? shift((Instantaneous) multiply(statistics, -1), left, false)
          : shift(statistics, left, false);
    }
    return COMPOSITES.combine(
        left, right, subtract, COMBINABLE, PhaseAlgebra::as, PhaseAlgebra::combineMembers);
  }

  private static PhaseMeasure combineMembers(PhaseMeasure a, PhaseMeasure b, boolean subtract) {
    if (a instanceof Cumulative x && b instanceof Cumulative y) {
      return new Cumulative(
          combine(x.first(), y.first(), subtract), combine(x.last(), y.last(), subtract));
    }
    return combine(a, b, subtract);
  }

  private static boolean isValue(PhaseMeasure measure) {
    return measure instanceof Total || measure instanceof ThreePhase;
  }

  private static Instantaneous shift(Instantaneous s, PhaseMeasure offset, boolean subtract) {
    return mapStatistics(s, value -> combine(value, offset, subtract), false);
  }

  /** The measure as a representation, converting losslessly (three-phase → total), or null. */
  private static PhaseMeasure as(PhaseMeasure measure, Representation representation) {
    PhaseMeasure member = COMPOSITES.member(measure, representation);
    if (member == null
        && representation == Representation.TOTAL
        && COMPOSITES.member(measure, Representation.THREE_PHASE) instanceof ThreePhase three) {
      return three.toTotal();
    }
    return member;
  }

  // ---------------------------------------------------------------- unary

  /** Exact multiplication by an integer. */
  static PhaseMeasure multiply(PhaseMeasure measure, long factor) {
    if (measure instanceof Total total) {
      return new Total(total.kind(), Math.multiplyExact(total.valueMilli(), factor));
    } else if (measure instanceof ThreePhase t) {
      return new ThreePhase(
          t.kind(),
          Math.multiplyExact(t.l1Milli(), factor),
          Math.multiplyExact(t.l2Milli(), factor),
          Math.multiplyExact(t.l3Milli(), factor));
    } else if (measure instanceof Instantaneous s) {
      return mapStatistics(s, value -> multiply(value, factor), factor < 0);
    } else if (measure instanceof Cumulative c) {
      return new Cumulative(multiply(c.first(), factor), multiply(c.last(), factor));
    } else if (measure instanceof NotAvailable) {
      return measure;
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.mapMembers(composite.members(), member -> multiply(member, factor));
    }
    throw new AssertionError(measure);
  }

  /** Division by an integer with rounding. */
  static PhaseMeasure divide(PhaseMeasure measure, long divisor, RoundingMode rounding) {
    Objects.requireNonNull(rounding, "rounding");
    if (divisor == 0) {
      throw new IllegalArgumentException("divisor: must not be zero");
    }
    if (measure instanceof Total total) {
      return new Total(total.kind(), Exact.divide(total.valueMilli(), divisor, rounding));
    } else if (measure instanceof ThreePhase t) {
      return new ThreePhase(
          t.kind(),
          Exact.divide(t.l1Milli(), divisor, rounding),
          Exact.divide(t.l2Milli(), divisor, rounding),
          Exact.divide(t.l3Milli(), divisor, rounding));
    } else if (measure instanceof Instantaneous s) {
      return mapStatistics(s, value -> divide(value, divisor, rounding), divisor < 0);
    } else if (measure instanceof Cumulative c) {
      return new Cumulative(
          divide(c.first(), divisor, rounding), divide(c.last(), divisor, rounding));
    } else if (measure instanceof NotAvailable) {
      return measure;
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.mapMembers(
          composite.members(), member -> divide(member, divisor, rounding));
    }
    throw new AssertionError(measure);
  }

  /**
   * Statistics with every value mapped; a negative scale ({@code swap}) swaps minimum and maximum
   * with their times.
   */
  private static Instantaneous mapStatistics(
      Instantaneous s, UnaryOperator<PhaseMeasure> operation, boolean swap) {
    PhaseMeasure average = operation.apply(s.average());
    PhaseMeasure minimum = operation.apply(s.minimum());
    PhaseMeasure maximum = operation.apply(s.maximum());
    return swap
        ? new Instantaneous(average, maximum, s.maximumAt(), minimum, s.minimumAt())
        : new Instantaneous(average, minimum, s.minimumAt(), maximum, s.maximumAt());
  }

  /** Absolute values; statistics are rejected, and dropped from composites. */
  static PhaseMeasure abs(PhaseMeasure measure) {
    if (measure instanceof Total total) {
      return new Total(total.kind(), Math.absExact(total.valueMilli()));
    } else if (measure instanceof ThreePhase t) {
      return new ThreePhase(
          t.kind(),
          Math.absExact(t.l1Milli()),
          Math.absExact(t.l2Milli()),
          Math.absExact(t.l3Milli()));
    } else if (measure instanceof Instantaneous) {
      throw new MeasureMismatchException(
          "abs: the minimum and maximum of |x| are not derivable from the statistics of x");
    } else if (measure instanceof Cumulative c) {
      return new Cumulative(abs(c.first()), abs(c.last()));
    } else if (measure instanceof NotAvailable) {
      return measure;
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.mapMembers(
          composite.members(),
          member ->
              member instanceof Instantaneous ? new NotAvailable(member.kind()) : abs(member));
    }
    throw new AssertionError(measure);
  }

  /** Energy per duration → mean power, every value rounded. */
  static PhaseMeasure perDuration(PhaseMeasure measure, Duration duration, RoundingMode rounding) {
    MeasureKind power = measure.kind().power();
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(rounding, "rounding");
    if (measure instanceof Total total) {
      return PhaseMeasure.total(total.value().perDuration(duration, rounding));
    } else if (measure instanceof ThreePhase t) {
      return PhaseMeasure.threePhase(
          t.l1().perDuration(duration, rounding),
          t.l2().perDuration(duration, rounding),
          t.l3().perDuration(duration, rounding));
    } else if (measure instanceof Instantaneous s) {
      return mapStatistics(s, value -> perDuration(value, duration, rounding), false);
    } else if (measure instanceof Cumulative c) {
      return new Cumulative(
          perDuration(c.first(), duration, rounding), perDuration(c.last(), duration, rounding));
    } else if (measure instanceof NotAvailable) {
      return new NotAvailable(power);
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.mapMembers(
          composite.members(), member -> perDuration(member, duration, rounding));
    }
    throw new AssertionError(measure);
  }
}
