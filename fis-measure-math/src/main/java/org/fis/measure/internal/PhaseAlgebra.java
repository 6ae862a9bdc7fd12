package org.fis.measure.internal;

import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fis.measure.MeasureKind;
import org.fis.measure.MeasureMismatchException;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.PhaseMeasure.Composite;
import org.fis.measure.PhaseMeasure.Cumulative;
import org.fis.measure.PhaseMeasure.Instantaneous;
import org.fis.measure.PhaseMeasure.NotAvailable;
import org.fis.measure.PhaseMeasure.Representation;
import org.fis.measure.PhaseMeasure.ThreePhase;
import org.fis.measure.PhaseMeasure.Total;
import org.fis.measure.Quantity;

/** The phase layer's operations. Not API. */
public final class PhaseAlgebra {
  private static final Representation[] SUM_ORDER = {
    Representation.TOTAL,
    Representation.THREE_PHASE,
    Representation.CUMULATIVE,
    Representation.INSTANTANEOUS
  };
  private static final Representation[] PER_PHASE_ORDER = {
    Representation.THREE_PHASE,
    Representation.CUMULATIVE,
    Representation.INSTANTANEOUS,
    Representation.TOTAL
  };
  private static final Representation[] COMBINABLE = {
    Representation.TOTAL, Representation.THREE_PHASE, Representation.CUMULATIVE
  };

  private PhaseAlgebra() {}

  /** The representation of a non-composite, available measure; null otherwise. */
  public static Representation representationOf(PhaseMeasure measure) {
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

  /** The member of a representation: the measure itself, a composite's member, or null. */
  public static PhaseMeasure member(PhaseMeasure measure, Representation representation) {
    if (measure instanceof Composite) {
      return ((Composite) measure).members().get(representation);
    }
    return representationOf(measure) == representation ? measure : null;
  }

  // ---------------------------------------------------------------- validation

  /** Requires a total, three-phase, not available or a composite of totals and three-phase. */
  public static void requirePlain(PhaseMeasure measure, String parameter) {
    Objects.requireNonNull(measure, parameter);
    if (measure instanceof Instantaneous || measure instanceof Cumulative) {
      throw new IllegalArgumentException(
          parameter + ": must be a total, three-phase or not available, got " + measure);
    }
    if (measure instanceof Composite) {
      for (PhaseMeasure member : ((Composite) measure).members().values()) {
        requirePlain(member, parameter);
      }
    }
  }

  /** Requires equal kinds. */
  public static void requireSameKind(PhaseMeasure expected, PhaseMeasure actual, String parameter) {
    if (expected.kind() != actual.kind()) {
      throw new MeasureMismatchException(
          parameter + ": cannot combine " + expected.kind() + " with " + actual.kind());
    }
  }

  /** Validates a composite's members. */
  public static void requireCompositeMembers(Map<Representation, PhaseMeasure> members) {
    if (members.size() < 2) {
      throw new IllegalArgumentException(
          "members: a composite needs at least two alternatives, got " + members.size());
    }
    MeasureKind kind = null;
    for (Map.Entry<Representation, PhaseMeasure> entry : members.entrySet()) {
      PhaseMeasure member = Objects.requireNonNull(entry.getValue(), "members");
      if (representationOf(member) != entry.getKey()) {
        throw new IllegalArgumentException(
            "members: key " + entry.getKey() + " does not match its member " + member);
      }
      if (!member.isAvailable()) {
        throw new IllegalArgumentException("members: a member is not available: " + member);
      }
      if (kind != null && member.kind() != kind) {
        throw new MeasureMismatchException(
            "members: cannot combine " + kind + " with " + member.kind());
      }
      kind = member.kind();
    }
  }

  /** Builds a composite: flattens, drops not available, merges equal duplicates, unwraps one. */
  public static PhaseMeasure composite(List<? extends PhaseMeasure> alternatives) {
    Objects.requireNonNull(alternatives, "alternatives");
    if (alternatives.isEmpty()) {
      throw new IllegalArgumentException("alternatives: at least one is needed");
    }
    MeasureKind kind = Objects.requireNonNull(alternatives.get(0), "alternatives").kind();
    EnumMap<Representation, PhaseMeasure> members = new EnumMap<>(Representation.class);
    for (PhaseMeasure alternative : alternatives) {
      Objects.requireNonNull(alternative, "alternatives");
      if (alternative.kind() != kind) {
        throw new MeasureMismatchException(
            "alternatives: cannot combine " + kind + " with " + alternative.kind());
      }
      if (alternative instanceof Composite) {
        for (PhaseMeasure member : ((Composite) alternative).members().values()) {
          put(members, member);
        }
      } else if (alternative.isAvailable()) {
        put(members, alternative);
      }
    }
    if (members.isEmpty()) {
      return new NotAvailable(kind);
    }
    if (members.size() == 1) {
      return members.values().iterator().next();
    }
    return new Composite(members);
  }

  private static void put(EnumMap<Representation, PhaseMeasure> members, PhaseMeasure member) {
    Representation representation = representationOf(member);
    PhaseMeasure previous = members.putIfAbsent(representation, member);
    if (previous != null && !previous.equals(member)) {
      throw new IllegalArgumentException(
          "alternatives: two different "
              + representation
              + " alternatives: "
              + previous
              + " and "
              + member);
    }
  }

  // ---------------------------------------------------------------- reductions

  /** See {@link PhaseMeasure#phaseSum()}. */
  public static Optional<Quantity> phaseSum(PhaseMeasure measure) {
    if (measure instanceof Total) {
      return Optional.of(((Total) measure).value());
    } else if (measure instanceof ThreePhase) {
      return Optional.of(((ThreePhase) measure).toTotal().value());
    } else if (measure instanceof Instantaneous) {
      return ((Instantaneous) measure).average().phaseSum();
    } else if (measure instanceof Cumulative) {
      return ((Cumulative) measure).difference().phaseSum();
    } else if (measure instanceof NotAvailable) {
      return Optional.empty();
    } else if (measure instanceof Composite) {
      for (Representation representation : SUM_ORDER) {
        PhaseMeasure member = ((Composite) measure).members().get(representation);
        Optional<Quantity> result = member == null ? Optional.empty() : member.phaseSum();
        if (result.isPresent()) {
          return result;
        }
      }
      return Optional.empty();
    }
    throw new AssertionError(measure);
  }

  /** See {@link PhaseMeasure#phaseSplit()}. */
  public static Optional<ThreePhase> phaseSplit(PhaseMeasure measure) {
    if (measure instanceof Total) {
      return Optional.of(ThreePhase.balanced((Total) measure));
    } else if (measure instanceof ThreePhase) {
      return Optional.of((ThreePhase) measure);
    } else if (measure instanceof Instantaneous) {
      return ((Instantaneous) measure).average().phaseSplit();
    } else if (measure instanceof Cumulative) {
      return ((Cumulative) measure).difference().phaseSplit();
    } else if (measure instanceof NotAvailable) {
      return Optional.empty();
    } else if (measure instanceof Composite) {
      for (Representation representation : PER_PHASE_ORDER) {
        PhaseMeasure member = ((Composite) measure).members().get(representation);
        Optional<ThreePhase> result = member == null ? Optional.empty() : member.phaseSplit();
        if (result.isPresent()) {
          return result;
        }
      }
      return Optional.empty();
    }
    throw new AssertionError(measure);
  }

  /** See {@link PhaseMeasure#phaseAverage(RoundingMode)}. */
  public static Optional<Quantity> phaseAverage(PhaseMeasure measure, RoundingMode rounding) {
    Objects.requireNonNull(rounding, "rounding");
    if (measure instanceof Total || measure instanceof ThreePhase) {
      return measure.phaseSum().map(sum -> sum.divide(3, rounding));
    } else if (measure instanceof Instantaneous) {
      return ((Instantaneous) measure).average().phaseAverage(rounding);
    } else if (measure instanceof Cumulative) {
      return ((Cumulative) measure).difference().phaseAverage(rounding);
    } else if (measure instanceof NotAvailable) {
      return Optional.empty();
    } else if (measure instanceof Composite) {
      for (Representation representation : PER_PHASE_ORDER) {
        PhaseMeasure member = ((Composite) measure).members().get(representation);
        Optional<Quantity> result =
            member == null ? Optional.empty() : member.phaseAverage(rounding);
        if (result.isPresent()) {
          return result;
        }
      }
      return Optional.empty();
    }
    throw new AssertionError(measure);
  }

  /** Peak ({@code max == true}) or trough. */
  public static Optional<Quantity> phaseExtreme(PhaseMeasure measure, boolean max) {
    if (measure instanceof ThreePhase) {
      ThreePhase three = (ThreePhase) measure;
      long value =
          max
              ? Math.max(three.l1Milli(), Math.max(three.l2Milli(), three.l3Milli()))
              : Math.min(three.l1Milli(), Math.min(three.l2Milli(), three.l3Milli()));
      return Optional.of(Quantity.ofMilli(three.kind(), value));
    } else if (measure instanceof Total || measure instanceof NotAvailable) {
      return Optional.empty();
    } else if (measure instanceof Instantaneous) {
      Instantaneous statistics = (Instantaneous) measure;
      return phaseExtreme(max ? statistics.maximum() : statistics.minimum(), max);
    } else if (measure instanceof Cumulative) {
      return phaseExtreme(((Cumulative) measure).difference(), max);
    } else if (measure instanceof Composite) {
      for (Representation representation : PER_PHASE_ORDER) {
        PhaseMeasure member = ((Composite) measure).members().get(representation);
        Optional<Quantity> result = member == null ? Optional.empty() : phaseExtreme(member, max);
        if (result.isPresent()) {
          return result;
        }
      }
      return Optional.empty();
    }
    throw new AssertionError(measure);
  }

  // ---------------------------------------------------------------- binary

  /** Add ({@code subtract == false}) or subtract. */
  public static PhaseMeasure combine(PhaseMeasure left, PhaseMeasure right, boolean subtract) {
    Objects.requireNonNull(right, "other");
    if (left instanceof ThreePhase && right instanceof ThreePhase) {
      ThreePhase a = (ThreePhase) left;
      ThreePhase b = (ThreePhase) right;
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
    if (left instanceof Total && right instanceof Total) {
      long a = ((Total) left).valueMilli();
      long b = ((Total) right).valueMilli();
      return new Total(left.kind(), subtract ? Math.subtractExact(a, b) : Math.addExact(a, b));
    }
    if (!left.isAvailable() || !right.isAvailable()) {
      return new NotAvailable(left.kind());
    }
    if (left instanceof Instantaneous && isValue(right)) {
      return shift((Instantaneous) left, right, subtract);
    }
    if (right instanceof Instantaneous && isValue(left)) {
      Instantaneous statistics = (Instantaneous) right;
      return subtract
          ? shift((Instantaneous) multiply(statistics, -1), left, false)
          : shift(statistics, left, false);
    }
    return combineByRepresentation(left, right, subtract);
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

  private static PhaseMeasure combineByRepresentation(
      PhaseMeasure left, PhaseMeasure right, boolean subtract) {
    List<PhaseMeasure> results = new ArrayList<>(COMBINABLE.length);
    for (Representation representation : COMBINABLE) {
      PhaseMeasure a = as(left, representation);
      PhaseMeasure b = as(right, representation);
      if (a == null || b == null) {
        continue;
      }
      if (representation == Representation.CUMULATIVE) {
        Cumulative x = (Cumulative) a;
        Cumulative y = (Cumulative) b;
        results.add(
            new Cumulative(
                combine(x.first(), y.first(), subtract), combine(x.last(), y.last(), subtract)));
      } else {
        results.add(combine(a, b, subtract));
      }
    }
    if (results.isEmpty()) {
      throw new MeasureMismatchException(
          (subtract ? "subtract" : "add")
              + ": no lossless conversion between "
              + describe(left)
              + " and "
              + describe(right));
    }
    return composite(results);
  }

  /** The measure as a representation, converting losslessly (three-phase → total), or null. */
  private static PhaseMeasure as(PhaseMeasure measure, Representation representation) {
    PhaseMeasure member = member(measure, representation);
    if (member != null) {
      return member;
    }
    if (representation == Representation.TOTAL) {
      PhaseMeasure three = member(measure, Representation.THREE_PHASE);
      if (three != null) {
        return ((ThreePhase) three).toTotal();
      }
    }
    return null;
  }

  /** A short description of a measure's representations for error messages. */
  public static String describe(PhaseMeasure measure) {
    if (measure instanceof Composite) {
      return "composite" + ((Composite) measure).members().keySet();
    }
    Representation representation = representationOf(measure);
    return representation == null ? "not available" : representation.toString();
  }

  // ---------------------------------------------------------------- unary

  /** Exact multiplication by an integer. */
  public static PhaseMeasure multiply(PhaseMeasure measure, long factor) {
    if (measure instanceof Total) {
      Total total = (Total) measure;
      return new Total(total.kind(), Math.multiplyExact(total.valueMilli(), factor));
    } else if (measure instanceof ThreePhase) {
      ThreePhase t = (ThreePhase) measure;
      return new ThreePhase(
          t.kind(),
          Math.multiplyExact(t.l1Milli(), factor),
          Math.multiplyExact(t.l2Milli(), factor),
          Math.multiplyExact(t.l3Milli(), factor));
    } else if (measure instanceof Instantaneous) {
      Instantaneous s = (Instantaneous) measure;
      PhaseMeasure average = multiply(s.average(), factor);
      PhaseMeasure minimum = multiply(s.minimum(), factor);
      PhaseMeasure maximum = multiply(s.maximum(), factor);
      return factor < 0
          ? new Instantaneous(average, maximum, s.maximumAt(), minimum, s.minimumAt())
          : new Instantaneous(average, minimum, s.minimumAt(), maximum, s.maximumAt());
    } else if (measure instanceof Cumulative) {
      Cumulative c = (Cumulative) measure;
      return new Cumulative(multiply(c.first(), factor), multiply(c.last(), factor));
    } else if (measure instanceof NotAvailable) {
      return measure;
    } else if (measure instanceof Composite) {
      List<PhaseMeasure> results = new ArrayList<>();
      for (PhaseMeasure member : ((Composite) measure).members().values()) {
        results.add(multiply(member, factor));
      }
      return composite(results);
    }
    throw new AssertionError(measure);
  }

  /** Division by an integer with rounding. */
  public static PhaseMeasure divide(PhaseMeasure measure, long divisor, RoundingMode rounding) {
    Objects.requireNonNull(rounding, "rounding");
    if (divisor == 0) {
      throw new IllegalArgumentException("divisor: must not be zero");
    }
    if (measure instanceof Total) {
      Total total = (Total) measure;
      return new Total(total.kind(), Exact.divide(total.valueMilli(), divisor, rounding));
    } else if (measure instanceof ThreePhase) {
      ThreePhase t = (ThreePhase) measure;
      return new ThreePhase(
          t.kind(),
          Exact.divide(t.l1Milli(), divisor, rounding),
          Exact.divide(t.l2Milli(), divisor, rounding),
          Exact.divide(t.l3Milli(), divisor, rounding));
    } else if (measure instanceof Instantaneous) {
      Instantaneous s = (Instantaneous) measure;
      PhaseMeasure average = divide(s.average(), divisor, rounding);
      PhaseMeasure minimum = divide(s.minimum(), divisor, rounding);
      PhaseMeasure maximum = divide(s.maximum(), divisor, rounding);
      return divisor < 0
          ? new Instantaneous(average, maximum, s.maximumAt(), minimum, s.minimumAt())
          : new Instantaneous(average, minimum, s.minimumAt(), maximum, s.maximumAt());
    } else if (measure instanceof Cumulative) {
      Cumulative c = (Cumulative) measure;
      return new Cumulative(
          divide(c.first(), divisor, rounding), divide(c.last(), divisor, rounding));
    } else if (measure instanceof NotAvailable) {
      return measure;
    } else if (measure instanceof Composite) {
      List<PhaseMeasure> results = new ArrayList<>();
      for (PhaseMeasure member : ((Composite) measure).members().values()) {
        results.add(divide(member, divisor, rounding));
      }
      return composite(results);
    }
    throw new AssertionError(measure);
  }

  /** Absolute values; statistics are rejected, and dropped from composites. */
  public static PhaseMeasure abs(PhaseMeasure measure) {
    if (measure instanceof Total) {
      Total total = (Total) measure;
      return new Total(total.kind(), Math.absExact(total.valueMilli()));
    } else if (measure instanceof ThreePhase) {
      ThreePhase t = (ThreePhase) measure;
      return new ThreePhase(
          t.kind(),
          Math.absExact(t.l1Milli()),
          Math.absExact(t.l2Milli()),
          Math.absExact(t.l3Milli()));
    } else if (measure instanceof Instantaneous) {
      throw new MeasureMismatchException(
          "abs: the minimum and maximum of |x| are not derivable from the statistics of x");
    } else if (measure instanceof Cumulative) {
      Cumulative c = (Cumulative) measure;
      return new Cumulative(abs(c.first()), abs(c.last()));
    } else if (measure instanceof NotAvailable) {
      return measure;
    } else if (measure instanceof Composite) {
      List<PhaseMeasure> results = new ArrayList<>();
      for (PhaseMeasure member : ((Composite) measure).members().values()) {
        if (!(member instanceof Instantaneous)) {
          results.add(abs(member));
        }
      }
      return composite(results);
    }
    throw new AssertionError(measure);
  }

  /** Energy per duration → mean power, every value rounded. */
  public static PhaseMeasure perDuration(
      PhaseMeasure measure, Duration duration, RoundingMode rounding) {
    MeasureKind power = measure.kind().power();
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(rounding, "rounding");
    if (measure instanceof Total) {
      return PhaseMeasure.total(((Total) measure).value().perDuration(duration, rounding));
    } else if (measure instanceof ThreePhase) {
      ThreePhase t = (ThreePhase) measure;
      return PhaseMeasure.threePhase(
          t.l1().perDuration(duration, rounding),
          t.l2().perDuration(duration, rounding),
          t.l3().perDuration(duration, rounding));
    } else if (measure instanceof Instantaneous) {
      Instantaneous s = (Instantaneous) measure;
      return new Instantaneous(
          perDuration(s.average(), duration, rounding),
          perDuration(s.minimum(), duration, rounding),
          s.minimumAt(),
          perDuration(s.maximum(), duration, rounding),
          s.maximumAt());
    } else if (measure instanceof Cumulative) {
      Cumulative c = (Cumulative) measure;
      return new Cumulative(
          perDuration(c.first(), duration, rounding), perDuration(c.last(), duration, rounding));
    } else if (measure instanceof NotAvailable) {
      return new NotAvailable(power);
    } else if (measure instanceof Composite) {
      List<PhaseMeasure> results = new ArrayList<>();
      for (PhaseMeasure member : ((Composite) measure).members().values()) {
        results.add(perDuration(member, duration, rounding));
      }
      return composite(results);
    }
    throw new AssertionError(measure);
  }
}
