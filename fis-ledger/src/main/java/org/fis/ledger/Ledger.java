package org.fis.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fis.ledger.internal.Accounts;
import org.fis.ledger.internal.Balances;
import org.fis.ledger.internal.Checks;
import org.fis.ledger.internal.Db;
import org.fis.ledger.internal.Hashes;
import org.fis.ledger.internal.Journal;
import org.fis.ledger.internal.Periods;
import org.fis.ledger.internal.Stored;
import org.fis.ledger.internal.Verifier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The insert-only double-entry journal: ledgers, chart of accounts, idempotent postings with
 * supersession, reversal and two-phase holds, bitemporal balances, period close and hash-chain
 * verification.
 *
 * <p><b>Transaction contract.</b> Every method takes the caller's Jdbi {@link Handle} first and
 * runs in the caller's transaction: it never commits, rolls back or opens a connection. The caller
 * should run writes in a transaction ({@code jdbi.inTransaction(h -> ledger.post(h, r))}); outside
 * one, each statement autocommits and a batch is no longer atomic. Write methods take row and
 * advisory locks that are held until the caller's transaction ends, always in the same order
 * (operation ids, ledger, account balance rows sorted by id), so concurrent callers never deadlock
 * with each other.
 *
 * <p><b>Errors.</b> Business outcomes are values ({@link PostingResult}, {@link DefinitionResult},
 * {@link CloseResult}); caller misuse throws {@link IllegalArgumentException} or {@link
 * NullPointerException} naming the parameter; database failures throw {@link LedgerException} with
 * the ids involved. After a {@link LedgerException} the caller's transaction is unusable and must
 * be rolled back.
 *
 * <p>Thread-safe: one instance serves every thread.
 */
public final class Ledger {
  /** Job type of the asynchronous-balance job; its key is the account id. */
  public static final String BALANCE_JOB_TYPE = "fis.ledger.balance";

  private static final Logger LOG = LoggerFactory.getLogger(Ledger.class);

  private final LedgerConfig config;
  private final Journal journal;
  private final Accounts accounts;
  private final Balances balances;
  private final Periods periods;

  private Ledger(LedgerConfig config, Clock clock, BalanceTaskQueue queue) {
    this.config = config;
    this.journal = new Journal(clock, queue);
    this.accounts = new Accounts(clock);
    this.balances = new Balances(config.tasksPerApplyMax());
    this.periods = new Periods(clock, config.rowsPerReadMax());
  }

  /**
   * Creates the ledger API.
   *
   * @param config limits
   * @param clock the source of recording times
   * @param queue where asynchronous balance work is requested (see {@link BalanceTaskQueue})
   * @return the ledger
   */
  public static Ledger create(LedgerConfig config, Clock clock, BalanceTaskQueue queue) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(queue, "queue");
    LOG.info("fis-ledger configured: {}", config);
    return new Ledger(config, clock, queue);
  }

  /**
   * Creates a ledger.
   *
   * @param handle the caller's transaction
   * @param definition the ledger
   * @return created, already existing identically, or rejected
   */
  public DefinitionResult createLedger(Handle handle, LedgerDefinition definition) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(definition, "definition");
    return guard(() -> accounts.createLedger(handle, definition), definition.ledgerId());
  }

  /**
   * Opens an account in a ledger's chart of accounts.
   *
   * @param handle the caller's transaction
   * @param definition the account
   * @return created, already existing identically, or rejected
   */
  public DefinitionResult openAccount(Handle handle, AccountDefinition definition) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(definition, "definition");
    return guard(() -> accounts.openAccount(handle, definition), definition.accountId());
  }

  /**
   * Finds an account.
   *
   * @param handle the caller's transaction
   * @param accountId the account
   * @return the account or empty
   */
  public Optional<Account> findAccount(Handle handle, String accountId) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(accountId, "accountId");
    return guard(() -> accounts.find(handle, accountId), accountId);
  }

  /**
   * The direct children of an account in the hierarchy, by id, at most {@link
   * LedgerConfig#rowsPerReadMax()}.
   *
   * @param handle the caller's transaction
   * @param accountId the parent
   * @return the children
   */
  public List<Account> children(Handle handle, String accountId) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(accountId, "accountId");
    return guard(() -> accounts.children(handle, accountId, config.rowsPerReadMax()), accountId);
  }

  /**
   * Records one posting (see {@link #submit}).
   *
   * @param handle the caller's transaction
   * @param request the posting
   * @return the outcome
   */
  public PostingResult post(Handle handle, PostingRequest request) {
    return submitOne(handle, request);
  }

  /**
   * Records a new version of an operation.
   *
   * @param handle the caller's transaction
   * @param request the replacement
   * @return the outcome
   */
  public PostingResult supersede(Handle handle, SupersedeRequest request) {
    return submitOne(handle, request);
  }

  /**
   * Reverses an operation.
   *
   * @param handle the caller's transaction
   * @param request the reversal
   * @return the outcome
   */
  public PostingResult reverse(Handle handle, ReversalRequest request) {
    return submitOne(handle, request);
  }

  /**
   * Places a two-phase hold.
   *
   * @param handle the caller's transaction
   * @param request the hold
   * @return the outcome
   */
  public PostingResult hold(Handle handle, HoldRequest request) {
    return submitOne(handle, request);
  }

  /**
   * Captures a hold fully or partly.
   *
   * @param handle the caller's transaction
   * @param request the capture
   * @return the outcome
   */
  public PostingResult capture(Handle handle, CaptureRequest request) {
    return submitOne(handle, request);
  }

  /**
   * Voids a hold.
   *
   * @param handle the caller's transaction
   * @param request the void
   * @return the outcome
   */
  public PostingResult voidHold(Handle handle, VoidRequest request) {
    return submitOne(handle, request);
  }

  private PostingResult submitOne(Handle handle, LedgerCommand command) {
    Objects.requireNonNull(command, "command");
    return submit(handle, List.of(command)).get(0);
  }

  /**
   * Executes many commands in order in the caller's transaction, with a constant number of
   * statements for the whole batch (about ten, whatever its size). Each command gets its own
   * result; rejected commands write nothing, accepted ones are written together. Later commands see
   * the effect of earlier ones (an operation id repeated in the batch is a duplicate).
   *
   * @param handle the caller's transaction
   * @param commands 1 to {@link LedgerConfig#commandsPerCallMax()} commands
   * @return one result per command, in order
   */
  public List<PostingResult> submit(Handle handle, List<? extends LedgerCommand> commands) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(commands, "commands");
    if (commands.size() > config.commandsPerCallMax()) {
      throw new IllegalArgumentException(
          "commands: at most " + config.commandsPerCallMax() + ", got " + commands.size());
    }
    List<Journal.Item> items = new ArrayList<>(commands.size());
    for (LedgerCommand command : commands) {
      items.add(Journal.Item.of(command));
    }
    return guard(
        () -> journal.submit(handle, items),
        commands.isEmpty() ? "" : commands.get(0).operationId());
  }

  /**
   * Releases the reservations of holds whose expiry has passed by the ledger's clock, oldest first,
   * by recording an {@link PostingKind#EXPIRY} posting for each (operation id {@code expiry:<hold
   * operation id>}). Run it periodically (for example as a host job).
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @param limit most holds expired in this call
   * @return the results (all {@link PostingResult.Posted} unless a concurrent call won)
   */
  public List<PostingResult> expireHolds(Handle handle, String ledgerId, int limit) {
    Objects.requireNonNull(handle, "handle");
    Checks.id(ledgerId, "ledgerId", Checks.ID_LENGTH_MAX);
    if (limit <= 0 || limit > config.commandsPerCallMax()) {
      throw new IllegalArgumentException(
          "limit: must be 1 to " + config.commandsPerCallMax() + ", got " + limit);
    }
    return guard(
        () -> {
          List<Journal.Item> items =
              handle
                  .createQuery(
                      "SELECT p.operation_id FROM fis_ledger.posting p WHERE p.ledger_id = :id"
                          + " AND p.kind = 'HOLD'"
                          + " AND p.expires_at <= "
                          + Db.micros(":now")
                          + " AND NOT EXISTS (SELECT 1 FROM fis_ledger.hold_resolution r"
                          + " WHERE r.hold_posting_id = p.posting_id)"
                          + " ORDER BY p.expires_at, p.posting_id LIMIT :limit")
                  .bind("id", ledgerId)
                  .bind("now", Hashes.micros(Checks.instant(clockNow(), "clock")))
                  .bind("limit", limit)
                  .mapTo(String.class)
                  .list()
                  .stream()
                  .map(op -> Journal.Item.expiry(ledgerId, op))
                  .toList();
          return journal.submit(handle, items);
        },
        ledgerId);
  }

  private Instant clockNow() {
    return journal.now();
  }

  /**
   * The current version of an operation.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @param operationId the operation
   * @return the latest version, or empty
   */
  public Optional<Posting> findOperation(Handle handle, String ledgerId, String operationId) {
    List<Posting> versions = operationHistory(handle, ledgerId, operationId);
    return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
  }

  /**
   * Every recorded version of an operation, oldest first.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @param operationId the operation
   * @return the versions
   */
  public List<Posting> operationHistory(Handle handle, String ledgerId, String operationId) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(ledgerId, "ledgerId");
    Objects.requireNonNull(operationId, "operationId");
    return guard(
        () -> {
          List<Long> ids =
              handle
                  .createQuery(
                      "SELECT posting_id FROM fis_ledger.posting WHERE ledger_id = :l"
                          + " AND operation_id = :o ORDER BY version LIMIT :limit")
                  .bind("l", ledgerId)
                  .bind("o", operationId)
                  .bind("limit", config.rowsPerReadMax())
                  .mapTo(Long.class)
                  .list();
          return ids.isEmpty()
              ? List.<Posting>of()
              : Db.loadPostings(handle, ids).values().stream().map(Stored::posting).toList();
        },
        operationId);
  }

  /**
   * The running balance. For an asynchronous account it may lag: it reflects the tasks applied so
   * far (use {@link #consistentBalance} for a read-your-writes balance).
   *
   * @param handle the caller's transaction
   * @param accountId the account
   * @return the balance
   */
  public Balance balance(Handle handle, String accountId) {
    Objects.requireNonNull(handle, "handle");
    return guard(() -> balances.running(handle, accountId), accountId);
  }

  /**
   * The current balance, first applying the account's pending balance tasks (under the account's
   * row lock, so it is safe alongside the job handler). Same as {@link #balance} for synchronous
   * accounts.
   *
   * @param handle the caller's transaction
   * @param accountId the account
   * @return the balance
   */
  public Balance consistentBalance(Handle handle, String accountId) {
    Objects.requireNonNull(handle, "handle");
    return guard(() -> balances.consistent(handle, accountId), accountId);
  }

  /**
   * The balance along the two time axes, computed from the entries: as of a posting time
   * (exclusive) and as known at a recording time (inclusive). Cost grows with the account's
   * entries.
   *
   * @param handle the caller's transaction
   * @param accountId the account
   * @param at the time axes
   * @return the balance
   */
  public Balance balanceAt(Handle handle, String accountId, BalanceAt at) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(at, "at");
    return guard(() -> balances.at(handle, accountId, at), accountId);
  }

  /**
   * The sum of the running balances of an account and its descendants in the hierarchy.
   *
   * @param handle the caller's transaction
   * @param accountId the subtree's root
   * @return the roll-up
   */
  public Balance rollupBalance(Handle handle, String accountId) {
    Objects.requireNonNull(handle, "handle");
    return guard(() -> balances.rollup(handle, accountId), accountId);
  }

  /**
   * Applies an asynchronous account's pending balance tasks now.
   *
   * @param handle the caller's transaction
   * @param accountId the account
   * @return how many tasks were applied
   */
  public int applyPendingBalanceTasks(Handle handle, String accountId) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(accountId, "accountId");
    return guard(() -> balances.applyPending(handle, accountId), accountId);
  }

  /**
   * Closes the ledger for posting times before {@code periodEnd} and records closing balances.
   * Later postings, supersessions and reversals dated inside get {@link
   * PostingResult.PeriodClosed}. Waits for in-flight postings of the ledger to finish.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @param periodEnd the exclusive end of the period (not after the ledger's clock)
   * @return the outcome
   */
  public CloseResult closePeriod(Handle handle, String ledgerId, Instant periodEnd) {
    Objects.requireNonNull(handle, "handle");
    Checks.id(ledgerId, "ledgerId", Checks.ID_LENGTH_MAX);
    Instant end = Checks.instant(periodEnd, "periodEnd");
    return guard(() -> periods.close(handle, ledgerId, end), ledgerId);
  }

  /**
   * The instant before which the ledger is closed.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @return the latest close, or empty
   */
  public Optional<Instant> closedBefore(Handle handle, String ledgerId) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(ledgerId, "ledgerId");
    return guard(() -> periods.closedBefore(handle, ledgerId), ledgerId);
  }

  /**
   * The closing balances recorded by the close ending at {@code periodEnd}.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @param periodEnd the close's end
   * @return the balances, by account id (empty if no such close)
   */
  public List<Balance> closingBalances(Handle handle, String ledgerId, Instant periodEnd) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(ledgerId, "ledgerId");
    Instant end = Checks.instant(periodEnd, "periodEnd");
    return guard(() -> periods.closingBalances(handle, ledgerId, end), ledgerId);
  }

  /**
   * The trial balance of the period {@code [periodStart, periodEnd)}.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @param periodStart inclusive start, or {@code null} from the beginning
   * @param periodEnd exclusive end
   * @return the trial balance
   */
  public TrialBalance trialBalance(
      Handle handle, String ledgerId, Instant periodStart, Instant periodEnd) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(ledgerId, "ledgerId");
    Instant start = Checks.optionalInstant(periodStart, "periodStart");
    Instant end = Checks.instant(periodEnd, "periodEnd");
    if (start != null && !start.isBefore(end)) {
      throw new IllegalArgumentException(
          "periodStart: must be before periodEnd " + end + ", got " + start);
    }
    return guard(() -> periods.trialBalance(handle, ledgerId, start, end), ledgerId);
  }

  /**
   * Recomputes every record hash and per-account chain of a ledger and compares running balances
   * with the entries. Takes no lock; run it in a REPEATABLE READ transaction for a consistent
   * snapshot.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @return what was checked and the problems found
   */
  public VerifyResult verify(Handle handle, String ledgerId) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(ledgerId, "ledgerId");
    return guard(() -> Verifier.verify(handle, ledgerId), ledgerId);
  }

  private interface Work<T> {
    T run();
  }

  private static <T> T guard(Work<T> work, String id) {
    try {
      return work.run();
    } catch (JdbiException e) {
      throw new LedgerException("ledger database operation failed", List.of(id), e);
    }
  }
}
