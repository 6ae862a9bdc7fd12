package org.fis.measure;

import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
      new Composites<>(
          new Composites.Layer<>(
              Representation.class,
              PhaseAlgebra::representationOf,
              measure -> measure instanceof Composite composite ? composite.members() : null,
              PhaseMeasure::kind,
              PhaseMeasure::isAvailable,
              NotAvailable::new,
              Composite::new));

  private PhaseAlgebra() {}

  /** The representation of a non-composite, available measure; null otherwise. */
  static Representation representationOf(PhaseMeasure measure) {
    if (measure instanceof Total) {
      return Representation.TOTAL;
    } else if (measure instanceof ThreePhase) {
      return Representation.THREE_PHASE;
    } else if (measure instanceof Instantaneous) {
      return Representation.INSTANTANEOUS;
    } else if (measure instanceof Cumulative) {
      return Representation.CUMULATIVE;
    } else if (measure instanceof NotAvailable || measure instanceof Composite) {
      return null;
    }
    throw new AssertionError(measure);
  }

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
    if (measure instanceof Total total) {
      return Optional.of(total.value());
    } else if (measure instanceof ThreePhase three) {
      return Optional.of(three.toTotal().value());
    } else if (measure instanceof Instantaneous statistics) {
      return statistics.average().phaseSum();
    } else if (measure instanceof Cumulative register) {
      return register.difference().phaseSum();
    } else if (measure instanceof NotAvailable) {
      return Optional.empty();
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.firstPresent(composite.members(), SUM_ORDER, PhaseMeasure::phaseSum);
    }
    throw new AssertionError(measure);
  }

  /** See {@link PhaseMeasure#phaseSplit()}. */
  static Optional<ThreePhase> phaseSplit(PhaseMeasure measure) {
    if (measure instanceof Total total) {
      return Optional.of(ThreePhase.balanced(total));
    } else if (measure instanceof ThreePhase three) {
      return Optional.of(three);
    } else if (measure instanceof Instantaneous statistics) {
      return statistics.average().phaseSplit();
    } else if (measure instanceof Cumulative register) {
      return register.difference().phaseSplit();
    } else if (measure instanceof NotAvailable) {
      return Optional.empty();
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.firstPresent(
          composite.members(), PER_PHASE_ORDER, PhaseMeasure::phaseSplit);
    }
    throw new AssertionError(measure);
  }

  /** See {@link PhaseMeasure#phaseAverage(RoundingMode)}. */
  static Optional<Quantity> phaseAverage(PhaseMeasure measure, RoundingMode rounding) {
    Objects.requireNonNull(rounding, "rounding");
    if (measure instanceof Total || measure instanceof ThreePhase) {
      return measure.phaseSum().map(sum -> sum.divide(3, rounding));
    } else if (measure instanceof Instantaneous statistics) {
      return statistics.average().phaseAverage(rounding);
    } else if (measure instanceof Cumulative register) {
      return register.difference().phaseAverage(rounding);
    } else if (measure instanceof NotAvailable) {
      return Optional.empty();
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.firstPresent(
          composite.members(), PER_PHASE_ORDER, member -> member.phaseAverage(rounding));
    }
    throw new AssertionError(measure);
  }

  /** Peak ({@code max == true}) or trough. */
  static Optional<Quantity> phaseExtreme(PhaseMeasure measure, boolean max) {
    if (measure instanceof ThreePhase three) {
      long value =
          max
              ? Math.max(three.l1Milli(), Math.max(three.l2Milli(), three.l3Milli()))
              : Math.min(three.l1Milli(), Math.min(three.l2Milli(), three.l3Milli()));
      return Optional.of(Quantity.ofMilli(three.kind(), value));
    } else if (measure instanceof Total || measure instanceof NotAvailable) {
      return Optional.empty();
    } else if (measure instanceof Instantaneous statistics) {
      return phaseExtreme(max ? statistics.maximum() : statistics.minimum(), max);
    } else if (measure instanceof Cumulative register) {
      return phaseExtreme(register.difference(), max);
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.firstPresent(
          composite.members(), PER_PHASE_ORDER, member -> phaseExtreme(member, max));
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
    return COMPOSITES.combineByRepresentation(
        left,
        right,
        COMBINABLE,
        PhaseAlgebra::as,
        (a, b) -> combineMembers(a, b, subtract),
        subtract ? "subtract" : "add");
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
    return new Instantaneous(
        combine(s.average(), offset, subtract),
        combine(s.minimum(), offset, subtract),
        s.minimumAt(),
        combine(s.maximum(), offset, subtract),
        s.maximumAt());
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
      return statistics(
          s,
          multiply(s.average(), factor),
          multiply(s.minimum(), factor),
          multiply(s.maximum(), factor),
          factor < 0);
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
      return statistics(
          s,
          divide(s.average(), divisor, rounding),
          divide(s.minimum(), divisor, rounding),
          divide(s.maximum(), divisor, rounding),
          divisor < 0);
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

  /** Statistics with scaled values; a negative scale swaps minimum and maximum with their times. */
  private static Instantaneous statistics(
      Instantaneous s,
      PhaseMeasure average,
      PhaseMeasure minimum,
      PhaseMeasure maximum,
      boolean negative) {
    return negative
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
      return new Instantaneous(
          perDuration(s.average(), duration, rounding),
          perDuration(s.minimum(), duration, rounding),
          s.minimumAt(),
          perDuration(s.maximum(), duration, rounding),
          s.maximumAt());
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
