package org.fis.accountingpoint.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fis.accountingpoint.Location;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of the sync: claims, local state, set-based merge writes and bookkeeping. Every method
 * runs in the caller's transaction on the caller's handle. Thread-safe (stateless).
 */
public final class SyncRepository {
  /** Bound of rows read per relation and accounting point when loading local state. */
  public static final int ROWS_PER_ACCOUNTING_POINT_MAX = 2 * ResponseParser.PERIODS_PER_LIST_MAX;

  private SyncRepository() {}

  /**
   * A claimed sync row.
   *
   * @param gsrn the accounting point
   * @param attempts consecutive failures so far
   * @param windowFrom earliest sync start of its controllable units, or null if it has none
   * @param token the claim token
   */
  public record Claim(String gsrn, int attempts, Instant windowFrom, long token) {}

  /**
   * A failed sync to record.
   *
   * @param gsrn the accounting point
   * @param error the error message (no personal data)
   * @param nextDueAt when to retry
   */
  public record Failure(String gsrn, String error, Instant nextDueAt) {}

  /** A fresh claim token from the database sequence. */
  public static long nextToken(Handle handle) {
    return handle
        .createQuery("SELECT nextval('fis_accountingpoint.sync_claim_token')")
        .mapTo(Long.class)
        .one();
  }

  /**
   * Claims up to {@code limit} due rows with SKIP LOCKED and stamps their start; in-progress rows
   * become due again when {@code timeoutAt} passes (a dead sync is reclaimable).
   */
  public static List<Claim> claimDue(Handle handle, Instant now, Duration syncTimeout, int limit) {
    return handle
        .createQuery(
            "WITH batch AS ("
                + " SELECT gsrn FROM fis_accountingpoint.sync_state"
                + " WHERE released_at IS NULL AND next_due_at <= :now"
                + " AND (sync_started_at IS NULL OR sync_started_at <= :staleBefore)"
                + " ORDER BY priority, next_due_at"
                + " LIMIT :limit FOR UPDATE SKIP LOCKED)"
                + " UPDATE fis_accountingpoint.sync_state s"
                + " SET sync_started_at = :now,"
                + " claim_token = (SELECT nextval('fis_accountingpoint.sync_claim_token')),"
                + " claimed_generation = s.event_generation, next_due_at = :timeoutAt"
                + " FROM batch WHERE s.gsrn = batch.gsrn"
                + " RETURNING s.gsrn, s.attempts, s.claim_token,"
                + " (SELECT min(c.sync_from) FROM fis_accountingpoint.controllable_unit c"
                + "  WHERE c.gsrn = s.gsrn) AS window_from")
        .bind("now", utc(now))
        .bind("staleBefore", utc(now.minus(syncTimeout)))
        .bind("timeoutAt", utc(now.plus(syncTimeout)))
        .bind("limit", limit)
        .map((rs, ctx) -> claim(rs, rs.getLong("claim_token")))
        .list();
  }

  /**
   * Claims one accounting point's row if it exists and no live sync holds it (SKIP LOCKED).
   *
   * @return the claim, or empty when the row is missing, locked or in progress
   */
  public static Optional<Claim> claimOne(
      Handle handle, String gsrn, Instant now, Duration syncTimeout, long token) {
    return handle
        .createQuery(
            "UPDATE fis_accountingpoint.sync_state s"
                + " SET sync_started_at = :now, claim_token = :token,"
                + " claimed_generation = s.event_generation, next_due_at = :timeoutAt"
                + " WHERE s.gsrn = (SELECT gsrn FROM fis_accountingpoint.sync_state"
                + "  WHERE gsrn = :gsrn"
                + "  AND (sync_started_at IS NULL OR sync_started_at <= :staleBefore)"
                + "  FOR UPDATE SKIP LOCKED)"
                + " RETURNING s.gsrn, s.attempts,"
                + " (SELECT min(c.sync_from) FROM fis_accountingpoint.controllable_unit c"
                + "  WHERE c.gsrn = s.gsrn) AS window_from")
        .bind("gsrn", gsrn)
        .bind("now", utc(now))
        .bind("staleBefore", utc(now.minus(syncTimeout)))
        .bind("timeoutAt", utc(now.plus(syncTimeout)))
        .bind("token", token)
        .map((rs, ctx) -> claim(rs, token))
        .findOne();
  }

  /**
   * Creates a sync row for an accounting point without controllable units (a lookup), already
   * released so that it is purged after the retention unless a unit is registered. No-op if the row
   * exists.
   */
  public static void ensureSyncRowForLookup(Handle handle, String gsrn, Instant now) {
    handle
        .createUpdate(
            "INSERT INTO fis_accountingpoint.sync_state"
                + " (gsrn, priority, next_due_at, released_at, created_at)"
                + " VALUES (:gsrn, 1, :now, :now, :now) ON CONFLICT (gsrn) DO UPDATE"
                + " SET released_at = EXCLUDED.released_at"
                + " WHERE sync_state.released_at IS NOT NULL")
        .bind("gsrn", gsrn)
        .bind("now", utc(now))
        .execute();
  }

  /** Locks the rows still claimed by {@code token} (a claim lost to a timeout is not returned). */
  public static Set<String> lockOwned(Handle handle, Collection<String> gsrns, long token) {
    return new HashSet<>(
        handle
            .createQuery(
                "SELECT gsrn FROM fis_accountingpoint.sync_state"
                    + " WHERE gsrn = ANY(:gsrns) AND claim_token = :token"
                    + " ORDER BY gsrn FOR UPDATE")
            .bindArray("gsrns", String.class, gsrns)
            .bind("token", token)
            .mapTo(String.class)
            .list());
  }

  /** Loads what is stored for the given accounting points (bounded per point). */
  public static Map<String, LocalState> loadLocal(Handle handle, Collection<String> gsrns) {
    Map<String, Optional<Location>> points = new HashMap<>();
    handle
        .createQuery(
            "SELECT gsrn, latitude, longitude FROM fis_accountingpoint.accounting_point"
                + " WHERE gsrn = ANY(:gsrns)")
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
    StringBuilder sql = new StringBuilder();
    for (Relation relation : Relation.values()) {
      sql.append(sql.length() == 0 ? "" : " UNION ALL ")
          .append("SELECT ")
          .append(relation.ordinal())
          .append(" AS rel, gsrn, id, ")
          .append(relation.valueExpression())
          .append(" AS v,")
          .append(" lower(valid_range) AS f, upper(valid_range) AS t FROM fis_accountingpoint.")
          .append(relation.table())
          .append(" WHERE gsrn = ANY(:gsrns)");
    }
    handle
        .createQuery(sql + " ORDER BY gsrn, rel, f LIMIT :limit")
        .bindArray("gsrns", String.class, gsrns)
        .bind("limit", gsrns.size() * Relation.values().length * ROWS_PER_ACCOUNTING_POINT_MAX)
        .map(
            (rs, ctx) -> {
              Relation relation = Relation.values()[rs.getInt("rel")];
              rows.computeIfAbsent(rs.getString("gsrn"), g -> new EnumMap<>(Relation.class))
                  .computeIfAbsent(relation, r -> new ArrayList<>())
                  .add(
                      new TimelineMerge.StoredSpan(
                          rs.getLong("id"),
                          new Span(rs.getString("v"), instant(rs, "f"), instant(rs, "t"))));
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
    List<String> newGsrns = new ArrayList<>();
    List<String> newLatitudes = new ArrayList<>();
    List<String> newLongitudes = new ArrayList<>();
    List<String> movedGsrns = new ArrayList<>();
    List<String> movedLatitudes = new ArrayList<>();
    List<String> movedLongitudes = new ArrayList<>();
    for (MergePlan plan : plans) {
      String latitude = plan.location().map(l -> l.latitude().toPlainString()).orElse(null);
      String longitude = plan.location().map(l -> l.longitude().toPlainString()).orElse(null);
      if (plan.insertAccountingPoint()) {
        newGsrns.add(plan.gsrn());
        newLatitudes.add(latitude);
        newLongitudes.add(longitude);
      } else if (plan.locationChanged()) {
        movedGsrns.add(plan.gsrn());
        movedLatitudes.add(latitude);
        movedLongitudes.add(longitude);
      }
    }
    if (!newGsrns.isEmpty()) {
      handle
          .createUpdate(
              "INSERT INTO fis_accountingpoint.accounting_point"
                  + " (gsrn, latitude, longitude, created_at)"
                  + " SELECT u.g, u.lat::numeric, u.lon::numeric, :now"
                  + " FROM unnest(:g::text[], :lat::text[], :lon::text[]) AS u(g, lat, lon)")
          .bindArray("g", String.class, newGsrns)
          .bindArray("lat", String.class, newLatitudes)
          .bindArray("lon", String.class, newLongitudes)
          .bind("now", utc(now))
          .execute();
    }
    if (!movedGsrns.isEmpty()) {
      handle
          .createUpdate(
              "UPDATE fis_accountingpoint.accounting_point a"
                  + " SET latitude = u.lat::numeric, longitude = u.lon::numeric"
                  + " FROM unnest(:g::text[], :lat::text[], :lon::text[]) AS u(g, lat, lon)"
                  + " WHERE a.gsrn = u.g")
          .bindArray("g", String.class, movedGsrns)
          .bindArray("lat", String.class, movedLatitudes)
          .bindArray("lon", String.class, movedLongitudes)
          .execute();
    }
    for (Relation relation : Relation.values()) {
      applyRelation(handle, relation, plans);
    }
  }

  private static void applyRelation(Handle handle, Relation relation, List<MergePlan> plans) {
    Rows deletes = new Rows();
    Rows shrinks = new Rows();
    Rows grows = new Rows();
    Rows inserts = new Rows();
    for (MergePlan plan : plans) {
      TimelineMerge.Diff diff = plan.diffs().get(relation);
      if (diff == null) {
        continue;
      }
      diff.deletes().forEach(id -> deletes.add(plan.gsrn(), id, null));
      diff.shrinks().forEach(c -> shrinks.add(plan.gsrn(), c.id(), c.span()));
      diff.grows().forEach(c -> grows.add(plan.gsrn(), c.id(), c.span()));
      diff.inserts().forEach(s -> inserts.add(plan.gsrn(), null, s));
    }
    String table = "fis_accountingpoint." + relation.table();
    if (!deletes.isEmpty()) {
      handle
          .createUpdate(
              "DELETE FROM "
                  + table
                  + " r USING unnest(:g::text[], :id::bigint[])"
                  + " AS u(g, id) WHERE r.gsrn = u.g AND r.id = u.id")
          .bindArray("g", String.class, deletes.gsrns)
          .bindArray("id", Long.class, deletes.ids)
          .execute();
    }
    for (Rows changes : List.of(shrinks, grows)) {
      if (!changes.isEmpty()) {
        handle
            .createUpdate(
                "UPDATE "
                    + table
                    + " r"
                    + " SET valid_range = tstzrange(u.f::timestamptz, u.t::timestamptz, '[)')"
                    + " FROM unnest(:g::text[], :id::bigint[], :f::text[], :t::text[])"
                    + " AS u(g, id, f, t) WHERE r.gsrn = u.g AND r.id = u.id")
            .bindArray("g", String.class, changes.gsrns)
            .bindArray("id", Long.class, changes.ids)
            .bindArray("f", String.class, changes.froms)
            .bindArray("t", String.class, changes.tos)
            .execute();
      }
    }
    if (!inserts.isEmpty()) {
      handle
          .createUpdate(
              "INSERT INTO "
                  + table
                  + " (gsrn, "
                  + relation.valueColumns()
                  + ", valid_range) SELECT u.g, "
                  + relation.valueFromInput()
                  + ", tstzrange(u.f::timestamptz, u.t::timestamptz, '[)')"
                  + " FROM unnest(:g::text[], :v::text[], :f::text[], :t::text[]) AS u(g, v, f, t)")
          .bindArray("g", String.class, inserts.gsrns)
          .bindArray("v", String.class, inserts.values)
          .bindArray("f", String.class, inserts.froms)
          .bindArray("t", String.class, inserts.tos)
          .execute();
    }
  }

  /** Column-wise rows for unnest. */
  private static final class Rows {
    final List<String> gsrns = new ArrayList<>();
    final List<Long> ids = new ArrayList<>();
    final List<String> values = new ArrayList<>();
    final List<String> froms = new ArrayList<>();
    final List<String> tos = new ArrayList<>();

    void add(String gsrn, Long id, Span span) {
      gsrns.add(gsrn);
      ids.add(id);
      values.add(span == null ? null : span.value());
      froms.add(span == null ? null : span.from().toString());
      tos.add(span == null || span.to() == null ? null : span.to().toString());
    }

    boolean isEmpty() {
      return gsrns.isEmpty();
    }
  }

  /**
   * Records successful syncs of rows still claimed by {@code token}: clears the claim and the
   * failure state; an event that arrived during the sync keeps the row due at once.
   */
  public static void completeSuccess(
      Handle handle, Collection<String> gsrns, long token, Instant now, Instant nextDueAt) {
    if (gsrns.isEmpty()) {
      return;
    }
    handle
        .createUpdate(
            "UPDATE fis_accountingpoint.sync_state SET sync_started_at = NULL,"
                + " claim_token = NULL, last_synced_at = :now, attempts = 0,"
                + " last_error = NULL, last_error_at = NULL,"
                + " priority = CASE WHEN event_generation > claimed_generation THEN 0 ELSE 2 END,"
                + " next_due_at = CASE WHEN event_generation > claimed_generation"
                + "   THEN CAST(:now AS timestamptz) ELSE CAST(:nextDueAt AS timestamptz) END"
                + " WHERE gsrn = ANY(:gsrns) AND claim_token = :token")
        .bindArray("gsrns", String.class, gsrns)
        .bind("token", token)
        .bind("now", utc(now))
        .bind("nextDueAt", utc(nextDueAt))
        .execute();
  }

  /** Hands claims back unsynced: the rows become due at once, without a failure. */
  public static void release(Handle handle, Collection<String> gsrns, long token, Instant now) {
    handle
        .createUpdate(
            "UPDATE fis_accountingpoint.sync_state SET sync_started_at = NULL, claim_token = NULL,"
                + " next_due_at = :now WHERE gsrn = ANY(:gsrns) AND claim_token = :token")
        .bindArray("gsrns", String.class, gsrns)
        .bind("token", token)
        .bind("now", utc(now))
        .execute();
  }

  /** Records failed syncs of rows still claimed by {@code token}, with their backoff. */
  public static void completeFailure(
      Handle handle, List<Failure> failures, long token, Instant now) {
    if (failures.isEmpty()) {
      return;
    }
    List<String> gsrns = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<String> dues = new ArrayList<>();
    for (Failure failure : failures) {
      gsrns.add(failure.gsrn());
      errors.add(failure.error());
      dues.add(failure.nextDueAt().toString());
    }
    handle
        .createUpdate(
            "UPDATE fis_accountingpoint.sync_state s SET sync_started_at = NULL,"
                + " claim_token = NULL, attempts = s.attempts + 1, last_error = u.e,"
                + " last_error_at = :now, priority = 3, next_due_at = u.d::timestamptz"
                + " FROM unnest(:g::text[], :e::text[], :d::text[]) AS u(g, e, d)"
                + " WHERE s.gsrn = u.g AND s.claim_token = :token")
        .bindArray("g", String.class, gsrns)
        .bindArray("e", String.class, errors)
        .bindArray("d", String.class, dues)
        .bind("token", token)
        .bind("now", utc(now))
        .execute();
  }

  /** An instant as a UTC {@link OffsetDateTime}, the JDBC type of timestamptz. */
  public static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(java.time.ZoneOffset.UTC);
  }

  /** Reads a nullable timestamptz column. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static Claim claim(ResultSet rs, long token) throws SQLException {
    return new Claim(
        rs.getString("gsrn"), rs.getInt("attempts"), instant(rs, "window_from"), token);
  }
}
