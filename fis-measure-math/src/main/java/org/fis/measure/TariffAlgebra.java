package org.fis.measure;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.fis.measure.TariffMeasure.Composite;
import org.fis.measure.TariffMeasure.Dual;
import org.fis.measure.TariffMeasure.NotAvailable;
import org.fis.measure.TariffMeasure.Representation;
import org.fis.measure.TariffMeasure.Single;

/** The tariff layer's own arithmetic; the composite rules are {@link Composites}'. Not API. */
final class TariffAlgebra {
  /**
   * Dual first, then single: every representation converts losslessly to a single tariff (T1 + T2),
   * so the single one always contributes; a composite's own single-tariff register wins over the
   * summed dual one.
   */
  private static final List<Representation> COMBINABLE =
      List.of(Representation.DUAL, Representation.SINGLE);

  /** The composite rules of this layer. */
  static final Composites<TariffMeasure, Representation> COMPOSITES =
      new Composites<>(
          TariffMeasure.class, Representation.class, NotAvailable::new, Composite::new);

  private TariffAlgebra() {}

  /** T0 or T1 + T2; composites prefer the single tariff when available. */
  static DirectionMeasure total(TariffMeasure measure) {
    if (measure instanceof Single single) {
      return single.t0();
    } else if (measure instanceof Dual dual) {
      return dual.t1().add(dual.t2());
    } else if (measure instanceof NotAvailable) {
      return DirectionMeasure.notAvailable(measure.kind());
    } else if (measure instanceof Composite composite) {
      DirectionMeasure single = total(composite.members().get(Representation.SINGLE));
      return single.isAvailable() ? single : total(composite.members().get(Representation.DUAL));
    }
    throw new AssertionError(measure);
  }

  /** The dual view. */
  static Dual dualView(TariffMeasure measure) {
    if (measure instanceof Dual dual) {
      return dual;
    } else if (measure instanceof NotAvailable) {
      return new Dual(
          DirectionMeasure.notAvailable(measure.kind()),
          DirectionMeasure.notAvailable(measure.kind()));
    } else if (measure instanceof Composite composite) {
      return (Dual) composite.members().get(Representation.DUAL);
    } else if (measure instanceof Single) {
      throw new MeasureMismatchException(
          "dualView: T1 and T2 are not derivable from a single-tariff measure");
    }
    throw new AssertionError(measure);
  }

  /** Add or subtract; an unavailable result is {@link NotAvailable}. */
  static TariffMeasure combine(TariffMeasure left, TariffMeasure right, boolean subtract) {
    Objects.requireNonNull(right, "other");
    // Fast paths first: the direction operations check kinds and absorb "not available"
    // themselves, and an unavailable result is normalised, so this equals the general path.
    if (left instanceof Dual a && right instanceof Dual b) {
      Dual result =
          subtract
              ? new Dual(a.t1().subtract(b.t1()), a.t2().subtract(b.t2()))
              : new Dual(a.t1().add(b.t1()), a.t2().add(b.t2()));
      return result.isAvailable() ? result : new NotAvailable(left.kind());
    }
    if (left instanceof Single a && right instanceof Single b) {
      DirectionMeasure result = subtract ? a.t0().subtract(b.t0()) : a.t0().add(b.t0());
      return result.isAvailable() ? new Single(result) : new NotAvailable(left.kind());
    }
    return COMPOSITES.combine(
        left, right, subtract, COMBINABLE, TariffAlgebra::as, TariffAlgebra::combine);
  }

  /** The measure as a representation: a dual member, or the single total (always derivable). */
  private static TariffMeasure as(TariffMeasure measure, Representation representation) {
    if (representation == Representation.SINGLE) {
      return new Single(total(measure));
    }
    return COMPOSITES.member(measure, representation);
  }

  /** Applies a phase operation to every phase measure of every direction measure. */
  static TariffMeasure map(TariffMeasure measure, UnaryOperator<PhaseMeasure> operation) {
    if (measure instanceof Single single) {
      return new Single(DirectionAlgebra.map(single.t0(), operation));
    } else if (measure instanceof Dual dual) {
      return new Dual(
          DirectionAlgebra.map(dual.t1(), operation), DirectionAlgebra.map(dual.t2(), operation));
    } else if (measure instanceof NotAvailable) {
      // The operation may change the kind (energy per duration is power).
      return new NotAvailable(operation.apply(PhaseMeasure.notAvailable(measure.kind())).kind());
    } else if (measure instanceof Composite composite) {
      return COMPOSITES.mapMembers(composite.members(), member -> map(member, operation));
    }
    throw new AssertionError(measure);
  }
}
