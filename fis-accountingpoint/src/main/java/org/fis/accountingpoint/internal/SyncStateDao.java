package org.fis.accountingpoint.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The SQL of the sync bookkeeping ({@code sync_state}): claims, outcomes, hand-backs. Every method
 * runs on the caller's handle in the caller's transaction. Stateless and thread-safe.
 *
 * <p>Citus: every statement that locks rows names one accounting point ({@code gsrn = :gsrn}) or
 * the rows of one claim ({@code gsrn = ANY(...) AND claim_token = :token}, no SKIP LOCKED); the
 * background claim reads its candidates without locks and claims each with a single-row statement,
 * sent together as one JDBC batch.
 */
public final class SyncStateDao {
  /**
   * Candidates read per claimed row: room for the rows other workers claim meanwhile (they are
   * skipped, in claim order), so that a worker rarely finds a whole window taken and goes idle.
   */
  public static final int CANDIDATES_PER_CLAIM = 8;

  /** Candidate reads per claim when every candidate was taken by other workers meanwhile. */
  public static final int CLAIM_ROUNDS_MAX = 5;

  /**
   * Most candidates one read takes when the window makes room for every sibling's batch (a pool of
   * many workers with large batches reads at most this many, and at least {@code limit ×} {@link
   * #CANDIDATES_PER_CLAIM}).
   */
  public static final int CANDIDATE_WINDOW_MAX = 4_096;

  private static final String NEXT_TOKEN = Sql.of(SyncStateDao.class, "nextToken");
  private static final String DUE_CANDIDATES = Sql.of(SyncStateDao.class, "dueCandidates");
  private static final String CLAIM_DUE_ROW = Sql.of(SyncStateDao.class, "claimDueRow");
  private static final String CLAIMED_ROWS = Sql.of(SyncStateDao.class, "claimedRows");
  private static final String CLAIM_ONE = Sql.of(SyncStateDao.class, "claimOne");
  private static final String ENSURE_LOOKUP_ROW = Sql.of(SyncStateDao.class, "ensureLookupRow");
  private static final String LOCK_OWNED = Sql.of(SyncStateDao.class, "lockOwned");
  private static final String COMPLETE_SUCCESS = Sql.of(SyncStateDao.class, "completeSuccess");
  private static final String RELEASE = Sql.of(SyncStateDao.class, "release");
  private static final String COMPLETE_FAILURE = Sql.of(SyncStateDao.class, "completeFailure");
  private static final String EXISTS = Sql.of(SyncStateDao.class, "exists");
  private static final String LOOKUP_STATE = Sql.of(SyncStateDao.class, "lookupState");

  private SyncStateDao() {}

  /**
   * A claimed sync row.
   *
   * @param gsrn the accounting point
   * @param attempts consecutive failures so far
   * @param unitsFrom earliest sync start of its controllable units; empty if it has none
   * @param token the claim token
   */
  public record Claim(String gsrn, int attempts, Optional<Instant> unitsFrom, long token) {}

  /**
   * A failed sync to record.
   *
   * @param gsrn the accounting point
   * @param error the error message (no personal data)
   * @param nextDueAt when to retry
   */
  public record Failure(String gsrn, String error, Instant nextDueAt) {}

  /**
   * What a lookup needs to know of a stored sync row.
   *
   * @param lastSyncedAt the last successful sync; empty if never
   * @param unitsFrom earliest sync start of its controllable units; empty if it has none
   */
  public record LookupState(Optional<Instant> lastSyncedAt, Optional<Instant> unitsFrom) {
    /** The state of an accounting point without a sync row. */
    public static final LookupState NONE = new LookupState(Optional.empty(), Optional.empty());
  }

  /** A fresh claim token from the database sequence. */
  public static long nextToken(Handle handle) {
    return handle.createQuery(NEXT_TOKEN).mapTo(Long.class).one();
  }

  /**
   * Which part of the candidate window a claimer tries first: claimer {@code index} of {@code
   * count} sibling claimers (the workers of one pool) takes the candidates whose accounting point
   * hashes to its index before any other. Siblings that claim at the same moment then lock disjoint
   * rows instead of walking the same rows in the same order and skipping each other's (one wasted
   * round trip per row a sibling holds). A lone claimer is {@link #ALONE}.
   *
   * @param index this claimer, in {@code [0, count)}
   * @param count the sibling claimers, at least 1
   */
  public record Share(int index, int count) {
    /** A claimer with no siblings: exact claim order. */
    public static final Share ALONE = new Share(0, 1);

    /** Validates the share. */
    public Share {
      if (count < 1 || index < 0 || index >= count) {
        throw new IllegalArgumentException(
            "share: index must be within [0, count) and count at least 1, got "
                + index
                + " of "
                + count);
      }
    }

    /**
     * How many rows to claim: the full {@code limit} while the window is full (more is due than the
     * window holds), otherwise an even part of what is left, so that at the end of a backlog the
     * siblings share the last rows instead of one of them fetching a full batch while the others
     * idle (a lone claimer takes up to {@code limit}).
     */
    int fairPart(int limit, int candidates, int window) {
      if (candidates >= window) {
        return limit;
      }
      return Math.min(limit, Math.max(1, (candidates + count - 1) / count));
    }

    boolean owns(String gsrn) {
      return Math.floorMod(gsrn.hashCode(), count) == index;
    }

    /**
     * The candidates in the order to try them: this share's in claim order, then the siblings'
     * (also in claim order) to take over their work when this share runs short.
     */
    List<String> order(List<String> candidates) {
      if (count == 1) {
        return candidates;
      }
      List<String> ordered = new ArrayList<>(candidates.size());
      List<String> others = new ArrayList<>(candidates.size());
      for (String gsrn : candidates) {
        (owns(gsrn) ? ordered : others).add(gsrn);
      }
      ordered.addAll(others);
      return ordered;
    }
  }

  /**
   * Claims up to {@code limit} due rows in claim order (priority, then oldest due) under one token
   * and stamps their start; in-progress rows become due again when their start is older than the
   * sync timeout. Rows another worker holds are skipped, not waited for. The window of candidates
   * read holds room for every sibling's batch; {@code share} says which of them to try first.
   */
  public static List<Claim> claimDue(
      Handle handle, Instant now, Duration syncTimeout, int limit, Share share) {
    long token = nextToken(handle);
    List<String> claimed = new ArrayList<>(limit);
    int window =
        Math.max(
            limit * CANDIDATES_PER_CLAIM,
            (int) Math.min((long) limit * share.count(), CANDIDATE_WINDOW_MAX));
    for (int round = 0; round < CLAIM_ROUNDS_MAX && claimed.isEmpty(); round++) {
      List<String> candidates =
          handle
              .createQuery(DUE_CANDIDATES)
              .bind("now", utc(now))
              .bind("staleBefore", utc(now.minus(syncTimeout)))
              .bind("limit", window)
              .mapTo(String.class)
              .list();
      if (candidates.isEmpty()) {
        break;
      }
      List<String> ordered = share.order(candidates);
      int wanted = share.fairPart(limit, candidates.size(), window);
      // Each chunk asks for exactly the rows still missing; rows taken meanwhile cost no more than
      // their place in the next chunk.
      for (int next = 0; claimed.size() < wanted && next < ordered.size(); ) {
        int end = Math.min(ordered.size(), next + wanted - claimed.size());
        claimed.addAll(claimRows(handle, ordered.subList(next, end), now, syncTimeout, token));
        next = end;
      }
    }
    return claimed.isEmpty() ? List.of() : claimedRows(handle, claimed, token);
  }

  /** Sends one single-row claim per candidate as one JDBC batch; returns the ones claimed. */
  private static List<String> claimRows(
      Handle handle, List<String> gsrns, Instant now, Duration syncTimeout, long token) {
    PreparedBatch batch = handle.prepareBatch(CLAIM_DUE_ROW);
    OffsetDateTime at = utc(now);
    OffsetDateTime staleBefore = utc(now.minus(syncTimeout));
    OffsetDateTime timeoutAt = utc(now.plus(syncTimeout));
    for (String gsrn : gsrns) {
      batch
          .bind("gsrn", gsrn)
          .bind("now", at)
          .bind("staleBefore", staleBefore)
          .bind("timeoutAt", timeoutAt)
          .bind("token", token)
          .add();
    }
    int[] counts = batch.execute();
    List<String> claimed = new ArrayList<>(gsrns.size());
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 1) {
        claimed.add(gsrns.get(i));
      }
    }
    return claimed;
  }

  /** The claimed rows, in the order they were claimed. */
  private static List<Claim> claimedRows(Handle handle, List<String> gsrns, long token) {
    Map<String, Claim> byGsrn = new HashMap<>();
    handle
        .createQuery(CLAIMED_ROWS)
        .bindArray("gsrns", String.class, gsrns)
        .bind("token", token)
        .map(
            (rs, ctx) ->
                new Claim(
                    rs.getString("gsrn"), rs.getInt("attempts"), instant(rs, "window_from"), token))
        .forEach(c -> byGsrn.put(c.gsrn(), c));
    List<Claim> claims = new ArrayList<>(gsrns.size());
    for (String gsrn : gsrns) {
      Claim claim = byGsrn.get(gsrn);
      if (claim == null) {
        throw new IllegalStateException("claimed row vanished in its own transaction: " + gsrn);
      }
      claims.add(claim);
    }
    return claims;
  }

  /**
   * Claims one accounting point's row if it exists and no live sync holds it.
   *
   * @return the claim, or empty when the row is missing, locked or in progress
   */
  public static Optional<Claim> claimOne(
      Handle handle, String gsrn, Instant now, Duration syncTimeout, long token) {
    return claim(handle, CLAIM_ONE, gsrn, now, syncTimeout, token);
  }

  private static Optional<Claim> claim(
      Handle handle, String sql, String gsrn, Instant now, Duration syncTimeout, long token) {
    return handle
        .createQuery(sql)
        .bind("gsrn", gsrn)
        .bind("now", utc(now))
        .bind("staleBefore", utc(now.minus(syncTimeout)))
        .bind("timeoutAt", utc(now.plus(syncTimeout)))
        .bind("token", token)
        .map(
            (rs, ctx) ->
                new Claim(
                    rs.getString("gsrn"), rs.getInt("attempts"), instant(rs, "window_from"), token))
        .findOne();
  }

  /** Creates the released sync row of a looked-up accounting point without units, if missing. */
  public static void ensureLookupRow(Handle handle, String gsrn, Instant now) {
    handle.createUpdate(ENSURE_LOOKUP_ROW).bind("gsrn", gsrn).bind("now", utc(now)).execute();
  }

  /** Whether the accounting point has a sync row. */
  public static boolean exists(Handle handle, String gsrn) {
    return handle.createQuery(EXISTS).bind("gsrn", gsrn).mapTo(Long.class).one() > 0;
  }

  /** The lookup's view of a sync row; {@link LookupState#NONE} without one. */
  public static LookupState lookupState(Handle handle, String gsrn) {
    return handle
        .createQuery(LOOKUP_STATE)
        .bind("gsrn", gsrn)
        .map(
            (rs, ctx) -> new LookupState(instant(rs, "last_synced_at"), instant(rs, "window_from")))
        .findOne()
        .orElse(LookupState.NONE);
  }

  /** Locks the rows still claimed by {@code token} (a claim lost to a timeout is not returned). */
  public static Set<String> lockOwned(Handle handle, Collection<String> gsrns, long token) {
    return new HashSet<>(
        handle
            .createQuery(LOCK_OWNED)
            .bindArray("gsrns", String.class, gsrns)
            .bind("token", token)
            .mapTo(String.class)
            .list());
  }

  /** Records successful syncs of rows still claimed by {@code token}. */
  public static void completeSuccess(
      Handle handle, Collection<String> gsrns, long token, Instant now, Instant nextDueAt) {
    if (gsrns.isEmpty()) {
      return;
    }
    handle
        .createUpdate(COMPLETE_SUCCESS)
        .bindArray("gsrns", String.class, gsrns)
        .bind("token", token)
        .bind("now", utc(now))
        .bind("nextDueAt", utc(nextDueAt))
        .execute();
  }

  /** Hands claims back unsynced: the rows become due at once, without a failure. */
  public static void release(Handle handle, Collection<String> gsrns, long token, Instant now) {
    handle
        .createUpdate(RELEASE)
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
        .createUpdate(COMPLETE_FAILURE)
        .bindArray("g", String.class, gsrns)
        .bindArray("e", String.class, errors)
        .bindArray("d", String.class, dues)
        .bind("token", token)
        .bind("now", utc(now))
        .execute();
  }

  /** An instant as a UTC {@link OffsetDateTime}, the JDBC type of timestamptz. */
  public static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** Reads a nullable timestamptz column. */
  public static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? Optional.empty() : Optional.of(value.toInstant());
  }
}
