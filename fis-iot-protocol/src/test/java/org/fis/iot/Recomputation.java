package org.fis.iot;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fis.iot.internal.AggregateRows;
import org.fis.iot.internal.AggregateState;
import org.fis.iot.internal.IngestEngine;
import org.fis.iot.internal.Layouts;
import org.fis.iot.internal.RegisterLayout;
import org.fis.iot.internal.Sql;
import org.jdbi.v3.core.Handle;

/**
 * The test oracle: recomputes every aggregate of some meters from scratch from the raw rows, with
 * straightforward loops (not the merge function), and reads the stored aggregates.
 */
final class Recomputation {
  private Recomputation() {}

  record Raw(String meterId, Instant at, RegisterLayout layout, int layoutId, long[] values) {}

  /**
   * The aggregates of the meters as every reader sees them, keyed by
   * "meter|resolution|start|layout": the stored rows, with the unfolded part of every quarter hour
   * still queued for the fold merged into its day and month (the contract: as if everything were
   * folded).
   */
  static Map<String, AggregateState> stored(Handle h, List<String> meters) {
    Layouts layouts = Layouts.load(h, List.of());
    Map<String, AggregateState> out = storedRows(h, meters);
    h.createQuery(
            "SELECT q.day_start, q.month_start, q.folded_count, q.folded_n, q.folded_sum_milli, "
                + AggregateRows.COLUMNS
                + " FROM fis_iot.aggregate_fold q JOIN fis_iot.aggregate a ON a.meter_id ="
                + " q.meter_id AND a.resolution = 0 AND a.period_start = q.period_start AND"
                + " a.layout_id = q.layout_id WHERE q.meter_id = ANY(:m)")
        .bindArray("m", String.class, meters)
        .map(
            (rs, ctx) -> {
              AggregateRows.Row quarter = AggregateRows.read(rs, layouts);
              Long[] n =
                  rs.getArray("folded_n") == null
                      ? null
                      : (Long[]) rs.getArray("folded_n").getArray();
              Long[] sum =
                  rs.getArray("folded_sum_milli") == null
                      ? null
                      : (Long[]) rs.getArray("folded_sum_milli").getArray();
              AggregateState unfolded =
                  quarter.state().unfolded(rs.getLong("folded_count"), unboxed(n), unboxed(sum));
              return List.of(
                  Map.entry(
                      key(
                          quarter.meterId(),
                          Resolution.DAY,
                          Sql.instant(rs, "day_start"),
                          quarter.layoutId()),
                      unfolded),
                  Map.entry(
                      key(
                          quarter.meterId(),
                          Resolution.MONTH,
                          Sql.instant(rs, "month_start"),
                          quarter.layoutId()),
                      unfolded));
            })
        .forEach(
            entries ->
                entries.forEach(e -> out.merge(e.getKey(), e.getValue(), AggregateState::merge)));
    return out;
  }

  private static long[] unboxed(Long[] boxed) {
    if (boxed == null) {
      return null;
    }
    long[] out = new long[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      out[i] = boxed[i];
    }
    return out;
  }

  /** Quarter hours queued for the fold, of all meters. */
  static long queued(Handle h) {
    return h.createQuery("SELECT count(*) FROM fis_iot.aggregate_fold").mapTo(Long.class).one();
  }

  /** The rows stored in the aggregate table (without the queue), keyed as {@link #stored}. */
  static Map<String, AggregateState> storedRows(Handle h, List<String> meters) {
    Layouts layouts = Layouts.load(h, List.of());
    Map<String, AggregateState> out = new TreeMap<>();
    h.createQuery(
            "SELECT "
                + AggregateRows.COLUMNS
                + " FROM fis_iot.aggregate a WHERE a.meter_id = ANY(:m)")
        .bindArray("m", String.class, meters)
        .map((rs, ctx) -> AggregateRows.read(rs, layouts))
        .forEach(
            r ->
                out.put(
                    key(r.meterId(), r.resolution(), r.periodStart(), r.layoutId()), r.state()));
    return out;
  }

  /** Aggregates recomputed from the raw rows of the meters. */
  static Map<String, AggregateState> recomputed(Handle h, List<String> meters, ZoneId zone) {
    Layouts layouts = Layouts.load(h, List.of());
    List<Raw> raws =
        h.createQuery(
                "SELECT meter_id, reading_time, layout_id, values_milli FROM fis_iot.raw_measurement"
                    + " WHERE meter_id = ANY(:m)")
            .bindArray("m", String.class, meters)
            .map(
                (rs, ctx) -> {
                  Long[] boxed = (Long[]) rs.getArray("values_milli").getArray();
                  long[] values = new long[boxed.length];
                  for (int i = 0; i < boxed.length; i++) {
                    values[i] = boxed[i] == null ? AggregateState.ABSENT : boxed[i];
                  }
                  return new Raw(
                      rs.getString("meter_id"),
                      Sql.instant(rs, "reading_time"),
                      layouts.layout(rs.getInt("layout_id")),
                      rs.getInt("layout_id"),
                      values);
                })
            .list();
    Map<String, List<Raw>> groups = new TreeMap<>();
    for (Raw raw : raws) {
      for (Resolution resolution : Resolution.values()) {
        groups
            .computeIfAbsent(
                key(
                    raw.meterId(),
                    resolution,
                    resolution.periodStart(raw.at(), zone),
                    raw.layoutId()),
                k -> new ArrayList<>())
            .add(raw);
      }
    }
    Map<String, AggregateState> out = new TreeMap<>();
    groups.forEach((key, group) -> out.put(key, fromScratch(group)));
    return out;
  }

  private static AggregateState fromScratch(List<Raw> group) {
    RegisterLayout layout = group.get(0).layout();
    int size = layout.size();
    long[] n = new long[size];
    long[] sum = new long[size];
    long[] lo = new long[size];
    long[] loAt = new long[size];
    long[] hi = new long[size];
    long[] hiAt = new long[size];
    for (int i = 0; i < size; i++) {
      for (Raw raw : group) {
        long v = raw.values()[i];
        if (v == AggregateState.ABSENT) {
          continue;
        }
        long at = Sql.micros(raw.at());
        boolean first = n[i] == 0;
        n[i]++;
        if (layout.cumulative(i)) {
          if (first || at < loAt[i]) {
            lo[i] = v;
            loAt[i] = at;
          }
          if (first || at > hiAt[i]) {
            hi[i] = v;
            hiAt[i] = at;
          }
        } else {
          sum[i] += v;
          if (first || v < lo[i] || (v == lo[i] && at < loAt[i])) {
            lo[i] = v;
            loAt[i] = at;
          }
          if (first || v > hi[i] || (v == hi[i] && at < hiAt[i])) {
            hi[i] = v;
            hiAt[i] = at;
          }
        }
      }
    }
    return AggregateState.of(layout, group.size(), n, sum, lo, loAt, hi, hiAt);
  }

  static String key(String meter, Resolution resolution, Instant start, int layoutId) {
    return meter + "|" + resolution + "|" + start + "|" + layoutId;
  }

  static long magnitudeMax() {
    return IngestEngine.MILLI_MAGNITUDE_MAX;
  }
}
