package org.fis.ledger.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fis.ledger.AccountType;
import org.fis.ledger.Balance;
import org.fis.ledger.BalanceAt;
import org.fis.ledger.BalanceMode;
import org.jdbi.v3.core.Handle;

/** Balance reads and the application of asynchronous balance tasks. Not API. Stateless. */
public final class Balances {
  /** Most rounds of task application per call: a bound on the loop, not a business limit. */
  public static final int APPLY_ROUNDS_MAX = 1_000;

  private final int tasksPerRoundMax;

  /**
   * Creates the reader.
   *
   * @param tasksPerRoundMax most tasks applied per round
   */
  public Balances(int tasksPerRoundMax) {
    this.tasksPerRoundMax = tasksPerRoundMax;
  }

  private record Head(AccountType type, String currency, BalanceMode mode) {}

  private Head head(Handle handle, String accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return handle
        .createQuery(
            "SELECT account_type, currency, balance_mode FROM fis_ledger.account"
                + " WHERE account_id = :id")
        .bind("id", accountId)
        .map(
            (rs, ctx) ->
                new Head(
                    AccountType.valueOf(rs.getString(1)),
                    rs.getString(2),
                    BalanceMode.valueOf(rs.getString(3))))
        .findOne()
        .orElseThrow(
            () -> new IllegalArgumentException("accountId: no account '" + accountId + "'"));
  }

  /**
   * The running balance (for an asynchronous account: as of the last applied task).
   *
   * @param handle the caller's transaction
   * @param accountId the account
   * @return the balance
   */
  public Balance running(Handle handle, String accountId) {
    Head head = head(handle, accountId);
    return handle
        .createQuery(
            "SELECT debits, credits, pending_debits, pending_credits"
                + " FROM fis_ledger.account_balance WHERE account_id = :id")
        .bind("id", accountId)
        .map(
            (rs, ctx) ->
                new Balance(
                    accountId,
                    head.currency(),
                    head.type().normalSide(),
                    Db.amount(rs, "debits"),
                    Db.amount(rs, "credits"),
                    Db.amount(rs, "pending_debits"),
                    Db.amount(rs, "pending_credits")))
        .one();
  }

  /**
   * The balance after applying every pending task of an asynchronous account.
   *
   * @param handle the caller's transaction
   * @param accountId the account
   * @return the balance
   */
  public Balance consistent(Handle handle, String accountId) {
    if (head(handle, accountId).mode() == BalanceMode.ASYNCHRONOUS) {
      applyPending(handle, accountId);
    }
    return running(handle, accountId);
  }

  /**
   * The balance computed from the entries along both time axes.
   *
   * @param handle the caller's transaction
   * @param accountId the account
   * @param at the time axes
   * @return the balance
   */
  public Balance at(Handle handle, String accountId, BalanceAt at) {
    Head head = head(handle, accountId);
    return handle
        .createQuery(
            "SELECT coalesce(sum(debit) FILTER (WHERE effect IN ('L','C')), 0) AS debits,"
                + " coalesce(sum(credit) FILTER (WHERE effect IN ('L','C')), 0) AS credits,"
                + " coalesce(sum(debit) FILTER (WHERE effect IN ('H','R')), 0) AS pending_debits,"
                + " coalesce(sum(credit) FILTER (WHERE effect IN ('H','R')), 0) AS pending_credits"
                + " FROM fis_ledger.entry WHERE account_id = :id"
                + " AND (CAST(:pt AS bigint) IS NULL OR posting_time < "
                + Db.micros("CAST(:pt AS bigint)")
                + ") AND (CAST(:ka AS bigint) IS NULL OR recorded_at <= "
                + Db.micros("CAST(:ka AS bigint)")
                + ")")
        .bind("id", accountId)
        .bind("pt", at.postingTimeBefore() == null ? null : Hashes.micros(at.postingTimeBefore()))
        .bind("ka", at.knownAt() == null ? null : Hashes.micros(at.knownAt()))
        .map(
            (rs, ctx) ->
                new Balance(
                    accountId,
                    head.currency(),
                    head.type().normalSide(),
                    Db.amount(rs, "debits"),
                    Db.amount(rs, "credits"),
                    Db.amount(rs, "pending_debits"),
                    Db.amount(rs, "pending_credits")))
        .one();
  }

  /**
   * The sum of the running balances of an account and all its descendants.
   *
   * @param handle the caller's transaction
   * @param accountId the subtree's root
   * @return the roll-up balance
   */
  public Balance rollup(Handle handle, String accountId) {
    Head head = head(handle, accountId);
    return handle
        .createQuery(
            "WITH RECURSIVE tree(account_id, depth) AS ("
                + " SELECT account_id, 0 FROM fis_ledger.account WHERE account_id = :id"
                + " UNION ALL SELECT a.account_id, t.depth + 1 FROM fis_ledger.account a"
                + " JOIN tree t ON a.parent_id = t.account_id WHERE t.depth < :depth)"
                + " SELECT coalesce(sum(debits), 0) AS debits, coalesce(sum(credits), 0) AS credits,"
                + " coalesce(sum(pending_debits), 0) AS pending_debits,"
                + " coalesce(sum(pending_credits), 0) AS pending_credits"
                + " FROM tree JOIN fis_ledger.account_balance b USING (account_id)")
        .bind("id", accountId)
        .bind("depth", Accounts.DEPTH_MAX + 1)
        .map(
            (rs, ctx) ->
                new Balance(
                    accountId,
                    head.currency(),
                    head.type().normalSide(),
                    Db.amount(rs, "debits"),
                    Db.amount(rs, "credits"),
                    Db.amount(rs, "pending_debits"),
                    Db.amount(rs, "pending_credits")))
        .one();
  }

  private record Task(long taskId, long postingId, byte[] recordHash, EntryRow[] effects) {}

  /**
   * Applies an asynchronous account's pending tasks under its running-balance row lock, in task
   * order, extending the account's hash chain. Safe to run concurrently and repeatedly: a task is
   * applied exactly once (its applied row is unique).
   *
   * @param handle the caller's transaction
   * @param accountId the account
   * @return how many tasks were applied
   */
  public int applyPending(Handle handle, String accountId) {
    Working balance =
        handle
            .createQuery(
                "SELECT account_id, debits, credits, pending_debits, pending_credits,"
                    + " chain_length, chain_hash FROM fis_ledger.account_balance"
                    + " WHERE account_id = :id FOR UPDATE")
            .bind("id", accountId)
            .map(
                (rs, ctx) ->
                    new Working(
                        rs.getString(1),
                        Db.amount(rs, "debits"),
                        Db.amount(rs, "credits"),
                        Db.amount(rs, "pending_debits"),
                        Db.amount(rs, "pending_credits"),
                        rs.getLong("chain_length"),
                        rs.getBytes("chain_hash")))
            .findOne()
            .orElseThrow(
                () -> new IllegalArgumentException("accountId: no account '" + accountId + "'"));
    int applied = 0;
    for (int round = 0; round < APPLY_ROUNDS_MAX; round++) {
      List<Task> tasks = pendingTasks(handle, accountId);
      if (tasks.isEmpty()) {
        break;
      }
      writeRound(handle, balance, tasks);
      applied += tasks.size();
    }
    return applied;
  }

  /** The first pending tasks (see {@code pending_tasks} in V54: its cost is what is pending). */
  private List<Task> pendingTasks(Handle handle, String accountId) {
    return handle
        .createQuery(
            "SELECT task_id, posting_id, record_hash, debits, credits, pending_debits,"
                + " pending_credits FROM fis_ledger.pending_tasks(:id, :limit)")
        .bind("id", accountId)
        .bind("limit", tasksPerRoundMax)
        .map(
            (rs, ctx) -> {
              BigDecimal d = Db.amount(rs, "debits");
              BigDecimal c = Db.amount(rs, "credits");
              BigDecimal pd = Db.amount(rs, "pending_debits");
              BigDecimal pc = Db.amount(rs, "pending_credits");
              EntryRow posted = new EntryRow(accountId, 1, 'L', "", d, c, java.time.Instant.EPOCH);
              EntryRow pending =
                  new EntryRow(accountId, 2, 'H', "", pd, pc, java.time.Instant.EPOCH);
              return new Task(
                  rs.getLong(1), rs.getLong(2), rs.getBytes(3), new EntryRow[] {posted, pending});
            })
        .list();
  }

  private static void writeRound(Handle handle, Working balance, List<Task> tasks) {
    List<Long> taskIds = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    List<Long> postings = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (Task task : tasks) {
      for (EntryRow effect : task.effects()) {
        balance.apply(effect);
      }
      balance.chainLength++;
      balance.chainHash =
          Hashes.chain(
              balance.chainHash, balance.accountId, balance.chainLength, task.recordHash());
      taskIds.add(task.taskId());
      sequences.add(balance.chainLength);
      postings.add(task.postingId());
      hashes.add(Db.hex(balance.chainHash));
    }
    // One statement (apply_tasks in V54): the tasks leave the pending set and are recorded as
    // applied, the chain grows and the running balance moves. Under the row lock taken above, so
    // no other call applies them.
    int done =
        handle
            .createQuery(
                "SELECT fis_ledger.apply_tasks(:a, :t, :s, :p,"
                    + " ARRAY(SELECT decode(x.h, 'hex') FROM unnest(CAST(:h AS text[]))"
                    + " WITH ORDINALITY AS x(h, o) ORDER BY x.o),"
                    + " CAST(:d AS numeric), CAST(:c AS numeric), CAST(:pd AS numeric),"
                    + " CAST(:pc AS numeric), :n, decode(:h1, 'hex'))")
            .bind("a", balance.accountId)
            .bindArray("t", Long.class, taskIds)
            .bindArray("s", Long.class, sequences)
            .bindArray("p", Long.class, postings)
            .bindArray("h", String.class, hashes)
            .bind("d", balance.debits.toPlainString())
            .bind("c", balance.credits.toPlainString())
            .bind("pd", balance.pendingDebits.toPlainString())
            .bind("pc", balance.pendingCredits.toPlainString())
            .bind("n", balance.chainLength)
            .bind("h1", Db.hex(balance.chainHash))
            .mapTo(Integer.class)
            .one();
    if (done != tasks.size()) {
      throw new IllegalStateException(
          "account '"
              + balance.accountId
              + "': "
              + done
              + " of "
              + tasks.size()
              + " pending tasks were still pending under the row lock");
    }
  }
}
