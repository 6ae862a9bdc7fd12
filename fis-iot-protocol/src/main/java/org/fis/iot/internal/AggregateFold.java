package org.fis.iot.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fis.iot.Resolution;
import org.jdbi.v3.core.Handle;

/**
 * The fold of queued quarter hours into their day and month rows, and the read of days and months
 * as if folded: the two places that know the queue {@code fis_iot.aggregate_fold} (written by the
 * pushes, see {@link AggregateRows#QUARTER_UPSERT_SQL}).
 *
 * <p>A fold takes the oldest queued quarter hours (a bounded number), locks their meters with the
 * pushes' per-meter ingest locks (in meter order, as a push does, so the two never deadlock),
 * deletes the queue rows and reads, in the same statement, the quarter hours and the stored day and
 * month rows they fold into, merges each quarter hour's {@linkplain AggregateState#unfolded
 * unfolded part} into them with {@link AggregateState#merge} and upserts the results. All in the
 * caller's transaction: it commits whole or not at all, so a crash mid-fold loses nothing, and a
 * repeated fold finds nothing left to do. Stateless.
 */
public final class AggregateFold {
  private AggregateFold() {}

  /** What one fold did. */
  public record Outcome(int quarterHours, int rowsWritten, int meters) {}

  private record QueueKey(String meterId, Instant periodStart, int layoutId) {}

  /** Picks the oldest queued quarter hours and takes their meters' ingest locks. */
  static final String PICK_SQL =
      "WITH k AS (SELECT meter_id, period_start, layout_id FROM fis_iot.aggregate_fold ORDER BY"
          + " queued_at, meter_id, period_start, layout_id LIMIT :limit), locked AS (SELECT"
          + " count(*) AS n FROM (SELECT pg_advisory_xact_lock(hashtextextended('fis_iot.meter/'"
          + " || o.meter_id, 0)) FROM (SELECT DISTINCT meter_id FROM k ORDER BY meter_id) o) x)"
          + " SELECT k.meter_id, k.period_start, k.layout_id, locked.n FROM k CROSS JOIN locked";

  /**
   * Under the meters' locks: dequeues the picked quarter hours (those another fold took meanwhile
   * are simply gone) and reads their current rows and the day and month rows they fold into.
   */
  static final String TAKE_SQL =
      "WITH d AS (DELETE FROM fis_iot.aggregate_fold q USING unnest(CAST(:m AS text[]), CAST(:p"
          + " AS timestamptz[]), CAST(:l AS int[])) AS k(m, p, l) WHERE q.meter_id = k.m AND"
          + " q.period_start = k.p AND q.layout_id = k.l RETURNING q.meter_id, q.period_start,"
          + " q.layout_id, q.day_start, q.month_start, q.folded_count, q.folded_n,"
          + " q.folded_sum_milli)"
          + " SELECT 0 AS kind, d.day_start, d.month_start, d.folded_count, d.folded_n,"
          + " d.folded_sum_milli, "
          + AggregateRows.COLUMNS
          + " FROM d JOIN fis_iot.aggregate a ON a.meter_id = d.meter_id AND a.resolution = 0 AND"
          + " a.period_start = d.period_start AND a.layout_id = d.layout_id"
          + " UNION ALL SELECT 1, NULL, NULL, NULL, NULL, NULL, "
          + AggregateRows.COLUMNS
          + " FROM fis_iot.aggregate a JOIN (SELECT meter_id, 1 AS r, day_start AS s, layout_id"
          + " FROM d UNION SELECT meter_id, 2, month_start, layout_id FROM d) t ON a.meter_id ="
          + " t.meter_id AND a.resolution = t.r AND a.period_start = t.s AND a.layout_id ="
          + " t.layout_id";

  /**
   * Folds up to {@code limit} of the oldest queued quarter hours, in the caller's transaction
   * (which must commit for the fold to count; it holds the meters' ingest locks until then).
   *
   * @param handle the caller's handle
   * @param limit the most quarter hours to fold
   * @return what was folded
   */
  public static Outcome fold(Handle handle, int limit) {
    List<QueueKey> picked =
        handle
            .createQuery(PICK_SQL)
            .bind("limit", limit)
            .map(
                (rs, ctx) ->
                    new QueueKey(
                        rs.getString("meter_id"),
                        Sql.instant(rs, "period_start"),
                        rs.getInt("layout_id")))
            .list();
    if (picked.isEmpty()) {
      return new Outcome(0, 0, 0);
    }
    List<String> m = new ArrayList<>(picked.size());
    List<String> p = new ArrayList<>(picked.size());
    List<Integer> l = new ArrayList<>(picked.size());
    TreeSet<String> meters = new TreeSet<>();
    for (QueueKey k : picked) {
      m.add(k.meterId());
      p.add(k.periodStart().toString());
      l.add(k.layoutId());
      meters.add(k.meterId());
    }
    Layouts layouts = Layouts.load(handle, List.of());
    Map<AggregateRows.Key, AggregateState> stored = new java.util.HashMap<>();
    TreeMap<AggregateRows.Key, AggregateRows.Row> deltas = new TreeMap<>(KEY_ORDER);
    List<Taken> rows =
        handle
            .createQuery(TAKE_SQL)
            .bindArray("m", String.class, m)
            .bindArray("p", String.class, p)
            .bindArray("l", Integer.class, l)
            .map((rs, ctx) -> taken(rs, layouts))
            .list();
    int quarterHours = 0;
    for (Taken t : rows) {
      if (t.unfolded() == null) {
        stored.put(t.row().key(), t.row().state());
        continue;
      }
      quarterHours++;
      for (AggregateRows.Row target : t.targets()) {
        deltas.merge(target.key(), target, AggregateFold::merge);
      }
    }
    List<AggregateRows.Row> merged = AggregateRows.merged(new ArrayList<>(deltas.values()), stored);
    if (!merged.isEmpty()) {
      AggregateRows.bind(handle.createUpdate(AggregateRows.UPSERT_SQL), merged).execute();
    }
    return new Outcome(quarterHours, merged.size(), meters.size());
  }

  private static AggregateRows.Row merge(AggregateRows.Row a, AggregateRows.Row b) {
    return new AggregateRows.Row(
        a.meterId(),
        a.resolution(),
        a.periodStart(),
        a.layoutId(),
        AggregateState.merge(a.state(), b.state()));
  }

  private static final Comparator<AggregateRows.Key> KEY_ORDER =
      Comparator.comparing(AggregateRows.Key::meterId)
          .thenComparingInt(AggregateRows.Key::resolution)
          .thenComparing(AggregateRows.Key::periodStart)
          .thenComparingInt(AggregateRows.Key::layoutId);

  /**
   * A row of {@link #TAKE_SQL}: a stored day or month row ({@code unfolded} null), or a dequeued
   * quarter hour with the day and month deltas its unfolded part makes.
   */
  private record Taken(
      AggregateRows.Row row, AggregateState unfolded, List<AggregateRows.Row> targets) {}

  private static Taken taken(ResultSet rs, Layouts layouts) throws SQLException {
    AggregateRows.Row row = AggregateRows.read(rs, layouts);
    if (rs.getInt("kind") == 1) {
      return new Taken(row, null, List.of());
    }
    AggregateState unfolded = unfolded(rs, row.state());
    return new Taken(
        row,
        unfolded,
        List.of(
            new AggregateRows.Row(
                row.meterId(),
                Resolution.DAY,
                Sql.instant(rs, "day_start"),
                row.layoutId(),
                unfolded),
            new AggregateRows.Row(
                row.meterId(),
                Resolution.MONTH,
                Sql.instant(rs, "month_start"),
                row.layoutId(),
                unfolded)));
  }

  /** The unfolded part of a quarter hour read with its queue row's folded statistics. */
  static AggregateState unfolded(ResultSet rs, AggregateState quarter) throws SQLException {
    java.sql.Array n = rs.getArray("folded_n");
    java.sql.Array sum = rs.getArray("folded_sum_milli");
    return quarter.unfolded(
        rs.getLong("folded_count"),
        n == null ? null : IngestEngine.longs(n, false),
        sum == null ? null : IngestEngine.longs(sum, false));
  }

  /** The oldest queueing time, or empty when nothing is queued. */
  static final String OLDEST_SQL = "SELECT min(queued_at) AS oldest FROM fis_iot.aggregate_fold";

  /**
   * When the oldest queued quarter hour was queued.
   *
   * @param handle the caller's handle
   * @return the instant, or empty when nothing waits for a fold
   */
  public static Optional<Instant> oldestQueued(Handle handle) {
    return Optional.ofNullable(
        handle.createQuery(OLDEST_SQL).map((rs, ctx) -> Sql.instant(rs, "oldest")).one());
  }

  /**
   * Days or months of a meter as if every queued quarter hour were folded: the periods (at most
   * {@code :limit}) with a folded row or a queued quarter hour in range, then their folded rows
   * (kind 0) and their queued quarter hours with the folded statistics (kind 1), in period order.
   * {@code :qfrom}/{@code :qto} bound the quarter hours of those periods, so the primary key of the
   * queue prunes the scan.
   */
  private static String periodsSql(String column) {
    return "WITH p AS (SELECT q.meter_id, q.period_start, q.layout_id, q."
        + column
        + " AS period, q.folded_count, q.folded_n, q.folded_sum_milli FROM fis_iot.aggregate_fold"
        + " q WHERE q.meter_id = :m AND q.period_start >= :qfrom AND q.period_start < :qto AND q."
        + column
        + " >= :from AND q."
        + column
        + " < :to AND q."
        + column
        + " > :after), periods AS (SELECT DISTINCT period FROM ((SELECT DISTINCT a.period_start"
        + " AS period FROM fis_iot.aggregate a WHERE a.meter_id = :m AND a.resolution = :r AND"
        + " a.period_start >= :from AND a.period_start < :to AND a.period_start > :after ORDER BY"
        + " 1 LIMIT :limit) UNION ALL (SELECT DISTINCT period FROM p ORDER BY 1 LIMIT :limit)) u"
        + " ORDER BY period LIMIT :limit)"
        + " SELECT 0 AS kind, a.period_start AS period, NULL::bigint AS folded_count,"
        + " NULL::bigint[] AS folded_n, NULL::bigint[] AS folded_sum_milli, "
        + AggregateRows.COLUMNS
        + " FROM fis_iot.aggregate a JOIN periods ON a.period_start = periods.period WHERE"
        + " a.meter_id = :m AND a.resolution = :r"
        + " UNION ALL SELECT 1, p.period, p.folded_count, p.folded_n, p.folded_sum_milli, "
        + AggregateRows.COLUMNS
        + " FROM p JOIN periods ON p.period = periods.period JOIN fis_iot.aggregate a ON"
        + " a.meter_id = p.meter_id AND a.resolution = 0 AND a.period_start = p.period_start AND"
        + " a.layout_id = p.layout_id ORDER BY 2, 1, 9";
  }

  private static final String DAYS_SQL = periodsSql("day_start");
  private static final String MONTHS_SQL = periodsSql("month_start");

  /**
   * Reads the rows of at most {@code periods} days or months of a meter with period start in {@code
   * [from, to)} and after {@code after}, as if folded: each returned row carries its period (a day
   * or month start) and a state to merge into it — a folded row, or the unfolded part of a queued
   * quarter hour. In period order; several rows per period (layouts, quarter hours).
   *
   * @param handle the caller's handle
   * @param meterId the meter
   * @param resolution day or month
   * @param from range start, inclusive
   * @param to range end, exclusive
   * @param after only periods after this one
   * @param periods the most periods to read
   * @param zone the zone of days and months
   * @return the rows, each with its period as period start
   */
  public static List<AggregateRows.Row> asIfFolded(
      Handle handle,
      String meterId,
      Resolution resolution,
      Instant from,
      Instant to,
      Instant after,
      int periods,
      java.time.ZoneId zone) {
    if (resolution == Resolution.QUARTER_HOUR) {
      throw new IllegalArgumentException("resolution: quarter hours are never folded");
    }
    Layouts layouts = Layouts.load(handle, List.of());
    Instant quarterFrom = from.isAfter(after) ? from : after;
    return handle
        .createQuery(resolution == Resolution.DAY ? DAYS_SQL : MONTHS_SQL)
        .bind("m", meterId)
        .bind("r", resolution.code())
        .bind("from", Sql.utc(from))
        .bind("to", Sql.utc(to))
        .bind("after", Sql.utc(after))
        .bind("qfrom", Sql.utc(quarterFrom))
        .bind("qto", Sql.utc(periodStartAtOrAfter(resolution, to, zone)))
        .bind("limit", periods)
        .map(
            (rs, ctx) -> {
              AggregateRows.Row row = AggregateRows.read(rs, layouts);
              AggregateState state =
                  rs.getInt("kind") == 0 ? row.state() : unfolded(rs, row.state());
              return new AggregateRows.Row(
                  row.meterId(), resolution, Sql.instant(rs, "period"), row.layoutId(), state);
            })
        .list();
  }

  /** The first period start of the resolution at or after an instant. */
  static Instant periodStartAtOrAfter(Resolution resolution, Instant at, java.time.ZoneId zone) {
    Instant start = resolution.periodStart(at, zone);
    return start.equals(at) ? at : resolution.periodEnd(start, zone);
  }
}
