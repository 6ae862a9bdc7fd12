package org.fis.measure.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.DirectionMeasure.Composite;
import org.fis.measure.DirectionMeasure.ImportExport;
import org.fis.measure.DirectionMeasure.Net;
import org.fis.measure.DirectionMeasure.NonDirectional;
import org.fis.measure.DirectionMeasure.NotAvailable;
import org.fis.measure.DirectionMeasure.Representation;
import org.fis.measure.MeasureKind;
import org.fis.measure.MeasureMismatchException;
import org.fis.measure.PhaseMeasure;

/** The direction layer's operations. Not API. */
public final class DirectionAlgebra {
  /** The reductions of the direction layer. */
  public enum Reduction {
    /** import − export, or net. */
    NET(Representation.NET, Representation.IMPORT_EXPORT),
    /** import + export. */
    SUM(Representation.IMPORT_EXPORT),
    /** import. */
    IMPORT(Representation.IMPORT_EXPORT),
    /** export. */
    EXPORT(Representation.IMPORT_EXPORT),
    /** non-directional, or net. */
    ANY(Representation.NON_DIRECTIONAL, Representation.NET);

    private final Representation[] order;

    Reduction(Representation... order) {
      this.order = order;
    }
  }

  private static final Representation[] COMBINABLE = {
    Representation.IMPORT_EXPORT, Representation.NET, Representation.NON_DIRECTIONAL
  };

  private DirectionAlgebra() {}

  /** The representation of a non-composite available measure, or null. */
  public static Representation representationOf(DirectionMeasure measure) {
    if (measure instanceof ImportExport) {
      return Representation.IMPORT_EXPORT;
    } else if (measure instanceof Net) {
      return Representation.NET;
    } else if (measure instanceof NonDirectional) {
      return Representation.NON_DIRECTIONAL;
    } else if (measure instanceof NotAvailable || measure instanceof Composite) {
      return null;
    }
    throw new AssertionError(measure);
  }

  private static DirectionMeasure member(DirectionMeasure measure, Representation representation) {
    if (measure instanceof Composite) {
      return ((Composite) measure).members().get(representation);
    }
    return representationOf(measure) == representation ? measure : null;
  }

  /** Validates a composite's members. */
  public static void requireCompositeMembers(Map<Representation, DirectionMeasure> members) {
    if (members.size() < 2) {
      throw new IllegalArgumentException(
          "members: a composite needs at least two alternatives, got " + members.size());
    }
    MeasureKind kind = null;
    for (Map.Entry<Representation, DirectionMeasure> entry : members.entrySet()) {
      DirectionMeasure member = Objects.requireNonNull(entry.getValue(), "members");
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

  /** Builds a composite (see {@link DirectionMeasure#composite(List)}). */
  public static DirectionMeasure composite(List<? extends DirectionMeasure> alternatives) {
    Objects.requireNonNull(alternatives, "alternatives");
    if (alternatives.isEmpty()) {
      throw new IllegalArgumentException("alternatives: at least one is needed");
    }
    MeasureKind kind = Objects.requireNonNull(alternatives.get(0), "alternatives").kind();
    EnumMap<Representation, DirectionMeasure> members = new EnumMap<>(Representation.class);
    for (DirectionMeasure alternative : alternatives) {
      Objects.requireNonNull(alternative, "alternatives");
      if (alternative.kind() != kind) {
        throw new MeasureMismatchException(
            "alternatives: cannot combine " + kind + " with " + alternative.kind());
      }
      if (alternative instanceof Composite) {
        for (DirectionMeasure member : ((Composite) alternative).members().values()) {
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

  private static void put(
      EnumMap<Representation, DirectionMeasure> members, DirectionMeasure member) {
    Representation representation = representationOf(member);
    DirectionMeasure previous = members.putIfAbsent(representation, member);
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

  /** Applies a reduction; composites take the first preferred member whose result is available. */
  public static PhaseMeasure reduce(DirectionMeasure measure, Reduction reduction) {
    if (measure instanceof ImportExport) {
      ImportExport pair = (ImportExport) measure;
      switch (reduction) {
        case NET:
          return pair.importValue().subtract(pair.exportValue());
        case SUM:
          return pair.importValue().add(pair.exportValue());
        case IMPORT:
          return pair.importValue();
        case EXPORT:
          return pair.exportValue();
        default:
          throw mismatch(measure, reduction);
      }
    } else if (measure instanceof Net) {
      if (reduction == Reduction.NET || reduction == Reduction.ANY) {
        return ((Net) measure).value();
      }
      throw mismatch(measure, reduction);
    } else if (measure instanceof NonDirectional) {
      if (reduction == Reduction.ANY) {
        return ((NonDirectional) measure).value();
      }
      throw mismatch(measure, reduction);
    } else if (measure instanceof NotAvailable) {
      return PhaseMeasure.notAvailable(measure.kind());
    } else if (measure instanceof Composite) {
      boolean answerable = false;
      for (Representation representation : reduction.order) {
        DirectionMeasure member = ((Composite) measure).members().get(representation);
        if (member != null) {
          answerable = true;
          PhaseMeasure result = reduce(member, reduction);
          if (result.isAvailable()) {
            return result;
          }
        }
      }
      if (!answerable) {
        throw mismatch(measure, reduction);
      }
      return PhaseMeasure.notAvailable(measure.kind());
    }
    throw new AssertionError(measure);
  }

  private static MeasureMismatchException mismatch(DirectionMeasure measure, Reduction reduction) {
    return new MeasureMismatchException(
        reduction.name().toLowerCase(java.util.Locale.ROOT)
            + ": not derivable from "
            + describe(measure));
  }

  /** A short description for error messages. */
  public static String describe(DirectionMeasure measure) {
    if (measure instanceof Composite) {
      return "composite" + ((Composite) measure).members().keySet();
    }
    Representation representation = representationOf(measure);
    return representation == null ? "not available" : representation.toString();
  }

  /** Add ({@code subtract == false}) or subtract; an unavailable result is {@link NotAvailable}. */
  public static DirectionMeasure combine(
      DirectionMeasure left, DirectionMeasure right, boolean subtract) {
    Objects.requireNonNull(right, "other");
    // Fast path first: the phase operations check kinds and absorb "not available" themselves,
    // and an unavailable result is normalised below, so this equals the general path.
    if (left instanceof ImportExport && right instanceof ImportExport) {
      ImportExport a = (ImportExport) left;
      ImportExport b = (ImportExport) right;
      ImportExport result =
          subtract
              ? new ImportExport(
                  a.importValue().subtract(b.importValue()),
                  a.exportValue().subtract(b.exportValue()))
              : new ImportExport(
                  a.importValue().add(b.importValue()), a.exportValue().add(b.exportValue()));
      return result.isAvailable() ? result : new NotAvailable(left.kind());
    }
    if (left.kind() != right.kind()) {
      throw new MeasureMismatchException(
          "other: cannot combine " + left.kind() + " with " + right.kind());
    }
    if (!left.isAvailable() || !right.isAvailable()) {
      return new NotAvailable(left.kind());
    }
    List<DirectionMeasure> results = new ArrayList<>(COMBINABLE.length);
    boolean computable = false;
    for (Representation representation : COMBINABLE) {
      DirectionMeasure a = as(left, representation);
      DirectionMeasure b = as(right, representation);
      if (a == null || b == null) {
        continue;
      }
      computable = true;
      if (a instanceof ImportExport) {
        results.add(combine(a, b, subtract));
      } else {
        PhaseMeasure x = a instanceof Net ? ((Net) a).value() : ((NonDirectional) a).value();
        PhaseMeasure y = b instanceof Net ? ((Net) b).value() : ((NonDirectional) b).value();
        PhaseMeasure value = subtract ? x.subtract(y) : x.add(y);
        if (value.isAvailable()) {
          results.add(a instanceof Net ? new Net(value) : new NonDirectional(value));
        }
      }
    }
    if (!computable) {
      throw new MeasureMismatchException(
          (subtract ? "subtract" : "add")
              + ": no lossless conversion between "
              + describe(left)
              + " and "
              + describe(right));
    }
    return results.isEmpty() ? new NotAvailable(left.kind()) : composite(results);
  }

  private static DirectionMeasure as(DirectionMeasure measure, Representation representation) {
    DirectionMeasure member = member(measure, representation);
    if (member != null) {
      return member;
    }
    if (representation == Representation.NET) {
      DirectionMeasure pair = member(measure, Representation.IMPORT_EXPORT);
      if (pair != null) {
        return new Net(reduce(pair, Reduction.NET));
      }
    }
    return null;
  }

  /** Applies a phase operation to every phase measure. */
  public static DirectionMeasure map(
      DirectionMeasure measure, UnaryOperator<PhaseMeasure> operation) {
    if (measure instanceof ImportExport) {
      ImportExport pair = (ImportExport) measure;
      return new ImportExport(
          operation.apply(pair.importValue()), operation.apply(pair.exportValue()));
    } else if (measure instanceof Net) {
      return new Net(operation.apply(((Net) measure).value()));
    } else if (measure instanceof NonDirectional) {
      return new NonDirectional(operation.apply(((NonDirectional) measure).value()));
    } else if (measure instanceof NotAvailable) {
      // The operation may change the kind (energy per duration is power).
      return new NotAvailable(operation.apply(PhaseMeasure.notAvailable(measure.kind())).kind());
    } else if (measure instanceof Composite) {
      List<DirectionMeasure> results = new ArrayList<>();
      for (DirectionMeasure member : ((Composite) measure).members().values()) {
        results.add(map(member, operation));
      }
      return composite(results);
    }
    throw new AssertionError(measure);
  }
}
