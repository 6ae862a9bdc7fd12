package org.fis.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A concise notation for multi-layer measures: one unit, and plain decimal numbers per phase
 * measure. Each phase measure is written as a string:
 *
 * <ul>
 *   <li>{@code "650"}: a {@link PhaseMeasure.Total} of 650 units;
 *   <li>{@code "100 200 300"}: a {@link PhaseMeasure.ThreePhase} (L1 L2 L3);
 *   <li>{@code "-"}: {@link PhaseMeasure.NotAvailable};
 *   <li>{@code "650 | 100 200 300"}: a {@link PhaseMeasure#composite composite} of the
 *       alternatives.
 * </ul>
 *
 * <p>So a three-phase, import/export, dual-tariff reading (otherwise 19 factory calls) is one line:
 *
 * <pre>{@code
 * MeasureNotation kwh = MeasureNotation.in(Unit.KWH);
 * TariffMeasure reading = kwh.dual("0.25 0.5 0.75", "0.1", "0 0 0", "0");
 * }</pre>
 *
 * <p>Numbers are read exactly ({@link Quantity#of(String, Unit)}: no rounding, more than 0.001 base
 * units of precision is rejected). Bad input throws {@link IllegalArgumentException} naming the
 * parameter and the reason. Immutable and thread-safe. No database access.
 */
public final class MeasureNotation {
  /** The token of "not available". */
  public static final String NOT_AVAILABLE = "-";

  /** The separator of composite alternatives. */
  public static final String ALTERNATIVES = "|";

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern ALTERNATIVE_SEPARATOR = Pattern.compile("\\s*\\|\\s*");

  private final Unit unit;

  private MeasureNotation(Unit unit) {
    this.unit = Objects.requireNonNull(unit, "unit");
  }

  /**
   * The notation in a unit.
   *
   * @param unit the unit every number is in
   * @return the notation
   */
  public static MeasureNotation in(Unit unit) {
    return new MeasureNotation(unit);
  }

  /**
   * The unit every number is in.
   *
   * @return the unit
   */
  public Unit unit() {
    return unit;
  }

  /**
   * One quantity.
   *
   * @param value a plain decimal, e.g. {@code "0.25"}
   * @return the quantity
   * @throws IllegalArgumentException if the value is not a plain decimal or too precise
   */
  public Quantity quantity(String value) {
    Objects.requireNonNull(value, "value");
    return Quantity.of(value.strip(), unit);
  }

  /**
   * A phase measure in the notation above.
   *
   * @param values {@code "v"}, {@code "l1 l2 l3"}, {@code "-"}, or alternatives separated by {@code
   *     "|"}
   * @return the measure
   * @throws IllegalArgumentException if the notation is malformed
   */
  public PhaseMeasure phase(String values) {
    Objects.requireNonNull(values, "values");
    String[] alternatives = ALTERNATIVE_SEPARATOR.split(values.strip(), -1);
    if (alternatives.length == 1) {
      return plainPhase(alternatives[0], values);
    }
    List<PhaseMeasure> members = new ArrayList<>(alternatives.length);
    for (String alternative : alternatives) {
      members.add(plainPhase(alternative, values));
    }
    return PhaseMeasure.composite(members);
  }

  private PhaseMeasure plainPhase(String alternative, String values) {
    if (alternative.equals(NOT_AVAILABLE)) {
      return PhaseMeasure.notAvailable(unit.kind());
    }
    String[] numbers = alternative.isEmpty() ? new String[0] : SPACES.split(alternative);
    if (numbers.length == 1) {
      return PhaseMeasure.total(quantity(numbers[0]));
    } else if (numbers.length == 3) {
      return PhaseMeasure.threePhase(
          quantity(numbers[0]), quantity(numbers[1]), quantity(numbers[2]));
    }
    throw new IllegalArgumentException(
        "values: expected one number (total), three (L1 L2 L3) or \"-\", got "
            + numbers.length
            + " in \""
            + values
            + "\"");
  }

  /**
   * An import/export pair.
   *
   * @param importValues the import in phase notation
   * @param exportValues the export in phase notation
   * @return the pair
   */
  public DirectionMeasure.ImportExport importExport(String importValues, String exportValues) {
    return DirectionMeasure.importExport(phase(importValues), phase(exportValues));
  }

  /**
   * A signed net value (positive = import).
   *
   * @param values the net in phase notation
   * @return the net measure
   */
  public DirectionMeasure.Net net(String values) {
    return DirectionMeasure.net(phase(values));
  }

  /**
   * A non-directional value (voltage, current).
   *
   * @param values the value in phase notation
   * @return the measure
   */
  public DirectionMeasure.NonDirectional nonDirectional(String values) {
    return DirectionMeasure.nonDirectional(phase(values));
  }

  /**
   * A single-tariff import/export measure.
   *
   * @param importValues T0 import in phase notation
   * @param exportValues T0 export in phase notation
   * @return the measure
   */
  public TariffMeasure.Single single(String importValues, String exportValues) {
    return TariffMeasure.single(importExport(importValues, exportValues));
  }

  /**
   * A dual-tariff import/export measure.
   *
   * @param t1Import T1 (high) import in phase notation
   * @param t1Export T1 export
   * @param t2Import T2 (low) import
   * @param t2Export T2 export
   * @return the measure
   */
  public TariffMeasure.Dual dual(
      String t1Import, String t1Export, String t2Import, String t2Export) {
    return TariffMeasure.dual(importExport(t1Import, t1Export), importExport(t2Import, t2Export));
  }

  /**
   * A single-tariff net measure.
   *
   * @param values T0 net in phase notation
   * @return the measure
   */
  public TariffMeasure.Single singleNet(String values) {
    return TariffMeasure.single(net(values));
  }

  /**
   * A dual-tariff net measure.
   *
   * @param t1 T1 net in phase notation
   * @param t2 T2 net in phase notation
   * @return the measure
   */
  public TariffMeasure.Dual dualNet(String t1, String t2) {
    return TariffMeasure.dual(net(t1), net(t2));
  }

  @Override
  public String toString() {
    return "MeasureNotation[" + unit.symbol() + "]";
  }
}
