package org.fis.iot.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fis.iot.Resolution;
import org.jdbi.v3.core.Handle;

/**
 * Writes aggregate deltas into {@code fis_iot.aggregate} set-based, in two statements for all
 * levels: read the stored rows of the keys, and upsert {@link AggregateState#merge} of stored and
 * delta. The merge therefore happens exactly once, in Java, under the meter's ingest lock: there is
 * no second SQL formula that could drift from it.
 */
public final class AggregateRows {
  private AggregateRows() {}

  /** One aggregate row: its key and state. */
  public record Row(
      String meterId,
      Resolution resolution,
      Instant periodStart,
      int layoutId,
      AggregateState state) {
    /** Validates the row. */
    public Row {
      Objects.requireNonNull(meterId, "meterId");
      Objects.requireNonNull(resolution, "resolution");
      Objects.requireNonNull(periodStart, "periodStart");
      Objects.requireNonNull(state, "state");
    }

    Key key() {
      return new Key(meterId, resolution.code(), periodStart, layoutId);
    }
  }

  private record Key(String meterId, int resolution, Instant periodStart, int layoutId) {}

  /**
   * Merges the deltas (sorted by key) into the stored rows: reads the stored rows of the keys,
   * merges each with its delta by {@link AggregateState#merge}, and writes all rows with one
   * upsert. The caller must hold the meters' ingest locks (see IngestEngine), so no other
   * transaction writes these rows in between.
   */
  public static void upsert(Handle handle, List<Row> deltas, Layouts layouts) {
    if (deltas.isEmpty()) {
      return;
    }
    List<Row> storedRows = read(handle, deltas, layouts);
    Map<Key, AggregateState> stored = new HashMap<>();
    for (Row row : storedRows) {
      stored.put(row.key(), row.state());
    }
    List<Row> merged = new ArrayList<>(deltas.size());
    for (Row delta : deltas) {
      AggregateState before = stored.get(delta.key());
      merged.add(
          before == null
              ? delta
              : new Row(
                  delta.meterId(),
                  delta.resolution(),
                  delta.periodStart(),
                  delta.layoutId(),
                  AggregateState.merge(before, delta.state())));
    }
    handle
        .createUpdate(
            "INSERT INTO fis_iot.aggregate AS a (meter_id, resolution, period_start, layout_id,"
                + " count, n, sum_milli, lo_milli, lo_at_micros, hi_milli, hi_at_micros) SELECT m, r, p, l, c,"
                + " CAST(n AS bigint[]), CAST(s AS bigint[]), CAST(lo AS bigint[]), CAST(loat AS"
                + " bigint[]), CAST(hi AS bigint[]), CAST(hiat AS bigint[]) FROM "
                + UNNEST
                + " ORDER BY o ON CONFLICT (meter_id, resolution, period_start, layout_id) DO UPDATE"
                + " SET count = EXCLUDED.count, n = EXCLUDED.n, sum_milli = EXCLUDED.sum_milli,"
                + " lo_milli = EXCLUDED.lo_milli, lo_at_micros = EXCLUDED.lo_at_micros, hi_milli ="
                + " EXCLUDED.hi_milli, hi_at_micros = EXCLUDED.hi_at_micros")
        .bindArray("m", String.class, merged.stream().map(Row::meterId).toList())
        .bindArray("r", Integer.class, merged.stream().map(d -> d.resolution().code()).toList())
        .bindArray("p", String.class, merged.stream().map(d -> d.periodStart().toString()).toList())
        .bindArray("l", Integer.class, merged.stream().map(Row::layoutId).toList())
        .bindArray("c", Long.class, merged.stream().map(d -> d.state().count()).toList())
        .bindArray("n", String.class, merged.stream().map(d -> array(d.state(), 0)).toList())
        .bindArray("s", String.class, merged.stream().map(d -> array(d.state(), 1)).toList())
        .bindArray("lo", String.class, merged.stream().map(d -> array(d.state(), 2)).toList())
        .bindArray(
            "loat",
            String.class,
            merged.stream().map(d -> IngestEngine.timeArray(d.state(), true)).toList())
        .bindArray("hi", String.class, merged.stream().map(d -> array(d.state(), 3)).toList())
        .bindArray(
            "hiat",
            String.class,
            merged.stream().map(d -> IngestEngine.timeArray(d.state(), false)).toList())
        .execute();
  }

  private static final String UNNEST =
      "unnest(CAST(:m AS text[]), CAST(:r AS smallint[]), CAST(:p AS timestamptz[]), CAST(:l AS"
          + " int[]), CAST(:c AS bigint[]), CAST(:n AS text[]), CAST(:s AS text[]), CAST(:lo AS"
          + " text[]), CAST(:loat AS text[]), CAST(:hi AS text[]), CAST(:hiat AS text[])) WITH"
          + " ORDINALITY AS u(m, r, p, l, c, n, s, lo, loat, hi, hiat, o)";

  /** Reads the stored rows of the given keys. */
  private static List<Row> read(Handle handle, List<Row> keys, Layouts layouts) {
    return handle
        .createQuery(
            "SELECT a.meter_id, a.resolution, a.period_start, a.layout_id, a.count, a.n,"
                + " a.sum_milli, a.lo_milli, a.hi_milli, a.lo_at_micros, a.hi_at_micros FROM"
                + " fis_iot.aggregate a JOIN unnest(CAST(:m AS text[]), CAST(:r AS"
                + " smallint[]), CAST(:p AS timestamptz[]), CAST(:l AS int[])) AS k(m, r, p, l) ON"
                + " a.meter_id = k.m AND a.resolution = k.r AND a.period_start = k.p AND a.layout_id"
                + " = k.l")
        .bindArray("m", String.class, keys.stream().map(Row::meterId).toList())
        .bindArray("r", Integer.class, keys.stream().map(d -> d.resolution().code()).toList())
        .bindArray("p", String.class, keys.stream().map(d -> d.periodStart().toString()).toList())
        .bindArray("l", Integer.class, keys.stream().map(Row::layoutId).toList())
        .map((rs, ctx) -> read(rs, layouts))
        .list();
  }

  /** The aggregate columns {@link #read} needs, for a table aliased {@code a}. */
  public static final String COLUMNS =
      "a.meter_id, a.resolution, a.period_start, a.layout_id, a.count, a.n, a.sum_milli,"
          + " a.lo_milli, a.hi_milli, a.lo_at_micros, a.hi_at_micros";

  /** Reads an aggregate row selected with the columns of {@link #upsert}'s read. */
  public static Row read(java.sql.ResultSet rs, Layouts layouts) throws java.sql.SQLException {
    int layoutId = rs.getInt("layout_id");
    RegisterLayout layout = layouts.layout(layoutId);
    AggregateState state =
        AggregateState.of(
            layout,
            rs.getLong("count"),
            IngestEngine.longs(rs.getArray("n"), false),
            IngestEngine.longs(rs.getArray("sum_milli"), false),
            IngestEngine.longs(rs.getArray("lo_milli"), false),
            IngestEngine.longs(rs.getArray("lo_at_micros"), false),
            IngestEngine.longs(rs.getArray("hi_milli"), false),
            IngestEngine.longs(rs.getArray("hi_at_micros"), false));
    return new Row(
        rs.getString("meter_id"),
        Resolution.ofCode(rs.getInt("resolution")),
        Sql.instant(rs, "period_start"),
        layoutId,
        state);
  }

  private static String array(AggregateState s, int which) {
    int size = s.layout().size();
    long[] values = new long[size];
    for (int i = 0; i < size; i++) {
      values[i] =
          switch (which) {
            case 0 -> s.n(i);
            case 1 -> s.sum(i);
            case 2 -> s.lo(i);
            case 3 -> s.hi(i);
            default -> throw new AssertionError(which);
          };
    }
    StringBuilder out = new StringBuilder(size * 12);
    IngestEngine.appendArray(out, values, false);
    return out.toString();
  }
}
