package org.fis.measure;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The direction layer: an import/export pair, a signed net value (positive = import), a
 * non-directional value (voltage, current), a {@link Composite} of alternatives, or explicitly
 * {@link NotAvailable}. Each holds {@link PhaseMeasure}s.
 *
 * <p>Rules: import/export combined with net gives net (import − export is lossless); net and
 * non-directional values cannot give import, export or their sum, and throw {@link
 * MeasureMismatchException}. "Not available" absorbs arithmetic and is the identity of {@link
 * #composite}.
 *
 * <p>Immutable and thread-safe. No database access.
 */
public sealed interface DirectionMeasure extends Layered, PhaseWise<DirectionMeasure>
    permits DirectionMeasure.NotAvailable,
        DirectionMeasure.ImportExport,
        DirectionMeasure.Net,
        DirectionMeasure.NonDirectional,
        DirectionMeasure.Composite {

  /** The representation kinds a composite keys its members by. */
  enum Representation {
    /** An {@link ImportExport} pair. */
    IMPORT_EXPORT,
    /** A signed {@link Net} value. */
    NET,
    /** A {@link NonDirectional} value. */
    NON_DIRECTIONAL
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
   * An import/export pair.
   *
   * @param importValue what flowed from the grid to the connection
   * @param exportValue what flowed from the connection to the grid
   * @return the pair
   */
  static ImportExport importExport(PhaseMeasure importValue, PhaseMeasure exportValue) {
    return new ImportExport(importValue, exportValue);
  }

  /**
   * A signed net value, positive for import.
   *
   * @param net the net value
   * @return the measure
   */
  static Net net(PhaseMeasure net) {
    return new Net(net);
  }

  /**
   * A non-directional value (voltage, current).
   *
   * @param value the value
   * @return the measure
   */
  static NonDirectional nonDirectional(PhaseMeasure value) {
    return new NonDirectional(value);
  }

  /**
   * Alternatives of the same quantity, keyed by representation; flattened, not-available dropped,
   * one alternative unwrapped, none → not available.
   *
   * @param alternatives at least one, all of one kind
   * @return the composite
   * @throws MeasureMismatchException if kinds differ, or two different alternatives have the same
   *     representation
   */
  static DirectionMeasure composite(DirectionMeasure... alternatives) {
    return composite(Arrays.asList(alternatives));
  }

  /**
   * As {@link #composite(DirectionMeasure...)}.
   *
   * @param alternatives at least one, all of one kind
   * @return the composite
   * @throws MeasureMismatchException if kinds differ, or two different alternatives have the same
   *     representation
   */
  static DirectionMeasure composite(List<? extends DirectionMeasure> alternatives) {
    return DirectionAlgebra.COMPOSITES.composite(alternatives);
  }

  /**
   * The signed net value: import − export, or the net value. A composite prefers the meter's net,
   * then import − export.
   *
   * @return the net (not available when the data is)
   * @throws MeasureMismatchException for a non-directional value
   */
  default PhaseMeasure net() {
    return DirectionAlgebra.reduce(this, DirectionAlgebra.Reduction.NET);
  }

  /**
   * The import + export sum (gross flow).
   *
   * @return the sum
   * @throws MeasureMismatchException for net and non-directional values
   */
  default PhaseMeasure sum() {
    return DirectionAlgebra.reduce(this, DirectionAlgebra.Reduction.SUM);
  }

  /**
   * The import part.
   *
   * @return the import
   * @throws MeasureMismatchException for net and non-directional values (a net of 5 may be 10
   *     import and 5 export)
   */
  default PhaseMeasure importValue() {
    return DirectionAlgebra.reduce(this, DirectionAlgebra.Reduction.IMPORT);
  }

  /**
   * The export part.
   *
   * @return the export
   * @throws MeasureMismatchException for net and non-directional values
   */
  default PhaseMeasure exportValue() {
    return DirectionAlgebra.reduce(this, DirectionAlgebra.Reduction.EXPORT);
  }

  /**
   * The value regardless of direction ("any"): a non-directional value, or the net value. A
   * composite prefers the non-directional member.
   *
   * @return the value
   * @throws MeasureMismatchException for an import/export pair (which direction?)
   */
  default PhaseMeasure any() {
    return DirectionAlgebra.reduce(this, DirectionAlgebra.Reduction.ANY);
  }

  /**
   * The sum; import/export with net gives net; composites pair by representation; not available
   * absorbs.
   *
   * @param other same kind
   * @return this + other
   * @throws MeasureMismatchException if no representation can be combined
   */
  default DirectionMeasure add(DirectionMeasure other) {
    return DirectionAlgebra.combine(this, other, false);
  }

  /**
   * The difference, with the rules of {@link #add}.
   *
   * @param other same kind
   * @return this − other
   */
  default DirectionMeasure subtract(DirectionMeasure other) {
    return DirectionAlgebra.combine(this, other, true);
  }

  /**
   * Explicitly not available.
   *
   * @param kind what would have been measured
   */
  record NotAvailable(MeasureKind kind) implements DirectionMeasure {
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
   * Import and export, each a non-negative register advance in normal use (not enforced).
   *
   * @param importValue grid to connection
   * @param exportValue connection to grid
   */
  record ImportExport(PhaseMeasure importValue, PhaseMeasure exportValue)
      implements DirectionMeasure {
    /** Validates: same kind. */
    public ImportExport {
      Objects.requireNonNull(importValue, "importValue");
      Objects.requireNonNull(exportValue, "exportValue");
      if (importValue.kind() != exportValue.kind()) {
        throw new MeasureMismatchException(
            "exportValue: cannot pair " + importValue.kind() + " with " + exportValue.kind());
      }
    }

    @Override
    public MeasureKind kind() {
      return importValue.kind();
    }

    @Override
    public boolean isAvailable() {
      return importValue.isAvailable() || exportValue.isAvailable();
    }
  }

  /**
   * A signed net value, positive for import.
   *
   * @param value the net value
   */
  record Net(PhaseMeasure value) implements DirectionMeasure {
    /** Validates. */
    public Net {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public MeasureKind kind() {
      return value.kind();
    }

    @Override
    public boolean isAvailable() {
      return value.isAvailable();
    }
  }

  /**
   * A value without direction (voltage, current).
   *
   * @param value the value
   */
  record NonDirectional(PhaseMeasure value) implements DirectionMeasure {
    /** Validates. */
    public NonDirectional {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public MeasureKind kind() {
      return value.kind();
    }

    @Override
    public boolean isAvailable() {
      return value.isAvailable();
    }
  }

  /**
   * Alternatives keyed by representation. Build it with {@link DirectionMeasure#composite}.
   *
   * @param members at least two available, non-composite members of one kind
   */
  record Composite(Map<Representation, DirectionMeasure> members)
      implements DirectionMeasure, Alternatives<Representation, DirectionMeasure> {
    /** Validates and copies the members. */
    public Composite {
      Objects.requireNonNull(members, "members");
      EnumMap<Representation, DirectionMeasure> copy = new EnumMap<>(Representation.class);
      copy.putAll(members);
      DirectionAlgebra.COMPOSITES.requireMembers(copy);
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
