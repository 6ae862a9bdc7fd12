package org.fis.iot.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fis.iot.Resolution;

/**
 * Writes aggregate deltas into {@code fis_iot.aggregate} set-based, in one upsert for all levels:
 * the ingest engine reads the stored rows of the keys together with the stored readings (one
 * statement, under the meters' ingest locks), {@link #merged} merges each with its delta by {@link
 * AggregateState#merge}, and {@link #UPSERT_SQL} writes the results. The merge therefore happens
 * exactly once, in Java: there is no second SQL formula that could drift from it.
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

    /** The row's key. */
    public Key key() {
      return new Key(meterId, resolution.code(), periodStart, layoutId);
    }
  }

  /** The key of an aggregate row. */
  public record Key(String meterId, int resolution, Instant periodStart, int layoutId) {}

  /**
   * The deltas (sorted by key) merged with the stored rows of their keys by {@link
   * AggregateState#merge}: the rows {@link #UPSERT_SQL} writes. {@code stored} must hold every
   * stored row of the deltas' keys, read under the meters' ingest locks (see IngestEngine), so that
   * no other transaction writes these rows in between.
   */
  public static List<Row> merged(List<Row> deltas, Map<Key, AggregateState> stored) {
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
    return merged;
  }

  /**
   * Writes merged rows (see {@link #merged}) with one upsert. Its parameters are bound by {@link
   * #bind}: the keys as arrays, and every row's six statistics arrays concatenated into one {@code
   * bigint[]} sent in binary (row {@code o} of width {@code w} starts at {@code s}), which the
   * statement slices back into columns. Rows are written in key order, so concurrent writers lock
   * them in one order.
   */
  public static final String UPSERT_SQL =
      "INSERT INTO fis_iot.aggregate AS a (meter_id, resolution, period_start, layout_id, count, n,"
          + " sum_milli, lo_milli, lo_at_micros, hi_milli, hi_at_micros) SELECT u.m, u.r, u.p, u.l,"
          + " u.c, x.v[u.s : u.s + u.w - 1], x.v[u.s + u.w : u.s + 2 * u.w - 1],"
          + " x.v[u.s + 2 * u.w : u.s + 3 * u.w - 1], x.v[u.s + 3 * u.w : u.s + 4 * u.w - 1],"
          + " x.v[u.s + 4 * u.w : u.s + 5 * u.w - 1], x.v[u.s + 5 * u.w : u.s + 6 * u.w - 1]"
          + " FROM unnest(CAST(:am AS text[]), CAST(:ar AS smallint[]), CAST(:ap AS"
          + " timestamptz[]), CAST(:al AS int[]), CAST(:ac AS bigint[]), CAST(:as AS int[]),"
          + " CAST(:aw AS int[])) WITH ORDINALITY AS u(m, r, p, l, c, s, w, o)"
          + " CROSS JOIN (SELECT CAST(:av AS bigint[]) AS v) x"
          + " ORDER BY u.o ON CONFLICT (meter_id, resolution, period_start, layout_id) DO UPDATE"
          + " SET count = EXCLUDED.count, n = EXCLUDED.n, sum_milli = EXCLUDED.sum_milli,"
          + " lo_milli = EXCLUDED.lo_milli, lo_at_micros = EXCLUDED.lo_at_micros, hi_milli ="
          + " EXCLUDED.hi_milli, hi_at_micros = EXCLUDED.hi_at_micros";

  /**
   * A quarter hour to queue for the fold (see {@link #QUARTER_UPSERT_SQL}), aligned with a merged
   * row: its day and month starts and its state before the push ({@code null} when new), whose
   * counts and sums the day and month rows hold when the quarter hour is not queued yet.
   */
  public record Queued(Instant dayStart, Instant monthStart, AggregateState before) {
    /** Validates the entry. */
    public Queued {
      Objects.requireNonNull(dayStart, "dayStart");
      Objects.requireNonNull(monthStart, "monthStart");
    }
  }

  /**
   * {@link #UPSERT_SQL} of quarter-hour rows, which also queues each of them in {@code
   * fis_iot.aggregate_fold} unless it is queued already (then its recorded folded statistics stay
   * right: nothing was folded since). Bound by {@link #bind} and {@link #bindQueued}; the folded
   * counts and sums of row {@code o} are {@code :qv[s : s + 2w - 1]} (NULL start: never folded).
   */
  public static final String QUARTER_UPSERT_SQL =
      "WITH queued AS (INSERT INTO fis_iot.aggregate_fold AS q (meter_id, period_start,"
          + " layout_id, day_start, month_start, queued_at, folded_count, folded_n,"
          + " folded_sum_milli) SELECT u.m, u.p, u.l, u.d, u.mo, CAST(:qnow AS timestamptz), u.c,"
          + " y.v[u.s : u.s + u.w - 1], y.v[u.s + u.w : u.s + 2 * u.w - 1] FROM unnest(CAST(:am"
          + " AS text[]), CAST(:ap AS timestamptz[]), CAST(:al AS int[]), CAST(:qd AS"
          + " timestamptz[]), CAST(:qm AS timestamptz[]), CAST(:qc AS bigint[]), CAST(:qs AS"
          + " int[]), CAST(:aw AS int[])) WITH ORDINALITY AS u(m, p, l, d, mo, c, s, w, o) CROSS"
          + " JOIN (SELECT CAST(:qv AS bigint[]) AS v) y ORDER BY u.o ON CONFLICT (meter_id,"
          + " period_start, layout_id) DO NOTHING) "
          + UPSERT_SQL;

  /**
   * Binds the queue entries of {@link #QUARTER_UPSERT_SQL} (the rows themselves by {@link #bind}).
   *
   * @param statement the statement, rows already bound
   * @param queued one entry per bound row, in the same order
   * @param now the queueing time (the lag of the fold is measured from it)
   * @return the statement
   */
  public static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindQueued(
      S statement, List<Queued> queued, Instant now) {
    int size = queued.size();
    List<String> d = new ArrayList<>(size);
    List<String> mo = new ArrayList<>(size);
    List<Long> c = new ArrayList<>(size);
    List<Integer> starts = new ArrayList<>(size);
    int total = 0;
    for (Queued q : queued) {
      if (q.before() != null) {
        total = Math.addExact(total, Math.multiplyExact(2, q.before().layout().size()));
      }
    }
    long[] values = new long[total];
    int at = 0;
    for (Queued q : queued) {
      d.add(q.dayStart().toString());
      mo.add(q.monthStart().toString());
      AggregateState before = q.before();
      if (before == null) {
        c.add(0L);
        starts.add(null);
        continue;
      }
      int w = before.layout().size();
      c.add(before.count());
      starts.add(at + 1);
      for (int i = 0; i < w; i++) {
        values[at + i] = before.n(i);
        values[at + w + i] = before.sum(i);
      }
      at += 2 * w;
    }
    return statement
        .bindArray("qd", String.class, d)
        .bindArray("qm", String.class, mo)
        .bindArray("qc", Long.class, c)
        .bindArray("qs", Integer.class, starts)
        .bind("qv", Sql.binaryLongs(values))
        .bind("qnow", now.toString());
  }

  /** Binds the rows to the parameters of {@link #UPSERT_SQL}. */
  public static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bind(
      S statement, List<Row> rows) {
    int size = rows.size();
    List<String> m = new ArrayList<>(size);
    List<Integer> r = new ArrayList<>(size);
    List<String> p = new ArrayList<>(size);
    List<Integer> l = new ArrayList<>(size);
    List<Long> c = new ArrayList<>(size);
    List<Integer> starts = new ArrayList<>(size);
    List<Integer> widths = new ArrayList<>(size);
    int total = 0;
    for (Row row : rows) {
      total = Math.addExact(total, Math.multiplyExact(6, row.state().layout().size()));
    }
    long[] values = new long[total];
    int at = 0;
    for (Row row : rows) {
      AggregateState state = row.state();
      int w = state.layout().size();
      m.add(row.meterId());
      r.add(row.resolution().code());
      p.add(row.periodStart().toString());
      l.add(row.layoutId());
      c.add(state.count());
      starts.add(at + 1);
      widths.add(w);
      for (int i = 0; i < w; i++) {
        values[at + i] = state.n(i);
        values[at + w + i] = state.sum(i);
        values[at + 2 * w + i] = state.lo(i);
        values[at + 3 * w + i] = state.loAt(i);
        values[at + 4 * w + i] = state.hi(i);
        values[at + 5 * w + i] = state.hiAt(i);
      }
      at += 6 * w;
    }
    return statement
        .bindArray("am", String.class, m)
        .bindArray("ar", Integer.class, r)
        .bindArray("ap", String.class, p)
        .bindArray("al", Integer.class, l)
        .bindArray("ac", Long.class, c)
        .bindArray("as", Integer.class, starts)
        .bindArray("aw", Integer.class, widths)
        .bind("av", Sql.binaryLongs(values));
  }

  /** The aggregate columns {@link #read} needs, for a table aliased {@code a}. */
  public static final String COLUMNS =
      "a.meter_id, a.resolution, a.period_start, a.layout_id, a.count, a.n, a.sum_milli,"
          + " a.lo_milli, a.hi_milli, a.lo_at_micros, a.hi_at_micros";

  /** Reads an aggregate row selected with the {@link #COLUMNS} (as the upsert's read does). */
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
}
