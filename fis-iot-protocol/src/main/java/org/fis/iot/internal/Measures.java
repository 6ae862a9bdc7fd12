package org.fis.iot.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.fis.iot.Direction;
import org.fis.iot.Phase;
import org.fis.iot.Register;
import org.fis.iot.RegisterAggregate;
import org.fis.iot.Tariff;
import org.fis.measure.DirectionMeasure;
import org.fis.measure.MeasureKind;
import org.fis.measure.PhaseMeasure;
import org.fis.measure.Quantity;
import org.fis.measure.TariffMeasure;

/**
 * Arranges register values into fis-measure-math measures: per measure kind, by tariff, direction
 * and phase. Three phases (all of L1..L3) become a {@code ThreePhase}, the total register a {@code
 * Total}, both a composite; a partial set of phases without a total is not available.
 */
public final class Measures {
  private Measures() {}

  /** One register's contribution. */
  private record Cell(
      Register register, Quantity a, Quantity b, Quantity c, Instant aAt, Instant cAt) {}

  /** The measures of one reading. */
  public static Map<MeasureKind, TariffMeasure> ofReading(
      Map<String, Register> registers, Map<String, Quantity> values) {
    List<Cell> cells = new ArrayList<>();
    values.forEach(
        (name, q) -> cells.add(new Cell(registers.get(name), q, null, null, null, null)));
    return build(cells, group -> plain(group, Cell::a));
  }

  /** The measures of an aggregate. */
  public static Map<MeasureKind, TariffMeasure> ofAggregate(
      Collection<RegisterAggregate> registers) {
    List<Cell> cells = new ArrayList<>();
    for (RegisterAggregate r : registers) {
      if (r instanceof RegisterAggregate.Instantaneous i) {
        cells.add(
            new Cell(
                i.register(), i.average(), i.minimum(), i.maximum(), i.minimumAt(), i.maximumAt()));
      } else if (r instanceof RegisterAggregate.Cumulative c) {
        cells.add(new Cell(c.register(), c.first(), c.last(), null, c.firstAt(), c.lastAt()));
      } else {
        throw new AssertionError(r);
      }
    }
    return build(
        cells,
        group -> {
          if (group.get(0).register().kind() == org.fis.iot.RegisterKind.CUMULATIVE) {
            return new PhaseMeasure.Cumulative(plain(group, Cell::a), plain(group, Cell::b));
          }
          Cell low = group.get(0);
          Cell high = group.get(0);
          for (Cell cell : group) {
            low = cell.b().compareTo(low.b()) < 0 ? cell : low;
            high = cell.c().compareTo(high.c()) > 0 ? cell : high;
          }
          return new PhaseMeasure.Instantaneous(
              plain(group, Cell::a),
              plain(group, Cell::b),
              low.aAt(),
              plain(group, Cell::c),
              high.cAt());
        });
  }

  private static Map<MeasureKind, TariffMeasure> build(
      List<Cell> cells, Function<List<Cell>, PhaseMeasure> phaseMeasure) {
    Map<MeasureKind, Map<Tariff, Map<Direction, List<Cell>>>> grouped =
        new EnumMap<>(MeasureKind.class);
    for (Cell cell : cells) {
      Register r = cell.register();
      grouped
          .computeIfAbsent(
              MeasureKind.valueOf(r.quantity().name()), k -> new EnumMap<>(Tariff.class))
          .computeIfAbsent(r.tariff(), k -> new EnumMap<>(Direction.class))
          .computeIfAbsent(r.direction(), k -> new ArrayList<>())
          .add(cell);
    }
    Map<MeasureKind, TariffMeasure> result = new EnumMap<>(MeasureKind.class);
    grouped.forEach(
        (kind, byTariff) -> {
          Map<Tariff, DirectionMeasure> directions = new EnumMap<>(Tariff.class);
          byTariff.forEach(
              (tariff, byDirection) ->
                  directions.put(tariff, direction(kind, byDirection, phaseMeasure)));
          List<TariffMeasure> alternatives = new ArrayList<>();
          if (directions.containsKey(Tariff.T0)) {
            alternatives.add(TariffMeasure.single(directions.get(Tariff.T0)));
          }
          if (directions.containsKey(Tariff.T1) || directions.containsKey(Tariff.T2)) {
            alternatives.add(
                TariffMeasure.dual(
                    directions.getOrDefault(Tariff.T1, DirectionMeasure.notAvailable(kind)),
                    directions.getOrDefault(Tariff.T2, DirectionMeasure.notAvailable(kind))));
          }
          result.put(kind, TariffMeasure.composite(alternatives));
        });
    return result;
  }

  private static DirectionMeasure direction(
      MeasureKind kind,
      Map<Direction, List<Cell>> byDirection,
      Function<List<Cell>, PhaseMeasure> phaseMeasure) {
    List<DirectionMeasure> alternatives = new ArrayList<>();
    if (byDirection.containsKey(Direction.IMPORT) || byDirection.containsKey(Direction.EXPORT)) {
      alternatives.add(
          DirectionMeasure.importExport(
              phase(kind, byDirection.get(Direction.IMPORT), phaseMeasure),
              phase(kind, byDirection.get(Direction.EXPORT), phaseMeasure)));
    }
    if (byDirection.containsKey(Direction.NET)) {
      alternatives.add(
          DirectionMeasure.net(phase(kind, byDirection.get(Direction.NET), phaseMeasure)));
    }
    if (byDirection.containsKey(Direction.ANY)) {
      alternatives.add(
          DirectionMeasure.nonDirectional(
              phase(kind, byDirection.get(Direction.ANY), phaseMeasure)));
    }
    return DirectionMeasure.composite(alternatives);
  }

  private static PhaseMeasure phase(
      MeasureKind kind, List<Cell> group, Function<List<Cell>, PhaseMeasure> phaseMeasure) {
    return group == null || group.isEmpty()
        ? PhaseMeasure.notAvailable(kind)
        : phaseMeasure.apply(group);
  }

  /** Total, three-phase, or both as a composite, of one field of the group's cells. */
  private static PhaseMeasure plain(List<Cell> group, Function<Cell, Quantity> field) {
    MeasureKind kind = MeasureKind.valueOf(group.get(0).register().quantity().name());
    Map<Phase, Quantity> byPhase = new EnumMap<>(Phase.class);
    for (Cell cell : group) {
      byPhase.put(cell.register().phase(), field.apply(cell));
    }
    List<PhaseMeasure> alternatives = new ArrayList<>();
    if (byPhase.containsKey(Phase.L1)
        && byPhase.containsKey(Phase.L2)
        && byPhase.containsKey(Phase.L3)) {
      alternatives.add(
          PhaseMeasure.threePhase(
              byPhase.get(Phase.L1), byPhase.get(Phase.L2), byPhase.get(Phase.L3)));
    }
    if (byPhase.containsKey(Phase.TOTAL)) {
      alternatives.add(PhaseMeasure.total(byPhase.get(Phase.TOTAL)));
    }
    return alternatives.isEmpty()
        ? PhaseMeasure.notAvailable(kind)
        : PhaseMeasure.composite(alternatives);
  }
}
