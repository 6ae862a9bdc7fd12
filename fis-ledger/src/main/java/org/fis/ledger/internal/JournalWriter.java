package org.fis.ledger.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fis.ledger.BalanceMode;
import org.fis.ledger.BalanceTaskQueue;
import org.fis.ledger.Posting;
import org.jdbi.v3.core.Handle;

/** Writes a batch of accepted drafts with one statement per table. Not API. Stateless. */
final class JournalWriter {
  private JournalWriter() {}

  /**
   * Collects the parts of the one write statement: each part is a data-modifying CTE whose
   * parameters are renamed with a per-part prefix.
   */
  static final class Statement {
    /** Renamed SQL texts: the parts are constant, so this stays small (one entry per part). */
    private static final java.util.Map<String, String> RENAMED =
        new java.util.concurrent.ConcurrentHashMap<>();

    private final List<String> parts = new ArrayList<>();
    private final List<Object[]> arrays = new ArrayList<>();

    /** Starts a part; chain {@code bindArray} calls and end with {@code execute()}. */
    Part createUpdate(String sql) {
      return new Part(sql);
    }

    final class Part {
      private final String prefix = "p" + parts.size() + "_";
      private String sql;

      Part(String sql) {
        this.sql = sql;
      }

      Part bindArray(String name, Class<?> type, List<?> values) {
        String from = sql;
        sql =
            RENAMED.computeIfAbsent(
                prefix + name + "\u0000" + from,
                k -> from.replaceAll("(?<!:):" + name + "\\b", ":" + prefix + name));
        arrays.add(new Object[] {prefix + name, type, values});
        return this;
      }

      void execute() {
        parts.add("w" + parts.size() + " AS (" + sql + ")");
      }
    }

    void execute(Handle handle) {
      if (parts.isEmpty()) {
        return;
      }
      org.jdbi.v3.core.statement.Update update =
          handle.createUpdate("WITH " + String.join(", ", parts) + " SELECT 1");
      for (Object[] array : arrays) {
        update.bindArray((String) array[0], (Class<?>) array[1], (List<?>) array[2]);
      }
      update.execute();
    }
  }

  static void write(
      Handle handle,
      List<Journal.Draft> drafts,
      Map<String, Working> balances,
      Map<String, Journal.AccountInfo> accounts,
      BalanceTaskQueue queue) {
    if (drafts.isEmpty()) {
      return;
    }
    // One statement for every table: each part is a data-modifying CTE over unnest(arrays).
    Statement statement = new Statement();
    insertPostings(statement, drafts);
    insertEntries(statement, drafts);
    insertChainLinks(statement, drafts, balances);
    updateBalances(statement, balances);
    insertResolutions(statement, drafts);
    // Sorted, so that keyed enqueues (which may lock the key until commit) never deadlock.
    Set<String> asyncAccounts = new java.util.TreeSet<>(insertTasks(statement, drafts, accounts));
    statement.execute(handle);
    if (!asyncAccounts.isEmpty()) {
      queue.enqueueAll(handle, List.copyOf(asyncAccounts));
    }
  }

  private static void insertPostings(Statement handle, List<Journal.Draft> drafts) {
    int n = drafts.size();
    List<String> ledgers = new ArrayList<>(n);
    List<Long> ids = new ArrayList<>(n);
    List<String> operations = new ArrayList<>(n);
    List<Integer> versions = new ArrayList<>(n);
    List<String> kinds = new ArrayList<>(n);
    List<String> references = new ArrayList<>(n);
    List<Long> operationTimes = new ArrayList<>(n);
    List<Long> postingTimes = new ArrayList<>(n);
    List<Long> recordedAts = new ArrayList<>(n);
    List<Long> expiresAts = new ArrayList<>(n);
    List<String> metadata = new ArrayList<>(n);
    List<String> requestHashes = new ArrayList<>(n);
    List<String> recordHashes = new ArrayList<>(n);
    for (Journal.Draft draft : drafts) {
      Posting p = draft.stored().posting();
      ledgers.add(p.ledgerId());
      ids.add(p.postingId());
      operations.add(p.operationId());
      versions.add(p.version());
      kinds.add(p.kind().name());
      references.add(p.referenceOperationId());
      operationTimes.add(Hashes.micros(p.operationTime()));
      postingTimes.add(Hashes.micros(p.postingTime()));
      recordedAts.add(Hashes.micros(p.recordedAt()));
      expiresAts.add(p.expiresAt() == null ? null : Hashes.micros(p.expiresAt()));
      metadata.add(p.metadataJson());
      requestHashes.add(Db.hex(draft.stored().requestHash()));
      recordHashes.add(Db.hex(draft.stored().recordHash()));
    }
    handle
        .createUpdate(
            "INSERT INTO fis_ledger.posting (ledger_id, posting_id, operation_id, version, kind,"
                + " reference_operation_id, operation_time, posting_time, recorded_at, expires_at,"
                + " metadata, request_hash, record_hash)"
                + " SELECT l, i, o, v, k, r, "
                + Db.micros("ot")
                + ", "
                + Db.micros("pt")
                + ", "
                + Db.micros("ra")
                + ", "
                + Db.micros("ea")
                + ", m::jsonb, decode(rq, 'hex'), decode(rc, 'hex')"
                + " FROM unnest(:l, :i, :o, :v, :k, :r, :ot, :pt, :ra, :ea, :m, :rq, :rc)"
                + " AS t(l, i, o, v, k, r, ot, pt, ra, ea, m, rq, rc)")
        .bindArray("l", String.class, ledgers)
        .bindArray("i", Long.class, ids)
        .bindArray("o", String.class, operations)
        .bindArray("v", Integer.class, versions)
        .bindArray("k", String.class, kinds)
        .bindArray("r", String.class, references)
        .bindArray("ot", Long.class, operationTimes)
        .bindArray("pt", Long.class, postingTimes)
        .bindArray("ra", Long.class, recordedAts)
        .bindArray("ea", Long.class, expiresAts)
        .bindArray("m", String.class, metadata)
        .bindArray("rq", String.class, requestHashes)
        .bindArray("rc", String.class, recordHashes)
        .execute();
  }

  private static void insertEntries(Statement handle, List<Journal.Draft> drafts) {
    List<String> accounts = new ArrayList<>();
    List<Long> postings = new ArrayList<>();
    List<Integer> lineNos = new ArrayList<>();
    List<String> effects = new ArrayList<>();
    List<String> currencies = new ArrayList<>();
    List<String> debits = new ArrayList<>();
    List<String> credits = new ArrayList<>();
    List<Long> postingTimes = new ArrayList<>();
    List<Long> recordedAts = new ArrayList<>();
    for (Journal.Draft draft : drafts) {
      Posting p = draft.stored().posting();
      long recordedAt = Hashes.micros(p.recordedAt());
      for (EntryRow e : draft.stored().entries()) {
        accounts.add(e.accountId());
        postings.add(p.postingId());
        lineNos.add(e.lineNo());
        effects.add(String.valueOf(e.effect()));
        currencies.add(e.currency());
        debits.add(e.debit().toPlainString());
        credits.add(e.credit().toPlainString());
        postingTimes.add(Hashes.micros(e.postingTime()));
        recordedAts.add(recordedAt);
      }
    }
    if (accounts.isEmpty()) {
      return;
    }
    handle
        .createUpdate(
            "INSERT INTO fis_ledger.entry (account_id, posting_id, line_no, effect, currency,"
                + " debit, credit, posting_time, recorded_at)"
                + " SELECT a, p, n, e, c, d::numeric, k::numeric, "
                + Db.micros("pt")
                + ", "
                + Db.micros("ra")
                + " FROM unnest(:a, :p, :n, :e, :c, :d, :k, :pt, :ra)"
                + " AS t(a, p, n, e, c, d, k, pt, ra)")
        .bindArray("a", String.class, accounts)
        .bindArray("p", Long.class, postings)
        .bindArray("n", Integer.class, lineNos)
        .bindArray("e", String.class, effects)
        .bindArray("c", String.class, currencies)
        .bindArray("d", String.class, debits)
        .bindArray("k", String.class, credits)
        .bindArray("pt", Long.class, postingTimes)
        .bindArray("ra", Long.class, recordedAts)
        .execute();
  }

  /** Appends one link per (synchronous account, posting), in draft order, under the row lock. */
  private static void insertChainLinks(
      Statement handle, List<Journal.Draft> drafts, Map<String, Working> balances) {
    List<String> accounts = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    List<Long> postings = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    Map<String, Working> heads = new java.util.HashMap<>();
    for (Journal.Draft draft : drafts) {
      Set<String> touched = new LinkedHashSet<>();
      draft.stored().entries().forEach(e -> touched.add(e.accountId()));
      for (String accountId : touched) {
        Working balance = balances.get(accountId);
        if (balance == null) {
          continue;
        }
        Working head = heads.computeIfAbsent(accountId, k -> balance);
        head.chainLength++;
        head.chainHash =
            Hashes.chain(head.chainHash, accountId, head.chainLength, draft.stored().recordHash());
        head.changed = true;
        accounts.add(accountId);
        sequences.add(head.chainLength);
        postings.add(draft.stored().posting().postingId());
        hashes.add(Db.hex(head.chainHash));
      }
    }
    if (accounts.isEmpty()) {
      return;
    }
    handle
        .createUpdate(
            "INSERT INTO fis_ledger.account_chain (account_id, chain_seq, posting_id, chain_hash)"
                + " SELECT a, s, p, decode(h, 'hex') FROM unnest(:a, :s, :p, :h) AS t(a, s, p, h)")
        .bindArray("a", String.class, accounts)
        .bindArray("s", Long.class, sequences)
        .bindArray("p", Long.class, postings)
        .bindArray("h", String.class, hashes)
        .execute();
  }

  private static void updateBalances(Statement handle, Map<String, Working> balances) {
    List<Working> changed = balances.values().stream().filter(w -> w.changed).toList();
    if (changed.isEmpty()) {
      return;
    }
    handle
        .createUpdate(
            "UPDATE fis_ledger.account_balance b SET debits = t.d::numeric,"
                + " credits = t.c::numeric, pending_debits = t.pd::numeric,"
                + " pending_credits = t.pc::numeric, chain_length = t.n,"
                + " chain_hash = decode(t.h, 'hex')"
                + " FROM unnest(:a, :d, :c, :pd, :pc, :n, :h) AS t(a, d, c, pd, pc, n, h)"
                + " WHERE b.account_id = t.a")
        .bindArray("a", String.class, changed.stream().map(w -> w.accountId).toList())
        .bindArray("d", String.class, changed.stream().map(w -> w.debits.toPlainString()).toList())
        .bindArray("c", String.class, changed.stream().map(w -> w.credits.toPlainString()).toList())
        .bindArray(
            "pd", String.class, changed.stream().map(w -> w.pendingDebits.toPlainString()).toList())
        .bindArray(
            "pc",
            String.class,
            changed.stream().map(w -> w.pendingCredits.toPlainString()).toList())
        .bindArray("n", Long.class, changed.stream().map(w -> w.chainLength).toList())
        .bindArray(
            "h",
            String.class,
            changed.stream().map(w -> w.chainHash == null ? null : Db.hex(w.chainHash)).toList())
        .execute();
  }

  private static void insertResolutions(Statement handle, List<Journal.Draft> drafts) {
    List<Long> holds = new ArrayList<>();
    List<Long> resolving = new ArrayList<>();
    List<String> ledgers = new ArrayList<>();
    List<String> reversed = new ArrayList<>();
    List<Long> reversing = new ArrayList<>();
    for (Journal.Draft draft : drafts) {
      Posting p = draft.stored().posting();
      if (draft.resolvedHoldPostingId() != null) {
        holds.add(draft.resolvedHoldPostingId());
        resolving.add(p.postingId());
      }
      if (draft.reversedOperationId() != null) {
        ledgers.add(p.ledgerId());
        reversed.add(draft.reversedOperationId());
        reversing.add(p.postingId());
      }
    }
    if (!holds.isEmpty()) {
      handle
          .createUpdate(
              "INSERT INTO fis_ledger.hold_resolution (hold_posting_id, resolving_posting_id)"
                  + " SELECT h, r FROM unnest(:h, :r) AS t(h, r)")
          .bindArray("h", Long.class, holds)
          .bindArray("r", Long.class, resolving)
          .execute();
    }
    if (!reversed.isEmpty()) {
      handle
          .createUpdate(
              "INSERT INTO fis_ledger.reversal (ledger_id, reversed_operation_id,"
                  + " reversing_posting_id) SELECT l, o, p FROM unnest(:l, :o, :p) AS t(l, o, p)")
          .bindArray("l", String.class, ledgers)
          .bindArray("o", String.class, reversed)
          .bindArray("p", Long.class, reversing)
          .execute();
    }
  }

  /** One task per (asynchronous account, posting) with the posting's net effect on it. */
  private static Set<String> insertTasks(
      Statement handle, List<Journal.Draft> drafts, Map<String, Journal.AccountInfo> accounts) {
    List<String> accountIds = new ArrayList<>();
    List<Long> postings = new ArrayList<>();
    List<String> debits = new ArrayList<>();
    List<String> credits = new ArrayList<>();
    List<String> pendingDebits = new ArrayList<>();
    List<String> pendingCredits = new ArrayList<>();
    Set<String> asyncAccounts = new LinkedHashSet<>();
    for (Journal.Draft draft : drafts) {
      Map<String, Working> deltas = new java.util.LinkedHashMap<>();
      for (EntryRow e : draft.stored().entries()) {
        Journal.AccountInfo account = accounts.get(e.accountId());
        if (account.mode() != BalanceMode.ASYNCHRONOUS) {
          continue;
        }
        java.math.BigDecimal zero = java.math.BigDecimal.ZERO.setScale(Checks.AMOUNT_SCALE);
        deltas
            .computeIfAbsent(e.accountId(), k -> new Working(k, zero, zero, zero, zero, 0, null))
            .apply(e);
      }
      for (Working delta : deltas.values()) {
        accountIds.add(delta.accountId);
        postings.add(draft.stored().posting().postingId());
        debits.add(delta.debits.toPlainString());
        credits.add(delta.credits.toPlainString());
        pendingDebits.add(delta.pendingDebits.toPlainString());
        pendingCredits.add(delta.pendingCredits.toPlainString());
        asyncAccounts.add(delta.accountId);
      }
    }
    if (accountIds.isEmpty()) {
      return asyncAccounts;
    }
    handle
        .createUpdate(
            "INSERT INTO fis_ledger.balance_task (account_id, posting_id, debits, credits,"
                + " pending_debits, pending_credits)"
                + " SELECT a, p, d::numeric, c::numeric, pd::numeric, pc::numeric"
                + " FROM unnest(:a, :p, :d, :c, :pd, :pc) AS t(a, p, d, c, pd, pc)")
        .bindArray("a", String.class, accountIds)
        .bindArray("p", Long.class, postings)
        .bindArray("d", String.class, debits)
        .bindArray("c", String.class, credits)
        .bindArray("pd", String.class, pendingDebits)
        .bindArray("pc", String.class, pendingCredits)
        .execute();
    return asyncAccounts;
  }
}
