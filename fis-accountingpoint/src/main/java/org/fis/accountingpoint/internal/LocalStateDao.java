package org.fis.accountingpoint.internal;

import static org.fis.accountingpoint.internal.SyncStateDao.instant;
import static org.fis.accountingpoint.internal.SyncStateDao.utc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fis.accountingpoint.Location;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of the local model: loading what is stored and applying merge plans set-based. Every
 * method runs on the caller's handle in the caller's transaction. Stateless and thread-safe.
 *
 * <p>The per-relation statements are the same templates with the relation's table and columns fixed
 * once, when the class loads; nothing is assembled per call.
 */
public final class LocalStateDao {
  /** Bound of rows read per relation and accounting point when loading local state. */
  public static final int ROWS_PER_ACCOUNTING_POINT_MAX = 2 * ResponseParser.PERIODS_PER_LIST_MAX;

  private static final String LOAD_POINTS = Sql.of(LocalStateDao.class, "loadPoints");
  private static final String LOAD_RELATIONS = loadRelations();
  private static final String INSERT_POINTS = Sql.of(LocalStateDao.class, "insertPoints");
  private static final String MOVE_POINTS = Sql.of(LocalStateDao.class, "movePoints");
  private static final Map<Relation, String> DELETE_ROWS = perRelation("deleteRows");
  private static final Map<Relation, String> UPDATE_RANGES = perRelation("updateRanges");
  private static final Map<Relation, String> INSERT_ROWS = insertRows();

  private LocalStateDao() {}

  private static String loadRelations() {
    List<String> parts = new ArrayList<>();
    for (Relation relation : Relation.values()) {
      String part = Sql.of(LocalStateDao.class, "loadRelation", "table", relation.table());
      part = part.replace("<rel>", Integer.toString(relation.ordinal()));
      parts.add(part.replace("<value>", relation.valueExpression()).trim());
    }
    return String.join(" UNION ALL ", parts) + " ORDER BY gsrn, rel, f LIMIT :limit";
  }

  private static Map<Relation, String> perRelation(String name) {
    Map<Relation, String> statements = new EnumMap<>(Relation.class);
    for (Relation relation : Relation.values()) {
      statements.put(relation, Sql.of(LocalStateDao.class, name, "table", relation.table()));
    }
    return statements;
  }

  private static Map<Relation, String> insertRows() {
    Map<Relation, String> statements = new EnumMap<>(Relation.class);
    for (Relation relation : Relation.values()) {
      statements.put(
          relation,
          Sql.of(LocalStateDao.class, "insertRows", "table", relation.table())
              .replace("<columns>", relation.valueColumns())
              .replace("<values>", relation.valueFromInput()));
    }
    return statements;
  }

  /** Loads what is stored for the given accounting points (bounded per point). */
  public static Map<String, LocalState> load(Handle handle, Collection<String> gsrns) {
    Map<String, Optional<Location>> points = new HashMap<>();
    handle
        .createQuery(LOAD_POINTS)
        .bindArray("gsrns", String.class, gsrns)
        .map(
            (rs, ctx) -> {
              BigDecimal latitude = rs.getBigDecimal("latitude");
              points.put(
                  rs.getString("gsrn"),
                  latitude == null
                      ? Optional.empty()
                      : Optional.of(new Location(latitude, rs.getBigDecimal("longitude"))));
              return 0;
            })
        .list();
    Map<String, Map<Relation, List<TimelineMerge.StoredSpan>>> rows = new HashMap<>();
    handle
        .createQuery(LOAD_RELATIONS)
        .bindArray("gsrns", String.class, gsrns)
        .bind("limit", gsrns.size() * Relation.values().length * ROWS_PER_ACCOUNTING_POINT_MAX)
        .map(
            (rs, ctx) -> {
              Relation relation = Relation.values()[rs.getInt("rel")];
              Span span =
                  new Span(
                      rs.getString("v"),
                      instant(rs, "f").orElseThrow(),
                      instant(rs, "t").orElse(null));
              rows.computeIfAbsent(rs.getString("gsrn"), g -> new EnumMap<>(Relation.class))
                  .computeIfAbsent(relation, r -> new ArrayList<>())
                  .add(new TimelineMerge.StoredSpan(rs.getLong("id"), span));
              return 0;
            })
        .list();
    Map<String, LocalState> states = new HashMap<>();
    for (String gsrn : gsrns) {
      if (!points.containsKey(gsrn)) {
        states.put(gsrn, LocalState.absent(gsrn));
        continue;
      }
      Map<Relation, List<TimelineMerge.StoredSpan>> relations = new EnumMap<>(Relation.class);
      Map<Relation, List<TimelineMerge.StoredSpan>> found = rows.getOrDefault(gsrn, Map.of());
      for (Relation relation : Relation.values()) {
        relations.put(relation, found.getOrDefault(relation, List.of()));
      }
      states.put(gsrn, new LocalState(gsrn, true, points.get(gsrn), relations));
    }
    return states;
  }

  /**
   * Executes the plans set-based: new accounting points, locations, then per relation deletes,
   * shrinks, grows and inserts (the order that keeps the exclusion constraints satisfied).
   */
  public static void apply(Handle handle, List<MergePlan> plans, Instant now) {
    Columns created = new Columns();
    Columns moved = new Columns();
    for (MergePlan plan : plans) {
      if (plan.insertAccountingPoint()) {
        created.addPoint(plan);
      } else if (plan.locationChanged()) {
        moved.addPoint(plan);
      }
    }
    if (!created.isEmpty()) {
      handle
          .createUpdate(INSERT_POINTS)
          .bindArray("g", String.class, created.gsrns)
          .bindArray("lat", String.class, created.values)
          .bindArray("lon", String.class, created.tos)
          .bind("now", utc(now))
          .execute();
    }
    if (!moved.isEmpty()) {
      handle
          .createUpdate(MOVE_POINTS)
          .bindArray("g", String.class, moved.gsrns)
          .bindArray("lat", String.class, moved.values)
          .bindArray("lon", String.class, moved.tos)
          .execute();
    }
    for (Relation relation : Relation.values()) {
      applyRelation(handle, relation, plans);
    }
  }

  private static void applyRelation(Handle handle, Relation relation, List<MergePlan> plans) {
    Columns deletes = new Columns();
    Columns shrinks = new Columns();
    Columns grows = new Columns();
    Columns inserts = new Columns();
    for (MergePlan plan : plans) {
      TimelineMerge.Diff diff = plan.diffs().get(relation);
      if (diff == null) {
        continue;
      }
      diff.deletes().forEach(id -> deletes.addId(plan.gsrn(), id));
      diff.shrinks().forEach(c -> shrinks.addChange(plan.gsrn(), c.id(), c.span()));
      diff.grows().forEach(c -> grows.addChange(plan.gsrn(), c.id(), c.span()));
      diff.inserts().forEach(s -> inserts.addSpan(plan.gsrn(), s));
    }
    if (!deletes.isEmpty()) {
      handle
          .createUpdate(DELETE_ROWS.get(relation))
          .bindArray("g", String.class, deletes.gsrns)
          .bindArray("id", Long.class, deletes.ids)
          .execute();
    }
    for (Columns changes : List.of(shrinks, grows)) {
      if (!changes.isEmpty()) {
        handle
            .createUpdate(UPDATE_RANGES.get(relation))
            .bindArray("g", String.class, changes.gsrns)
            .bindArray("id", Long.class, changes.ids)
            .bindArray("f", String.class, changes.froms)
            .bindArray("t", String.class, changes.tos)
            .execute();
      }
    }
    if (!inserts.isEmpty()) {
      handle
          .createUpdate(INSERT_ROWS.get(relation))
          .bindArray("g", String.class, inserts.gsrns)
          .bindArray("v", String.class, inserts.values)
          .bindArray("f", String.class, inserts.froms)
          .bindArray("t", String.class, inserts.tos)
          .execute();
    }
  }

  /** Column-wise rows for unnest; SQL NULL where a column does not apply. */
  private static final class Columns {
    final List<String> gsrns = new ArrayList<>();
    final List<Long> ids = new ArrayList<>();
    final List<String> values = new ArrayList<>();
    final List<String> froms = new ArrayList<>();
    final List<String> tos = new ArrayList<>();

    /** A point row: latitude in {@code values}, longitude in {@code tos}. */
    void addPoint(MergePlan plan) {
      gsrns.add(plan.gsrn());
      values.add(plan.location().map(l -> l.latitude().toPlainString()).orElse(null));
      tos.add(plan.location().map(l -> l.longitude().toPlainString()).orElse(null));
    }

    void addId(String gsrn, long id) {
      gsrns.add(gsrn);
      ids.add(id);
    }

    void addChange(String gsrn, long id, Span span) {
      addId(gsrn, id);
      addRange(span);
    }

    void addSpan(String gsrn, Span span) {
      gsrns.add(gsrn);
      values.add(span.value());
      addRange(span);
    }

    private void addRange(Span span) {
      froms.add(span.from().toString());
      tos.add(span.to() == null ? null : span.to().toString());
    }

    boolean isEmpty() {
      return gsrns.isEmpty();
    }
  }
}
