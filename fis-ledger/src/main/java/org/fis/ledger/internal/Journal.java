package org.fis.ledger.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fis.ledger.BalanceConstraint;
import org.fis.ledger.BalanceMode;
import org.fis.ledger.BalanceTaskQueue;
import org.fis.ledger.CaptureRequest;
import org.fis.ledger.HoldRequest;
import org.fis.ledger.HoldState;
import org.fis.ledger.LedgerCommand;
import org.fis.ledger.Line;
import org.fis.ledger.Posting;
import org.fis.ledger.PostingKind;
import org.fis.ledger.PostingRequest;
import org.fis.ledger.PostingResult;
import org.fis.ledger.ReversalRequest;
import org.fis.ledger.SupersedeRequest;
import org.fis.ledger.VoidRequest;
import org.jdbi.v3.core.Handle;

/**
 * The write path: turns a batch of commands into postings, entries, running balances, balance tasks
 * and chain links with a constant number of statements per batch. Not API. Thread-safe (stateless
 * between calls).
 *
 * <p>Order of locks, the same for every call so that concurrent calls never deadlock: advisory
 * locks on the operation ids involved (sorted), then a shared advisory lock per ledger (so that a
 * concurrent period close waits for us), then the running-balance rows of the synchronous accounts
 * touched (sorted by account id). See {@code V3__prepare_submit.sql}.
 */
public final class Journal {
  private final Clock clock;
  private final BalanceTaskQueue queue;

  /**
   * Creates the write path.
   *
   * @param clock the recording-time clock
   * @param queue where asynchronous balance work is requested
   */
  public Journal(Clock clock, BalanceTaskQueue queue) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.queue = Objects.requireNonNull(queue, "queue");
  }

  /**
   * One unit of work: a caller's command, or an expiry the ledger writes itself.
   *
   * @param command the caller's command, or {@code null} for an expiry
   * @param ledgerId the ledger
   * @param operationId the operation id to record
   * @param referenceOperationId the operation referred to, or {@code null}
   */
  public record Item(
      LedgerCommand command, String ledgerId, String operationId, String referenceOperationId) {
    /**
     * Wraps a caller's command.
     *
     * @param command the command
     * @return the item
     */
    public static Item of(LedgerCommand command) {
      Objects.requireNonNull(command, "commands: element");
      String reference = null;
      if (command instanceof ReversalRequest r) {
        reference = r.reversedOperationId();
      } else if (command instanceof CaptureRequest c) {
        reference = c.holdOperationId();
      } else if (command instanceof VoidRequest v) {
        reference = v.holdOperationId();
      }
      return new Item(command, command.ledgerId(), command.operationId(), reference);
    }

    /**
     * The expiry of a hold.
     *
     * @param ledgerId the ledger
     * @param holdOperationId the hold
     * @return the item
     */
    public static Item expiry(String ledgerId, String holdOperationId) {
      return new Item(null, ledgerId, "expiry:" + holdOperationId, holdOperationId);
    }
  }

  record OpKey(String ledgerId, String operationId) {}

  record AccountInfo(
      String accountId,
      String ledgerId,
      String currency,
      BalanceMode mode,
      BalanceConstraint constraint) {}

  /** Everything one call has read or planned so far. */
  static final class Batch {
    final Instant now;
    final Map<OpKey, List<Stored>> versions = new HashMap<>();
    final Map<Long, HoldState> holdStates = new HashMap<>();
    final Set<OpKey> reversed = new HashSet<>();
    final Map<String, AccountInfo> accounts = new HashMap<>();
    final Map<String, Instant> closedBefore = new HashMap<>();
    final Set<String> ledgers = new HashSet<>();
    final Map<String, Working> balances = new TreeMap<>();
    final List<Draft> drafts = new ArrayList<>();
    final List<Long> ids;
    int nextId;

    Batch(Instant now, List<Long> ids) {
      this.now = now;
      this.ids = ids;
    }

    List<Stored> versionsOf(String ledgerId, String operationId) {
      return versions.getOrDefault(new OpKey(ledgerId, operationId), List.of());
    }
  }

  /** A planned posting and its side effects. */
  record Draft(Stored stored, Long resolvedHoldPostingId, String reversedOperationId) {}

  /**
   * The clock's time, truncated to microseconds.
   *
   * @return now
   */
  public Instant now() {
    return Checks.instant(clock.instant(), "clock");
  }

  /**
   * Executes the items in order within the caller's transaction.
   *
   * @param handle the caller's transaction
   * @param items the work, in order
   * @return one result per item, in order
   */
  public List<PostingResult> submit(Handle handle, List<Item> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    Instant now = now();
    List<PostingResult> common = NewPostings.trySubmit(handle, items, now, queue);
    if (common != null) {
      return common;
    }
    Batch batch = prepare(handle, items, now);
    List<PostingResult> results = new ArrayList<>(items.size());
    for (Item item : items) {
      results.add(plan(item, batch));
    }
    JournalWriter.write(handle, batch.drafts, batch.balances, batch.accounts, queue);
    return results;
  }

  /**
   * Locks and reads everything the batch needs in one round trip (see {@code prepare_submit} in the
   * migrations for the lock order), plus three more reads when operations already exist.
   */
  private static Batch prepare(Handle handle, List<Item> items, Instant now) {
    TreeSet<Long> keys = new TreeSet<>();
    Set<OpKey> operations = new LinkedHashSet<>();
    Set<String> accountIds = new TreeSet<>();
    for (Item item : items) {
      keys.add(Hashes.lockKey(item.ledgerId(), item.operationId()));
      operations.add(new OpKey(item.ledgerId(), item.operationId()));
      if (item.referenceOperationId() != null) {
        keys.add(Hashes.lockKey(item.ledgerId(), item.referenceOperationId()));
        operations.add(new OpKey(item.ledgerId(), item.referenceOperationId()));
      }
      for (Line line : requestLines(item.command())) {
        accountIds.add(line.accountId());
      }
    }
    List<Long> ids = new ArrayList<>();
    List<Long> existing = new ArrayList<>();
    Batch batch = new Batch(now, ids);
    handle
        .createQuery(
            "SELECT * FROM fis_ledger.prepare_submit(:keys, :n, :ledgers, :operations, :accounts)")
        .bindArray("keys", Long.class, new ArrayList<>(keys))
        .bind("n", items.size())
        .bindArray("ledgers", String.class, operations.stream().map(OpKey::ledgerId).toList())
        .bindArray("operations", String.class, operations.stream().map(OpKey::operationId).toList())
        .bindArray("accounts", String.class, new ArrayList<>(accountIds))
        .map(
            (rs, ctx) -> {
              switch (rs.getString("kind")) {
                case "N" -> ids.add(rs.getLong("posting_id"));
                case "E" -> existing.add(rs.getLong("posting_id"));
                default -> readAccount(rs, batch);
              }
              return 0;
            })
        .list();
    if (!existing.isEmpty()) {
      loadExisting(handle, existing, operations, batch);
    }
    return batch;
  }

  private static void readAccount(java.sql.ResultSet rs, Batch batch) throws java.sql.SQLException {
    String accountId = rs.getString("account_id");
    String ledgerId = rs.getString("ledger_id");
    AccountInfo account =
        new AccountInfo(
            accountId,
            ledgerId,
            rs.getString("currency"),
            BalanceMode.valueOf(rs.getString("balance_mode")),
            BalanceConstraint.valueOf(rs.getString("balance_constraint")));
    batch.accounts.put(accountId, account);
    batch.ledgers.add(ledgerId);
    Instant closed = Db.instant(rs, "closed");
    if (closed != null) {
      batch.closedBefore.put(ledgerId, closed);
    }
    if (account.mode() == BalanceMode.SYNCHRONOUS) {
      batch.balances.put(
          accountId,
          new Working(
              accountId,
              Db.amount(rs, "debits"),
              Db.amount(rs, "credits"),
              Db.amount(rs, "pending_debits"),
              Db.amount(rs, "pending_credits"),
              rs.getLong("chain_length"),
              rs.getBytes("chain_hash")));
    }
  }

  private static void loadExisting(
      Handle handle, List<Long> ids, Set<OpKey> operations, Batch batch) {
    List<String> ledgerIds = operations.stream().map(OpKey::ledgerId).toList();
    List<String> operationIds = operations.stream().map(OpKey::operationId).toList();
    for (Stored stored : Db.loadPostings(handle, ids).values()) {
      Posting p = stored.posting();
      batch
          .versions
          .computeIfAbsent(new OpKey(p.ledgerId(), p.operationId()), k -> new ArrayList<>())
          .add(stored);
    }
    batch
        .versions
        .values()
        .forEach(v -> v.sort((a, b) -> a.posting().version() - b.posting().version()));
    handle
        .createQuery(
            "SELECT r.hold_posting_id, p.kind FROM fis_ledger.hold_resolution r"
                + " JOIN fis_ledger.posting p ON p.posting_id = r.resolving_posting_id"
                + " WHERE r.hold_posting_id = ANY(:ids)")
        .bindArray("ids", Long.class, ids)
        .map((rs, ctx) -> batch.holdStates.put(rs.getLong(1), resolvedState(rs.getString(2))))
        .list();
    handle
        .createQuery(
            "SELECT r.ledger_id, r.reversed_operation_id FROM unnest(:ledgers, :operations)"
                + " AS k(l, o) JOIN LATERAL (SELECT ledger_id, reversed_operation_id"
                + " FROM fis_ledger.reversal WHERE ledger_id = k.l"
                + " AND reversed_operation_id = k.o) r ON true")
        .bindArray("ledgers", String.class, ledgerIds)
        .bindArray("operations", String.class, operationIds)
        .map((rs, ctx) -> batch.reversed.add(new OpKey(rs.getString(1), rs.getString(2))))
        .list();
  }

  private static HoldState resolvedState(String kind) {
    return switch (PostingKind.valueOf(kind)) {
      case CAPTURE -> HoldState.CAPTURED;
      case VOID -> HoldState.VOIDED;
      case EXPIRY -> HoldState.EXPIRED;
      default ->
          throw new org.fis.ledger.LedgerException(
              "hold resolved by a posting of kind " + kind, List.of(), null);
    };
  }

  private static List<Line> requestLines(LedgerCommand command) {
    if (command instanceof PostingRequest p) {
      return p.lines();
    } else if (command instanceof SupersedeRequest s) {
      return s.replacement().lines();
    } else if (command instanceof HoldRequest h) {
      return h.posting().lines();
    }
    return List.of();
  }

  private PostingResult plan(Item item, Batch batch) {
    LedgerCommand command = item.command();
    List<Line> lines = requestLines(command);
    if (!lines.isEmpty() && !batch.ledgers.contains(item.ledgerId())) {
      // Every known account names its ledger; none named this one.
      PostingResult.Rejected invalid = checkLines(lines, item.ledgerId(), batch);
      return invalid != null
          ? invalid
          : new PostingResult.Rejected("ledgerId", "no ledger '" + item.ledgerId() + "'");
    }
    Planner planner = new Planner(item, batch);
    PostingResult.Rejected invalid = checkLines(lines, item.ledgerId(), batch);
    if (invalid != null) {
      return invalid;
    }
    Planner.Outcome outcome;
    if (command == null) {
      outcome = planner.expiry();
    } else if (command instanceof PostingRequest p) {
      outcome = planner.post(p, PostingKind.POSTING, null, 'L');
    } else if (command instanceof HoldRequest h) {
      outcome = planner.post(h.posting(), PostingKind.HOLD, h.expiresAt(), 'H');
    } else if (command instanceof SupersedeRequest s) {
      outcome = planner.supersede(s);
    } else if (command instanceof ReversalRequest r) {
      outcome = planner.reverse(r);
    } else if (command instanceof CaptureRequest c) {
      outcome = planner.capture(c);
    } else if (command instanceof VoidRequest v) {
      outcome = planner.voidHold(v);
    } else {
      throw new AssertionError("unknown command " + command);
    }
    if (outcome.result() != null) {
      return outcome.result();
    }
    return accept(outcome.draft(), batch);
  }

  private static PostingResult.Rejected checkLines(List<Line> lines, String ledgerId, Batch batch) {
    for (int i = 0; i < lines.size(); i++) {
      Line line = lines.get(i);
      AccountInfo account = batch.accounts.get(line.accountId());
      String field = "lines[" + i + "]";
      if (account == null) {
        return new PostingResult.Rejected(
            field + ".accountId", "no account '" + line.accountId() + "'");
      }
      if (!account.ledgerId().equals(ledgerId)) {
        return new PostingResult.Rejected(
            field + ".accountId",
            "account '" + line.accountId() + "' belongs to ledger '" + account.ledgerId() + "'");
      }
      if (!account.currency().equals(line.currency())) {
        return new PostingResult.Rejected(
            field + ".currency",
            "account '"
                + line.accountId()
                + "' holds "
                + account.currency()
                + ", not "
                + line.currency());
      }
    }
    return null;
  }

  /** Period and constraint checks; on success applies the draft to the batch state. */
  private PostingResult accept(Draft draft, Batch batch) {
    Posting posting = draft.stored().posting();
    Instant closed = batch.closedBefore.get(posting.ledgerId());
    if (closed != null) {
      for (EntryRow entry : draft.stored().entries()) {
        if (entry.postingTime().isBefore(closed)) {
          return new PostingResult.PeriodClosed(posting.ledgerId(), entry.postingTime(), closed);
        }
      }
    }
    Map<String, Working> touched = new LinkedHashMap<>();
    for (EntryRow entry : draft.stored().entries()) {
      Working current = batch.balances.get(entry.accountId());
      if (current != null) {
        touched.computeIfAbsent(entry.accountId(), k -> current.copy()).apply(entry);
      }
    }
    for (Working after : touched.values()) {
      AccountInfo account = batch.accounts.get(after.accountId);
      if (account.constraint() == BalanceConstraint.NONE) {
        continue;
      }
      BigDecimal before = batch.balances.get(after.accountId).exposure(account.constraint());
      BigDecimal exposure = after.exposure(account.constraint());
      if (exposure.signum() > 0 && exposure.compareTo(before) > 0) {
        return new PostingResult.InsufficientFunds(after.accountId, account.constraint(), exposure);
      }
    }
    batch.balances.putAll(touched);
    batch.drafts.add(draft);
    batch
        .versions
        .computeIfAbsent(
            new OpKey(posting.ledgerId(), posting.operationId()), k -> new ArrayList<>())
        .add(draft.stored());
    if (draft.resolvedHoldPostingId() != null) {
      batch.holdStates.put(draft.resolvedHoldPostingId(), resolvedState(posting.kind().name()));
    }
    if (draft.reversedOperationId() != null) {
      batch.reversed.add(new OpKey(posting.ledgerId(), draft.reversedOperationId()));
    }
    return new PostingResult.Posted(posting);
  }

  /** Plans one item against the batch state; pure apart from reading the batch. */
  final class Planner {
    record Outcome(PostingResult result, Draft draft) {}

    private final Item item;
    private final Batch batch;

    Planner(Item item, Batch batch) {
      this.item = item;
      this.batch = batch;
    }

    Outcome post(PostingRequest request, PostingKind kind, Instant expiresAt, char effect) {
      List<Stored> versions = batch.versionsOf(request.ledgerId(), request.operationId());
      byte[] hash = Canonical.requestHash(item.command());
      if (!versions.isEmpty()) {
        return repeat(versions.get(0), versions.get(versions.size() - 1), hash);
      }
      List<EntryRow> entries = new ArrayList<>();
      for (Line line : request.lines()) {
        entries.add(EntryRow.of(line, entries.size() + 1, effect, request.postingTime()));
      }
      return draft(
          kind,
          1,
          null,
          request.operationTime(),
          request.postingTime(),
          expiresAt,
          request.metadataJson(),
          hash,
          entries,
          null,
          null);
    }

    Outcome supersede(SupersedeRequest request) {
      PostingRequest replacement = request.replacement();
      List<Stored> versions = batch.versionsOf(request.ledgerId(), request.operationId());
      if (versions.isEmpty()) {
        return result(
            new PostingResult.OperationNotFound(request.ledgerId(), request.operationId()));
      }
      Stored current = versions.get(versions.size() - 1);
      byte[] hash = Canonical.requestHash(request);
      // A repeat of any recorded version's content is a retry, never a revert: a late retry of
      // an old correction must not undo a newer one.
      for (Stored version : versions) {
        if (java.util.Arrays.equals(version.requestHash(), hash)) {
          return result(new PostingResult.Duplicate(version.posting()));
        }
      }
      if (current.posting().kind() != PostingKind.POSTING) {
        return result(
            new PostingResult.Rejected(
                "operationId",
                "operation '"
                    + request.operationId()
                    + "' is a "
                    + current.posting().kind()
                    + "; only postings can be superseded"));
      }
      if (batch.reversed.contains(new OpKey(request.ledgerId(), request.operationId()))) {
        return result(new PostingResult.AlreadyReversed(request.ledgerId(), request.operationId()));
      }
      List<EntryRow> entries = new ArrayList<>();
      for (Line line : replacement.lines()) {
        entries.add(EntryRow.of(line, entries.size() + 1, 'L', replacement.postingTime()));
      }
      for (EntryRow old : current.postedLines()) {
        entries.add(old.negated(entries.size() + 1, 'C', old.postingTime()));
      }
      return draft(
          PostingKind.POSTING,
          current.posting().version() + 1,
          null,
          replacement.operationTime(),
          replacement.postingTime(),
          null,
          replacement.metadataJson(),
          hash,
          entries,
          null,
          null);
    }

    Outcome reverse(ReversalRequest request) {
      byte[] hash = Canonical.requestHash(request);
      List<Stored> own = batch.versionsOf(request.ledgerId(), request.operationId());
      if (!own.isEmpty()) {
        return repeat(own.get(0), own.get(own.size() - 1), hash);
      }
      List<Stored> target = batch.versionsOf(request.ledgerId(), request.reversedOperationId());
      if (target.isEmpty()) {
        return result(
            new PostingResult.OperationNotFound(request.ledgerId(), request.reversedOperationId()));
      }
      if (batch.reversed.contains(new OpKey(request.ledgerId(), request.reversedOperationId()))) {
        return result(
            new PostingResult.AlreadyReversed(request.ledgerId(), request.reversedOperationId()));
      }
      Stored current = target.get(target.size() - 1);
      PostingKind kind = current.posting().kind();
      if (kind != PostingKind.POSTING && kind != PostingKind.CAPTURE) {
        return result(
            new PostingResult.Rejected(
                "reversedOperationId",
                "operation '"
                    + request.reversedOperationId()
                    + "' is a "
                    + kind
                    + "; only postings and captures can be reversed"));
      }
      List<EntryRow> entries = new ArrayList<>();
      for (EntryRow line : current.postedLines()) {
        entries.add(
            EntryRow.of(line.toLine().swapped(), entries.size() + 1, 'L', request.postingTime()));
      }
      return draft(
          PostingKind.REVERSAL,
          1,
          request.reversedOperationId(),
          request.operationTime(),
          request.postingTime(),
          null,
          request.metadataJson(),
          hash,
          entries,
          null,
          request.reversedOperationId());
    }

    Outcome capture(CaptureRequest request) {
      byte[] hash = Canonical.requestHash(request);
      HoldLookup hold =
          hold(request.ledgerId(), request.operationId(), request.holdOperationId(), hash);
      if (hold.outcome() != null) {
        return hold.outcome();
      }
      List<EntryRow> held = hold.stored().heldLines();
      List<Line> lines = held.stream().map(EntryRow::toLine).toList();
      if (request.amount() != null) {
        if (held.size() != 2 || lines.get(0).side() == lines.get(1).side()) {
          return result(
              new PostingResult.Rejected(
                  "amount", "a partial capture needs a hold of one debit and one credit line"));
        }
        BigDecimal heldAmount = lines.get(0).amount();
        if (request.amount().compareTo(heldAmount) > 0) {
          return result(
              new PostingResult.Rejected(
                  "amount",
                  "exceeds the held amount " + heldAmount.stripTrailingZeros().toPlainString()));
        }
        lines =
            lines.stream()
                .map(l -> new Line(l.accountId(), l.side(), request.amount(), l.currency()))
                .toList();
      }
      List<EntryRow> entries = new ArrayList<>();
      for (Line line : lines) {
        entries.add(EntryRow.of(line, entries.size() + 1, 'L', request.postingTime()));
      }
      for (EntryRow h : held) {
        entries.add(h.negated(entries.size() + 1, 'R', request.postingTime()));
      }
      return draft(
          PostingKind.CAPTURE,
          1,
          request.holdOperationId(),
          request.operationTime(),
          request.postingTime(),
          null,
          request.metadataJson(),
          hash,
          entries,
          hold.stored().posting().postingId(),
          null);
    }

    Outcome voidHold(VoidRequest request) {
      byte[] hash = Canonical.requestHash(request);
      HoldLookup hold =
          hold(request.ledgerId(), request.operationId(), request.holdOperationId(), hash);
      if (hold.outcome() != null) {
        return hold.outcome();
      }
      return release(
          hold.stored(),
          PostingKind.VOID,
          request.operationTime(),
          request.postingTime(),
          request.metadataJson(),
          hash);
    }

    Outcome expiry() {
      byte[] hash = Canonical.expiryHash(item.ledgerId(), item.referenceOperationId());
      List<Stored> own = batch.versionsOf(item.ledgerId(), item.operationId());
      if (!own.isEmpty()) {
        return repeat(own.get(0), own.get(own.size() - 1), hash);
      }
      List<Stored> target = batch.versionsOf(item.ledgerId(), item.referenceOperationId());
      if (target.isEmpty() || target.get(0).posting().kind() != PostingKind.HOLD) {
        return result(
            new PostingResult.OperationNotFound(item.ledgerId(), item.referenceOperationId()));
      }
      Stored hold = target.get(0);
      HoldState state = batch.holdStates.get(hold.posting().postingId());
      if (state != null) {
        return result(new PostingResult.HoldNotPending(item.referenceOperationId(), state));
      }
      Instant expiresAt = hold.posting().expiresAt();
      if (expiresAt == null || batch.now.isBefore(expiresAt)) {
        return result(
            new PostingResult.Rejected("holdOperationId", "the hold has not expired yet"));
      }
      return release(hold, PostingKind.EXPIRY, batch.now, expiresAt, "{}", hash);
    }

    private Outcome release(
        Stored hold,
        PostingKind kind,
        Instant operationTime,
        Instant postingTime,
        String metadata,
        byte[] hash) {
      List<EntryRow> entries = new ArrayList<>();
      for (EntryRow h : hold.heldLines()) {
        entries.add(h.negated(entries.size() + 1, 'R', postingTime));
      }
      return draft(
          kind,
          1,
          hold.posting().operationId(),
          operationTime,
          postingTime,
          null,
          metadata,
          hash,
          entries,
          hold.posting().postingId(),
          null);
    }

    record HoldLookup(Stored stored, Outcome outcome) {}

    private HoldLookup hold(
        String ledgerId, String operationId, String holdOperationId, byte[] hash) {
      List<Stored> own = batch.versionsOf(ledgerId, operationId);
      if (!own.isEmpty()) {
        return new HoldLookup(null, repeat(own.get(0), own.get(own.size() - 1), hash));
      }
      List<Stored> target = batch.versionsOf(ledgerId, holdOperationId);
      if (target.isEmpty()) {
        return new HoldLookup(
            null, result(new PostingResult.OperationNotFound(ledgerId, holdOperationId)));
      }
      Stored hold = target.get(0);
      if (hold.posting().kind() != PostingKind.HOLD) {
        return new HoldLookup(
            null,
            result(
                new PostingResult.Rejected(
                    "holdOperationId", "operation '" + holdOperationId + "' is not a hold")));
      }
      HoldState state = batch.holdStates.get(hold.posting().postingId());
      Instant expiresAt = hold.posting().expiresAt();
      if (state == null && expiresAt != null && !batch.now.isBefore(expiresAt)) {
        state = HoldState.EXPIRED;
      }
      if (state != null) {
        return new HoldLookup(
            null, result(new PostingResult.HoldNotPending(holdOperationId, state)));
      }
      return new HoldLookup(hold, null);
    }

    private Outcome repeat(Stored first, Stored current, byte[] hash) {
      if (java.util.Arrays.equals(first.requestHash(), hash)) {
        return result(new PostingResult.Duplicate(first.posting()));
      }
      return result(
          new PostingResult.IdempotencyConflict(
              item.ledgerId(), item.operationId(), current.posting()));
    }

    private Outcome result(PostingResult result) {
      return new Outcome(result, null);
    }

    private Outcome draft(
        PostingKind kind,
        int version,
        String reference,
        Instant operationTime,
        Instant postingTime,
        Instant expiresAt,
        String metadata,
        byte[] requestHash,
        List<EntryRow> entries,
        Long resolvedHold,
        String reversedOperationId) {
      long postingId = batch.ids.get(batch.nextId++);
      Posting posting =
          new Posting(
              postingId,
              item.ledgerId(),
              item.operationId(),
              version,
              kind,
              reference,
              operationTime,
              postingTime,
              batch.now,
              expiresAt,
              metadata,
              entries.stream().filter(EntryRow::ownLine).map(EntryRow::toLine).toList());
      byte[] recordHash = Canonical.recordHash(posting, requestHash, entries);
      return new Outcome(
          null,
          new Draft(
              new Stored(posting, requestHash, recordHash, entries),
              resolvedHold,
              reversedOperationId));
    }
  }
}
