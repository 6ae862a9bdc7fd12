package org.fis.measure;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.fis.measure.DirectionMeasure.Composite;
import org.fis.measure.DirectionMeasure.ImportExport;
import org.fis.measure.DirectionMeasure.Net;
import org.fis.measure.DirectionMeasure.NonDirectional;
import org.fis.measure.DirectionMeasure.NotAvailable;
import org.fis.measure.DirectionMeasure.Representation;

/** The direction layer's own arithmetic; the composite rules are {@link Composites}'. Not API. */
final class DirectionAlgebra {
  /** The reductions of the direction layer, each with its composite preference. */
  enum Reduction {
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

    private final List<Representation> order;

    Reduction(Representation... order) {
      this.order = List.of(order);
    }
  }

  private static final List<Representation> COMBINABLE =
      List.of(Representation.IMPORT_EXPORT, Representation.NET, Representation.NON_DIRECTIONAL);

  /** The composite rules of this layer. */
  static final Composites<DirectionMeasure, Representation> COMPOSITES =
      new Composites<>(
          DirectionMeasure.class, Representation.class, NotAvailable::new, Composite::new);

  private DirectionAlgebra() {}

  /** Applies a reduction; composites take the first preferred member whose result is available. */
  static PhaseMeasure reduce(DirectionMeasure measure, Reduction reduction) {
    if (measure instanceof ImportExport pair) {
      return switch (reduction) {
        case NET -> pair.importValue().subtract(pair.exportValue());
        case SUM -> pair.importValue().add(pair.exportValue());
        case IMPORT -> pair.importValue();
        case EXPORT -> pair.exportValue();
        case ANY -> throw mismatch(measure, reduction);
      };
    } else if (measure instanceof Net net) {
      if (reduction == Reduction.NET || reduction == Reduction.ANY) {
        return net.value();
      }
      throw mismatch(measure, reduction);
    } else if (measure instanceof NonDirectional value) {
      if (reduction == Reduction.ANY) {
        return value.value();
      }
      throw mismatch(measure, reduction);
    } else if (measure instanceof NotAvailable) {
      return PhaseMeasure.notAvailable(measure.kind());
    } else if (measure instanceof Composite composite) {
      return reduceComposite(composite, reduction);
    }
    throw new AssertionError(measure);
  }

  private static PhaseMeasure reduceComposite(Composite composite, Reduction reduction) {
    boolean answerable = false;
    for (Representation representation : reduction.order) {
      DirectionMeasure member = composite.members().get(representation);
      if (member != null) {
        answerable = true;
        PhaseMeasure result = reduce(member, reduction);
        if (result.isAvailable()) {
          return result;
        }
      }
    }
    if (!answerable) {
      throw mismatch(composite, reduction);
    }
    return PhaseMeasure.notAvailable(composite.kind());
  }

  private static MeasureMismatchException mismatch(DirectionMeasure measure, Reduction reduction) {
    return new MeasureMismatchException(
        reduction.name().toLowerCase(Locale.ROOT)
            + ": not derivable from "
            + COMPOSITES.describe(measure));
  }

  /** Add ({@code subtract == false}) or subtract; an unavailable result is {@link NotAvailable}. */
  static DirectionMeasure combine(DirectionMeasure left, DirectionMeasure right, boolean subtract) {
    Objects.requireNonNull(right, "other");
    // Fast path first: the phase operations check kinds and absorb "not available" themselves,
    // and an unavailable result is normalised below, so this equals the general path.
    if (left instanceof ImportExport a && right instanceof ImportExport b) {
      ImportExport result =
          subtract
              ? new ImportExport(
                  a.importValue().subtract(b.importValue()),
                  a.exportValue().subtract(b.exportValue()))
              : new ImportExport(
                  a.importValue().add(b.importValue()), a.exportValue().add(b.exportValue()));
      return result.isAvailable() ? result : new NotAvailable(left.kind());
    }
    return COMPOSITES.combine(
        left, right, subtract, COMBINABLE, DirectionAlgebra::as, DirectionAlgebra::combineMembers);
  }

  private static DirectionMeasure combineMembers(
      DirectionMeasure a, DirectionMeasure b, boolean subtract) {
    if (a instanceof Net x && b instanceof Net y) {
      return new Net(subtract ? x.value().subtract(y.value()) : x.value().add(y.value()));
    } else if (a instanceof NonDirectional x && b instanceof NonDirectional y) {
      return new NonDirectional(
          subtract ? x.value().subtract(y.value()) : x.value().add(y.value()));
    }
    return combine(a, b, subtract);
  }

  /** The measure as a representation, converting losslessly (import/export → net), or null. */
  private static DirectionMeasure as(DirectionMeasure measure, Representation representation) {
    DirectionMeasure member = COMPOSITES.member(measure, representation);
    if (member == null
        && representation == Representation.NET
        && COMPOSITES.member(measure, Representation.IMPORT_EXPORT) instanceof ImportExport pair) {
      return new Net(reduce(pair, Reduction.NET));
    }
    return member;
  }

  /** Applies a phase operation to every phase measure. */
  static DirectionMeasure map(DirectionMeasure measure, UnaryOperator<PhaseMeasure> operation) {
    if (measure instanceof ImportExport pair) {
      return new ImportExport(
          operation.apply(pair.importValue()), operation.apply(pair.exportValue()));
    } else if (measure instanceof Net net) {
      return new Net(operation.apply(net.value()));
    } else if (measure instanceof NonDirectional value) {
      return new NonDirectional(operation.apply(value.value()));
    } else if (measure instanceof NotAvailable) {
      // The operation may change the kind (energy per duration is power).
      return new NotAvailable(operation.apply(PhaseMeasure.notAvailable(measure.kind())).kind());
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.mapMembers(composite.members(), member -> map(member, operation));
    }
    throw new AssertionError(measure);
  }
}
