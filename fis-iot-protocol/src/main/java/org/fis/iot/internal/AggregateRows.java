package org.fis.iot.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fis.iot.Resolution;
import org.jdbi.v3.core.Handle;

/**
 * Writes aggregate deltas into {@code fis_iot.aggregate} set-based, in three statements for all
 * levels: insert the rows that do not exist yet, lock the ones that do (in key order), and update
 * them with {@link AggregateState#merge} of stored and delta. The merge therefore happens exactly
 * once, in Java, with the row locked: there is no second SQL formula that could drift from it.
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

  /** Merges the deltas (sorted by key, which orders the row locks) into the stored rows. */
  public static void upsert(Handle handle, List<Row> deltas, Layouts layouts) {
    if (deltas.isEmpty()) {
      return;
    }
    Set<Key> inserted = new HashSet<>();
    handle
        .createQuery(
            "INSERT INTO fis_iot.aggregate (meter_id, resolution, period_start, layout_id, count, n,"
                + " sum_milli, lo_milli, lo_at, hi_milli, hi_at) SELECT m, r, p, l, c, CAST(n AS"
                + " bigint[]), CAST(s AS bigint[]), CAST(lo AS bigint[]), CAST(loat AS"
                + " timestamptz[]), CAST(hi AS bigint[]), CAST(hiat AS timestamptz[]) FROM "
                + UNNEST
                + " ORDER BY o ON CONFLICT DO NOTHING RETURNING meter_id, resolution, period_start,"
                + " layout_id")
        .bindArray("m", String.class, deltas.stream().map(Row::meterId).toList())
        .bindArray("r", Integer.class, deltas.stream().map(d -> d.resolution().code()).toList())
        .bindArray("p", String.class, deltas.stream().map(d -> d.periodStart().toString()).toList())
        .bindArray("l", Integer.class, deltas.stream().map(Row::layoutId).toList())
        .bindArray("c", Long.class, deltas.stream().map(d -> d.state().count()).toList())
        .bindArray("n", String.class, deltas.stream().map(d -> array(d.state(), 0)).toList())
        .bindArray("s", String.class, deltas.stream().map(d -> array(d.state(), 1)).toList())
        .bindArray("lo", String.class, deltas.stream().map(d -> array(d.state(), 2)).toList())
        .bindArray(
            "loat",
            String.class,
            deltas.stream().map(d -> IngestEngine.timeArray(d.state(), true)).toList())
        .bindArray("hi", String.class, deltas.stream().map(d -> array(d.state(), 3)).toList())
        .bindArray(
            "hiat",
            String.class,
            deltas.stream().map(d -> IngestEngine.timeArray(d.state(), false)).toList())
        .map(
            (rs, ctx) ->
                new Key(
                    rs.getString(1), rs.getInt(2), Sql.instant(rs, "period_start"), rs.getInt(4)))
        .forEach(inserted::add);
    List<Row> existing = new ArrayList<>();
    for (Row delta : deltas) {
      if (!inserted.contains(delta.key())) {
        existing.add(delta);
      }
    }
    if (existing.isEmpty()) {
      return;
    }
    Map<Key, AggregateState> stored = new HashMap<>();
    for (Row row : lock(handle, existing, layouts)) {
      stored.put(row.key(), row.state());
    }
    List<Row> merged = new ArrayList<>(existing.size());
    for (Row delta : existing) {
      AggregateState before = stored.get(delta.key());
      if (before == null) {
        throw new IllegalStateException("aggregate row vanished: " + delta.key());
      }
      merged.add(
          new Row(
              delta.meterId(),
              delta.resolution(),
              delta.periodStart(),
              delta.layoutId(),
              AggregateState.merge(before, delta.state())));
    }
    handle
        .createUpdate(
            "UPDATE fis_iot.aggregate a SET count = u.c, n = CAST(u.n AS bigint[]), sum_milli ="
                + " CAST(u.s AS bigint[]), lo_milli = CAST(u.lo AS bigint[]), lo_at = CAST(u.loat AS"
                + " timestamptz[]), hi_milli = CAST(u.hi AS bigint[]), hi_at = CAST(u.hiat AS"
                + " timestamptz[]) FROM "
                + UNNEST.replace(" AS u(", " AS u(")
                + " WHERE a.meter_id = u.m AND a.resolution = u.r AND a.period_start = u.p AND"
                + " a.layout_id = u.l")
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

  /** Reads and locks the stored rows of the given keys, in key order. */
  private static List<Row> lock(Handle handle, List<Row> keys, Layouts layouts) {
    return handle
        .createQuery(
            "SELECT a.meter_id, a.resolution, a.period_start, a.layout_id, a.count, a.n,"
                + " a.sum_milli, a.lo_milli, a.hi_milli, "
                + micros("a.lo_at")
                + " AS lo_at, "
                + micros("a.hi_at")
                + " AS hi_at FROM fis_iot.aggregate a JOIN unnest(CAST(:m AS text[]), CAST(:r AS"
                + " smallint[]), CAST(:p AS timestamptz[]), CAST(:l AS int[])) AS k(m, r, p, l) ON"
                + " a.meter_id = k.m AND a.resolution = k.r AND a.period_start = k.p AND a.layout_id"
                + " = k.l ORDER BY a.meter_id, a.resolution, a.period_start, a.layout_id FOR UPDATE"
                + " OF a")
        .bindArray("m", String.class, keys.stream().map(Row::meterId).toList())
        .bindArray("r", Integer.class, keys.stream().map(d -> d.resolution().code()).toList())
        .bindArray("p", String.class, keys.stream().map(d -> d.periodStart().toString()).toList())
        .bindArray("l", Integer.class, keys.stream().map(Row::layoutId).toList())
        .map((rs, ctx) -> read(rs, layouts))
        .list();
  }

  /** SQL turning a timestamptz[] into epoch microseconds, order kept. */
  public static String micros(String column) {
    return "ARRAY(SELECT (EXTRACT(EPOCH FROM x.t) * 1000000)::bigint FROM unnest("
        + column
        + ") WITH ORDINALITY AS x(t, o) ORDER BY x.o)";
  }

  /** Reads an aggregate row selected with the columns of {@link #lock}. */
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
            IngestEngine.longs(rs.getArray("lo_at"), false),
            IngestEngine.longs(rs.getArray("hi_milli"), false),
            IngestEngine.longs(rs.getArray("hi_at"), false));
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
