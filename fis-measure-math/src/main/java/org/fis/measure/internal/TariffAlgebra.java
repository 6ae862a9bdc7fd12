package org.fis.measure.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.MeasureMismatchException;
import org.fis.measure.TariffMeasure;
import org.fis.measure.TariffMeasure.Composite;
import org.fis.measure.TariffMeasure.Dual;
import org.fis.measure.TariffMeasure.NotAvailable;
import org.fis.measure.TariffMeasure.Representation;
import org.fis.measure.TariffMeasure.Single;

/** The tariff layer's operations. Not API. */
public final class TariffAlgebra {
  private TariffAlgebra() {}

  /** The representation of a non-composite available measure, or null. */
  public static Representation representationOf(TariffMeasure measure) {
    if (measure instanceof Single) {
      return Representation.SINGLE;
    } else if (measure instanceof Dual) {
      return Representation.DUAL;
    } else if (measure instanceof NotAvailable || measure instanceof Composite) {
      return null;
    }
    throw new AssertionError(measure);
  }

  private static TariffMeasure member(TariffMeasure measure, Representation representation) {
    if (measure instanceof Composite) {
      return ((Composite) measure).members().get(representation);
    }
    return representationOf(measure) == representation ? measure : null;
  }

  /** Validates a composite's members. */
  public static void requireCompositeMembers(Map<Representation, TariffMeasure> members) {
    if (members.size() < 2) {
      throw new IllegalArgumentException(
          "members: a composite needs at least two alternatives, got " + members.size());
    }
    MeasureKind kind = null;
    for (Map.Entry<Representation, TariffMeasure> entry : members.entrySet()) {
      TariffMeasure member = Objects.requireNonNull(entry.getValue(), "members");
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

  /** Builds a composite. */
  public static TariffMeasure composite(List<? extends TariffMeasure> alternatives) {
    Objects.requireNonNull(alternatives, "alternatives");
    if (alternatives.isEmpty()) {
      throw new IllegalArgumentException("alternatives: at least one is needed");
    }
    MeasureKind kind = Objects.requireNonNull(alternatives.get(0), "alternatives").kind();
    EnumMap<Representation, TariffMeasure> members = new EnumMap<>(Representation.class);
    for (TariffMeasure alternative : alternatives) {
      Objects.requireNonNull(alternative, "alternatives");
      if (alternative.kind() != kind) {
        throw new MeasureMismatchException(
            "alternatives: cannot combine " + kind + " with " + alternative.kind());
      }
      if (alternative instanceof Composite) {
        for (TariffMeasure member : ((Composite) alternative).members().values()) {
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

  private static void put(EnumMap<Representation, TariffMeasure> members, TariffMeasure member) {
    Representation representation = representationOf(member);
    TariffMeasure previous = members.putIfAbsent(representation, member);
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

  /** T0 or T1 + T2; composites prefer the single tariff when available. */
  public static DirectionMeasure total(TariffMeasure measure) {
    if (measure instanceof Single) {
      return ((Single) measure).t0();
    } else if (measure instanceof Dual) {
      Dual dual = (Dual) measure;
      return dual.t1().add(dual.t2());
    } else if (measure instanceof NotAvailable) {
      return DirectionMeasure.notAvailable(measure.kind());
    } else if (measure instanceof Composite) {
      Map<Representation, TariffMeasure> members = ((Composite) measure).members();
      DirectionMeasure single = total(members.get(Representation.SINGLE));
      return single.isAvailable() ? single : total(members.get(Representation.DUAL));
    }
    throw new AssertionError(measure);
  }

  /** The dual view. */
  public static Dual dualView(TariffMeasure measure) {
    if (measure instanceof Dual) {
      return (Dual) measure;
    } else if (measure instanceof NotAvailable) {
      return new Dual(
          DirectionMeasure.notAvailable(measure.kind()),
          DirectionMeasure.notAvailable(measure.kind()));
    } else if (measure instanceof Composite) {
      return (Dual) ((Composite) measure).members().get(Representation.DUAL);
    } else if (measure instanceof Single) {
      throw new MeasureMismatchException(
          "dualView: T1 and T2 are not derivable from a single-tariff measure");
    }
    throw new AssertionError(measure);
  }

  /** Add or subtract; an unavailable result is {@link NotAvailable}. */
  public static TariffMeasure combine(TariffMeasure left, TariffMeasure right, boolean subtract) {
    Objects.requireNonNull(right, "other");
    // Fast paths first: the direction operations check kinds and absorb "not available"
    // themselves, and an unavailable result is normalised, so this equals the general path.
    if (left instanceof Dual && right instanceof Dual) {
      Dual a = (Dual) left;
      Dual b = (Dual) right;
      Dual result =
          subtract
              ? new Dual(a.t1().subtract(b.t1()), a.t2().subtract(b.t2()))
              : new Dual(a.t1().add(b.t1()), a.t2().add(b.t2()));
      return result.isAvailable() ? result : new NotAvailable(left.kind());
    }
    if (left instanceof Single && right instanceof Single) {
      DirectionMeasure a = ((Single) left).t0();
      DirectionMeasure b = ((Single) right).t0();
      DirectionMeasure result = subtract ? a.subtract(b) : a.add(b);
      return result.isAvailable() ? new Single(result) : new NotAvailable(left.kind());
    }
    if (left.kind() != right.kind()) {
      throw new MeasureMismatchException(
          "other: cannot combine " + left.kind() + " with " + right.kind());
    }
    if (!left.isAvailable() || !right.isAvailable()) {
      return new NotAvailable(left.kind());
    }
    List<TariffMeasure> results = new ArrayList<>(2);
    TariffMeasure leftDual = member(left, Representation.DUAL);
    TariffMeasure rightDual = member(right, Representation.DUAL);
    if (leftDual != null && rightDual != null) {
      results.add(combine(leftDual, rightDual, subtract));
    }
    // Every representation converts losslessly to a single tariff (T1 + T2), so this always
    // contributes; a composite's own single-tariff register wins over the summed dual one.
    results.add(
        new Single(subtract ? total(left).subtract(total(right)) : total(left).add(total(right))));
    return composite(results);
  }

  /** Applies a direction operation to every direction measure. */
  public static TariffMeasure map(
      TariffMeasure measure, UnaryOperator<DirectionMeasure> operation) {
    if (measure instanceof Single) {
      return new Single(operation.apply(((Single) measure).t0()));
    } else if (measure instanceof Dual) {
      Dual dual = (Dual) measure;
      return new Dual(operation.apply(dual.t1()), operation.apply(dual.t2()));
    } else if (measure instanceof NotAvailable) {
      // The operation may change the kind (energy per duration is power).
      return new NotAvailable(
          operation.apply(DirectionMeasure.notAvailable(measure.kind())).kind());
    } else if (measure instanceof Composite) {
      List<TariffMeasure> results = new ArrayList<>();
      for (TariffMeasure member : ((Composite) measure).members().values()) {
        results.add(map(member, operation));
      }
      return composite(results);
    }
    throw new AssertionError(measure);
  }
}
