package org.fis.accountingpoint.internal;

import java.util.ArrayList;
import java.util.List;
import org.fis.accountingpoint.EndUserPeriod;
import org.fis.accountingpoint.EnergyDirectionPeriod;
import org.fis.accountingpoint.EnergySupplierPeriod;
import org.fis.accountingpoint.EntityType;
import org.fis.accountingpoint.MeteringGridAreaPeriod;
import org.fis.accountingpoint.TimelinePeriod;

/**
 * The four time-dependent relation tables and how their rows encode to and decode from the merge's
 * generic {@link Span} value.
 */
public enum Relation {
  /** End users: value {@code <entity_type>:<business_id>}. */
  END_USER(
      "end_user",
      "entity_type || ':' || business_id",
      "business_id, entity_type",
      "split_part(u.v, ':', 2), split_part(u.v, ':', 1)"),
  /** Energy suppliers: value = GLN. */
  ENERGY_SUPPLIER("energy_supplier", "gln", "gln", "u.v"),
  /** Metering grid areas: value = EIC. */
  METERING_GRID_AREA("metering_grid_area", "eic", "eic", "u.v"),
  /** Energy directions: value = direction code. */
  ENERGY_DIRECTION("energy_direction", "direction", "direction", "u.v");

  private final String table;
  private final String valueExpression;
  private final String valueColumns;
  private final String valueFromInput;

  Relation(String table, String valueExpression, String valueColumns, String valueFromInput) {
    this.table = table;
    this.valueExpression = valueExpression;
    this.valueColumns = valueColumns;
    this.valueFromInput = valueFromInput;
  }

  /** The table name. */
  public String table() {
    return table;
  }

  /** SQL reading the encoded value from a row. */
  public String valueExpression() {
    return valueExpression;
  }

  /** The value columns, as listed in an INSERT. */
  public String valueColumns() {
    return valueColumns;
  }

  /** SQL computing the value columns from the input's encoded value {@code u.v}. */
  public String valueFromInput() {
    return valueFromInput;
  }

  /**
   * Encodes periods of this relation.
   *
   * @param periods the periods
   * @return spans in the same order
   */
  public List<Span> encode(List<? extends TimelinePeriod> periods) {
    List<Span> spans = new ArrayList<>(periods.size());
    for (TimelinePeriod period : periods) {
      spans.add(new Span(encode(period), period.validFrom(), period.validTo()));
    }
    return spans;
  }

  private static String encode(TimelinePeriod period) {
    if (period instanceof EndUserPeriod) {
      EndUserPeriod p = (EndUserPeriod) period;
      return p.entityType().code() + ":" + p.businessId();
    } else if (period instanceof EnergySupplierPeriod) {
      return ((EnergySupplierPeriod) period).gln();
    } else if (period instanceof MeteringGridAreaPeriod) {
      return ((MeteringGridAreaPeriod) period).eic();
    } else if (period instanceof EnergyDirectionPeriod) {
      return ((EnergyDirectionPeriod) period).code();
    }
    throw new AssertionError("unknown period " + period.getClass());
  }

  /**
   * Decodes a span of this relation.
   *
   * @param span the span
   * @return the period
   */
  public TimelinePeriod decode(Span span) {
    switch (this) {
      case END_USER:
        int colon = span.value().indexOf(':');
        return new EndUserPeriod(
            span.value().substring(colon + 1),
            EntityType.ofCode(span.value().substring(0, colon)),
            span.from(),
            span.to());
      case ENERGY_SUPPLIER:
        return new EnergySupplierPeriod(span.value(), span.from(), span.to());
      case METERING_GRID_AREA:
        return new MeteringGridAreaPeriod(span.value(), span.from(), span.to());
      case ENERGY_DIRECTION:
        return new EnergyDirectionPeriod(
            EnergyDirectionPeriod.directionsOf(span.value()), span.from(), span.to());
      default:
        throw new AssertionError("unknown relation " + this);
    }
  }
}
