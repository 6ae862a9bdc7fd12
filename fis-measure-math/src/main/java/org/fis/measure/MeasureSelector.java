package org.fis.measure;

import java.util.Objects;
import java.util.Optional;
import org.fis.measure.PhaseMeasure.ThreePhase;
import org.fis.measure.PhaseMeasure.Total;

/**
 * Selects one scalar from a {@link TariffMeasure}: a tariff, then a direction, then a phase
 * reduction. {@link #defaults(MeasureKind)} gives the usual choice per kind: energies → T0, import,
 * phase sum; powers → T0, net, phase average; voltage and current → T0, any, phase average.
 *
 * <p>Selecting is the same as calling the layer operations in turn ({@code
 * measure.tariff(t).importValue().phaseSum()}), and is allocation-light for plain measures (single
 * or dual tariff of import/export, net or non-directional totals and three-phase values), which is
 * what hot loops (peak of the quarter hours of a month) want.
 *
 * <p>Immutable and thread-safe. No database access.
 *
 * @param tariff which tariff
 * @param direction which direction reduction
 * @param phase which phase reduction
 */
public record MeasureSelector(Tariff tariff, Direction direction, Phase phase) {

  /** The direction reduction of a selector. */
  public enum Direction {
    /** {@link DirectionMeasure#importValue()}. */
    IMPORT,
    /** {@link DirectionMeasure#exportValue()}. */
    EXPORT,
    /** {@link DirectionMeasure#net()}. */
    NET,
    /** {@link DirectionMeasure#sum()}. */
    SUM,
    /** {@link DirectionMeasure#any()}. */
    ANY
  }

  /** The phase reduction of a selector. */
  public enum Phase {
    /** {@link PhaseMeasure#phaseSum()}. */
    SUM,
    /** {@link PhaseMeasure#phaseAverage()} (half-even). */
    AVERAGE,
    /** {@link PhaseMeasure#phasePeak()}. */
    PEAK,
    /** {@link PhaseMeasure#phaseTrough()}. */
    TROUGH,
    /** Phase L1 of {@link PhaseMeasure#phaseSplit()}. */
    L1,
    /** Phase L2 of {@link PhaseMeasure#phaseSplit()}. */
    L2,
    /** Phase L3 of {@link PhaseMeasure#phaseSplit()}. */
    L3
  }

  /** Validates. */
  public MeasureSelector {
    Objects.requireNonNull(tariff, "tariff");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(phase, "phase");
  }

  /**
   * The usual selection for a kind (see the class comment).
   *
   * @param kind the kind
   * @return the selector
   */
  public static MeasureSelector defaults(MeasureKind kind) {
    Objects.requireNonNull(kind, "kind");
    if (kind.isEnergy()) {
      return new MeasureSelector(Tariff.T0, Direction.IMPORT, Phase.SUM);
    } else if (kind.isPower()) {
      return new MeasureSelector(Tariff.T0, Direction.NET, Phase.AVERAGE);
    } else if (kind == MeasureKind.MONEY) {
      return new MeasureSelector(Tariff.T0, Direction.NET, Phase.SUM);
    }
    return new MeasureSelector(Tariff.T0, Direction.ANY, Phase.AVERAGE);
  }

  /**
   * A copy with another tariff.
   *
   * @param tariff the tariff
   * @return the copy
   */
  public MeasureSelector withTariff(Tariff tariff) {
    return new MeasureSelector(tariff, direction, phase);
  }

  /**
   * A copy with another direction.
   *
   * @param direction the direction
   * @return the copy
   */
  public MeasureSelector withDirection(Direction direction) {
    return new MeasureSelector(tariff, direction, phase);
  }

  /**
   * A copy with another phase reduction.
   *
   * @param phase the phase reduction
   * @return the copy
   */
  public MeasureSelector withPhase(Phase phase) {
    return new MeasureSelector(tariff, direction, phase);
  }

  /**
   * Selects the scalar.
   *
   * @param measure the measure
   * @return the value, or empty when not available
   * @throws MeasureMismatchException when the measure cannot answer (T1 of a single tariff, import
   *     of a net value)
   */
  public Optional<Quantity> select(TariffMeasure measure) {
    Objects.requireNonNull(measure, "measure");
    if (phase == Phase.SUM && direction == Direction.IMPORT) {
      // Fast path for the most common selection (energy import totals), no intermediate measures.
      long sum = fastImportSum(measure);
      if (sum != Long.MIN_VALUE) {
        return Optional.of(Quantity.ofMilli(fastKind(measure), sum));
      }
    }
    return reducePhase(reduceDirection(measure.tariff(tariff)));
  }

  private long fastImportSum(TariffMeasure measure) {
    if (tariff == Tariff.T0 && measure instanceof TariffMeasure.Dual) {
      TariffMeasure.Dual dual = (TariffMeasure.Dual) measure;
      long t1 = importSum(dual.t1());
      long t2 = importSum(dual.t2());
      return t1 == Long.MIN_VALUE || t2 == Long.MIN_VALUE ? Long.MIN_VALUE : Math.addExact(t1, t2);
    } else if (tariff == Tariff.T0 && measure instanceof TariffMeasure.Single) {
      return importSum(((TariffMeasure.Single) measure).t0());
    } else if (tariff == Tariff.T1 && measure instanceof TariffMeasure.Dual) {
      return importSum(((TariffMeasure.Dual) measure).t1());
    } else if (tariff == Tariff.T2 && measure instanceof TariffMeasure.Dual) {
      return importSum(((TariffMeasure.Dual) measure).t2());
    }
    return Long.MIN_VALUE;
  }

  /** The kind of a measure the fast path accepted: the kind of its first import value. */
  private static MeasureKind fastKind(TariffMeasure measure) {
    DirectionMeasure direction =
        measure instanceof TariffMeasure.Dual
            ? ((TariffMeasure.Dual) measure).t1()
            : ((TariffMeasure.Single) measure).t0();
    PhaseMeasure value = ((DirectionMeasure.ImportExport) direction).importValue();
    return value instanceof ThreePhase ? ((ThreePhase) value).kind() : ((Total) value).kind();
  }

  private static long importSum(DirectionMeasure direction) {
    if (!(direction instanceof DirectionMeasure.ImportExport)) {
      return Long.MIN_VALUE;
    }
    PhaseMeasure value = ((DirectionMeasure.ImportExport) direction).importValue();
    if (value instanceof ThreePhase) {
      ThreePhase three = (ThreePhase) value;
      return Math.addExact(Math.addExact(three.l1Milli(), three.l2Milli()), three.l3Milli());
    } else if (value instanceof Total) {
      return ((Total) value).valueMilli();
    }
    return Long.MIN_VALUE;
  }

  private PhaseMeasure reduceDirection(DirectionMeasure measure) {
    switch (direction) {
      case IMPORT:
        return measure.importValue();
      case EXPORT:
        return measure.exportValue();
      case NET:
        return measure.net();
      case SUM:
        return measure.sum();
      case ANY:
        return measure.any();
      default:
        throw new AssertionError(direction);
    }
  }

  private Optional<Quantity> reducePhase(PhaseMeasure measure) {
    switch (phase) {
      case SUM:
        return measure.phaseSum();
      case AVERAGE:
        return measure.phaseAverage();
      case PEAK:
        return measure.phasePeak();
      case TROUGH:
        return measure.phaseTrough();
      case L1:
        return measure.phaseSplit().map(ThreePhase::l1);
      case L2:
        return measure.phaseSplit().map(ThreePhase::l2);
      case L3:
        return measure.phaseSplit().map(ThreePhase::l3);
      default:
        throw new AssertionError(phase);
    }
  }
}
