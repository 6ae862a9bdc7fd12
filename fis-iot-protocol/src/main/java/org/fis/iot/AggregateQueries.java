package org.fis.iot;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fis.iot.internal.AggregateFold;
import org.fis.iot.internal.AggregateRows;
import org.fis.iot.internal.AggregateState;
import org.fis.iot.internal.Layouts;
import org.fis.iot.internal.RegisterLayout;
import org.fis.iot.internal.Sql;
import org.fis.measure.MeasureKind;
import org.fis.measure.Quantity;
import org.jdbi.v3.core.Handle;

/**
 * Bounded, paginated reads of aggregates and raw readings as exact measure-math values: what
 * billing consumes. Ranges are half-open {@code [from, to)} on the period start (aggregates) or
 * reading time (readings); pages use keyset pagination on that time. Days and months answer exactly
 * as if every acknowledged push were folded into them already (see {@link AggregateFolder}): a
 * period's folded row is merged with the quarter hours not yet folded.
 *
 * <p>Runs in the caller's transaction; read-only. Thread-safe.
 */
public final class AggregateQueries {
  private final IotConfig config;
  private final MeterModels models;

  /**
   * Creates the queries.
   *
   * @param config zone and page bound
   * @param models the meter models (register meaning)
   */
  public AggregateQueries(IotConfig config, MeterModels models) {
    this.config = Objects.requireNonNull(config, "config");
    this.models = Objects.requireNonNull(models, "models");
  }

  /**
   * Aggregates of a meter whose period starts in {@code [from, to)}, in period order.
   *
   * @param handle the caller's handle
   * @param meterId the meter
   * @param resolution quarter hour, day or month
   * @param from range start, inclusive
   * @param to range end, exclusive
   * @param after the previous page's {@code nextAfter}, or null for the first page
   * @param limit page size, 1..{@link IotConfig#queryPageSizeMax()}
   * @return one page
   */
  public AggregatePage<MeterAggregate> aggregates(
      Handle handle,
      String meterId,
      Resolution resolution,
      Instant from,
      Instant to,
      Instant after,
      int limit) {
    checkRange(handle, meterId, from, to, limit);
    Objects.requireNonNull(resolution, "resolution");
    Map<String, Register> registers = registers(handle, meterId);
    if (resolution != Resolution.QUARTER_HOUR) {
      return asIfFolded(handle, meterId, resolution, from, to, after, limit, registers);
    }
    Layouts layouts = Layouts.load(handle, List.of());
    List<AggregateRows.Row> rows =
        handle
            .createQuery(
                "SELECT "
                    + AggregateRows.COLUMNS
                    + " FROM fis_iot.aggregate a WHERE a.meter_id = :m AND a.resolution ="
                    + " :r AND a.period_start >= :from AND a.period_start < :to AND a.period_start >"
                    + " :after ORDER BY a.period_start, a.layout_id LIMIT :limit")
            .bind("m", meterId)
            .bind("r", resolution.code())
            .bind("from", Sql.utc(from))
            .bind("to", Sql.utc(to))
            .bind("after", Sql.utc(after == null ? Instant.EPOCH.minusSeconds(1) : after))
            .bind("limit", limit + 1)
            .map((rs, ctx) -> AggregateRows.read(rs, layouts))
            .list();
    boolean more = rows.size() > limit;
    List<AggregateRows.Row> page = more ? rows.subList(0, limit) : rows;
    if (more && page.get(limit - 1).periodStart().equals(rows.get(limit).periodStart())) {
      // Two layouts for one period straddle the page end: end the page before that period.
      Instant cut = rows.get(limit).periodStart();
      page = page.stream().filter(r -> !r.periodStart().equals(cut)).toList();
    }
    // Rows of two layouts for one period (a meter whose model changed) merge with THE merge
    // function, in the union of both layouts.
    Map<Instant, AggregateRows.Row> merged = new LinkedHashMap<>();
    for (AggregateRows.Row row : page) {
      merged.merge(row.periodStart(), row, AggregateQueries::union);
    }
    List<MeterAggregate> items = new ArrayList<>();
    for (AggregateRows.Row row : merged.values()) {
      items.add(toAggregate(row, registers));
    }
    Optional<Instant> next =
        more && !page.isEmpty()
            ? Optional.of(page.get(page.size() - 1).periodStart())
            : Optional.empty();
    return new AggregatePage<>(items, next);
  }

  /**
   * A page of days or months exactly as if every quarter hour were folded: each period's folded
   * rows merged with the unfolded parts of its queued quarter hours, by the one merge function (and
   * rows of two layouts in the union of both, as for quarter hours).
   */
  private AggregatePage<MeterAggregate> asIfFolded(
      Handle handle,
      String meterId,
      Resolution resolution,
      Instant from,
      Instant to,
      Instant after,
      int limit,
      Map<String, Register> registers) {
    List<AggregateRows.Row> rows =
        AggregateFold.asIfFolded(
            handle,
            meterId,
            resolution,
            from,
            to,
            after == null ? Instant.EPOCH.minusSeconds(1) : after,
            limit + 1,
            config.zone());
    Map<Instant, AggregateRows.Row> merged = new LinkedHashMap<>();
    for (AggregateRows.Row row : rows) {
      merged.merge(row.periodStart(), row, AggregateQueries::union);
    }
    List<AggregateRows.Row> all = new ArrayList<>(merged.values());
    boolean more = all.size() > limit;
    List<AggregateRows.Row> page = more ? all.subList(0, limit) : all;
    List<MeterAggregate> items = new ArrayList<>(page.size());
    for (AggregateRows.Row row : page) {
      items.add(toAggregate(row, registers));
    }
    return new AggregatePage<>(
        items, more ? Optional.of(page.get(page.size() - 1).periodStart()) : Optional.empty());
  }

  /**
   * Raw readings of a meter with reading time in {@code [from, to)}, in time order.
   *
   * @param handle the caller's handle
   * @param meterId the meter
   * @param from range start, inclusive
   * @param to range end, exclusive
   * @param after the previous page's {@code nextAfter}, or null for the first page
   * @param limit page size, 1..{@link IotConfig#queryPageSizeMax()}
   * @return one page
   */
  public AggregatePage<Reading> readings(
      Handle handle, String meterId, Instant from, Instant to, Instant after, int limit) {
    checkRange(handle, meterId, from, to, limit);
    Map<String, Register> registers = registers(handle, meterId);
    Layouts layouts = Layouts.load(handle, List.of());
    List<Reading> rows =
        handle
            .createQuery(
                "SELECT reading_time, layout_id, values_milli FROM fis_iot.raw_measurement WHERE"
                    + " meter_id = :m AND reading_time >= :from AND reading_time < :to AND"
                    + " reading_time > :after ORDER BY reading_time LIMIT :limit")
            .bind("m", meterId)
            .bind("from", Sql.utc(from))
            .bind("to", Sql.utc(to))
            .bind("after", Sql.utc(after == null ? Instant.EPOCH.minusSeconds(1) : after))
            .bind("limit", limit + 1)
            .map(
                (rs, ctx) -> {
                  RegisterLayout layout = layouts.layout(rs.getInt("layout_id"));
                  Long[] values = (Long[]) rs.getArray("values_milli").getArray();
                  Map<String, Quantity> quantities = new LinkedHashMap<>();
                  Map<String, Register> used = new LinkedHashMap<>();
                  for (int i = 0; i < values.length; i++) {
                    Register register = registers.get(layout.names().get(i));
                    if (values[i] != null && register != null) {
                      quantities.put(register.name(), quantity(register, values[i]));
                      used.put(register.name(), register);
                    }
                  }
                  return new Reading(meterId, Sql.instant(rs, "reading_time"), quantities, used);
                })
            .list();
    boolean more = rows.size() > limit;
    List<Reading> page = more ? rows.subList(0, limit) : rows;
    return new AggregatePage<>(
        page, more ? Optional.of(page.get(page.size() - 1).readAt()) : Optional.empty());
  }

  private void checkRange(Handle handle, String meterId, Instant from, Instant to, int limit) {
    Objects.requireNonNull(handle, "handle");
    DeviceRegistry.requireId(meterId, "meterId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from: must be before to, got " + from + " >= " + to);
    }
    if (limit < 1 || limit > config.queryPageSizeMax()) {
      throw new IllegalArgumentException(
          "limit: must be 1.." + config.queryPageSizeMax() + ", got " + limit);
    }
  }

  private Map<String, Register> registers(Handle handle, String meterId) {
    Optional<String> model =
        handle
            .createQuery("SELECT model FROM fis_iot.meter WHERE meter_id = :m")
            .bind("m", meterId)
            .mapTo(String.class)
            .findOne();
    Map<String, Register> registers = new LinkedHashMap<>();
    model
        .flatMap(models::model)
        .ifPresent(m -> m.registers().forEach(r -> registers.put(r.name(), r)));
    return registers;
  }

  private static Quantity quantity(Register register, long milli) {
    return Quantity.ofMilli(MeasureKind.valueOf(register.quantity().name()), milli);
  }

  private MeterAggregate toAggregate(AggregateRows.Row row, Map<String, Register> registers) {
    AggregateState s = row.state();
    RegisterLayout layout = s.layout();
    Map<String, RegisterAggregate> out = new LinkedHashMap<>();
    for (int i = 0; i < layout.size(); i++) {
      Register register = registers.get(layout.names().get(i));
      if (register == null || s.n(i) == 0) {
        continue;
      }
      if (layout.cumulative(i)) {
        out.put(
            register.name(),
            new RegisterAggregate.Cumulative(
                register,
                s.n(i),
                quantity(register, s.lo(i)),
                Sql.ofMicros(s.loAt(i)),
                quantity(register, s.hi(i)),
                Sql.ofMicros(s.hiAt(i))));
      } else {
        long average =
            new java.math.BigDecimal(BigInteger.valueOf(s.sum(i)))
                .divide(java.math.BigDecimal.valueOf(s.n(i)), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
        out.put(
            register.name(),
            new RegisterAggregate.Instantaneous(
                register,
                s.n(i),
                quantity(register, average),
                quantity(register, s.lo(i)),
                Sql.ofMicros(s.loAt(i)),
                quantity(register, s.hi(i)),
                Sql.ofMicros(s.hiAt(i))));
      }
    }
    Instant start = row.periodStart();
    return new MeterAggregate(
        row.meterId(),
        row.resolution(),
        start,
        row.resolution().periodEnd(start, config.zone()),
        s.count(),
        out);
  }

  /** Two layouts' aggregates of the same period (a meter whose model changed mid-period). */
  private static AggregateRows.Row union(AggregateRows.Row a, AggregateRows.Row b) {
    RegisterLayout layout = AggregateState.union(a.state().layout(), b.state().layout());
    return new AggregateRows.Row(
        a.meterId(),
        a.resolution(),
        a.periodStart(),
        a.layoutId(),
        AggregateState.merge(a.state().remap(layout), b.state().remap(layout)));
  }
}
