package org.fis.ledger.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fis.ledger.Account;
import org.fis.ledger.AccountDefinition;
import org.fis.ledger.AccountType;
import org.fis.ledger.BalanceConstraint;
import org.fis.ledger.BalanceMode;
import org.fis.ledger.DefinitionResult;
import org.fis.ledger.LedgerDefinition;
import org.jdbi.v3.core.Handle;

/** Ledgers and the chart of accounts. Not API. Thread-safe (stateless). */
public final class Accounts {
  /** Deepest level of the account hierarchy (0 = top level). */
  public static final int DEPTH_MAX = 15;

  private final Clock clock;

  /**
   * Creates the store.
   *
   * @param clock the clock for creation times
   */
  public Accounts(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates a ledger unless it exists.
   *
   * @param handle the caller's transaction
   * @param definition the ledger
   * @return the outcome
   */
  public DefinitionResult createLedger(Handle handle, LedgerDefinition definition) {
    Instant now = Checks.instant(clock.instant(), "clock");
    int inserted =
        handle
            .createUpdate(
                "INSERT INTO fis_ledger.ledger (ledger_id, name, created_at) VALUES (:id, :name, "
                    + Db.micros(":now")
                    + ") ON CONFLICT (ledger_id) DO NOTHING")
            .bind("id", definition.ledgerId())
            .bind("name", definition.name())
            .bind("now", Hashes.micros(now))
            .execute();
    if (inserted == 1) {
      return new DefinitionResult.Created();
    }
    String name =
        handle
            .createQuery("SELECT name FROM fis_ledger.ledger WHERE ledger_id = :id")
            .bind("id", definition.ledgerId())
            .mapTo(String.class)
            .one();
    return name.equals(definition.name())
        ? new DefinitionResult.AlreadyExists()
        : new DefinitionResult.Rejected(
            "ledgerId", "ledger '" + definition.ledgerId() + "' exists with name '" + name + "'");
  }

  /**
   * Opens an account unless it exists, and its running-balance row.
   *
   * @param handle the caller's transaction
   * @param definition the account
   * @return the outcome
   */
  public DefinitionResult openAccount(Handle handle, AccountDefinition definition) {
    Optional<Account> existing = find(handle, definition.accountId());
    if (existing.isPresent()) {
      return existing.get().definition().equals(definition)
          ? new DefinitionResult.AlreadyExists()
          : new DefinitionResult.Rejected(
              "accountId",
              "account '" + definition.accountId() + "' exists with another definition");
    }
    boolean ledgerExists =
        handle
                .createQuery("SELECT count(*) FROM fis_ledger.ledger WHERE ledger_id = :id")
                .bind("id", definition.ledgerId())
                .mapTo(Integer.class)
                .one()
            > 0;
    if (!ledgerExists) {
      return new DefinitionResult.Rejected("ledgerId", "no ledger '" + definition.ledgerId() + "'");
    }
    int depth = 0;
    if (definition.parentId() != null) {
      Optional<Account> parent = find(handle, definition.parentId());
      DefinitionResult.Rejected rejected = checkParent(definition, parent);
      if (rejected != null) {
        return rejected;
      }
      depth = parent.orElseThrow().depth() + 1;
    }
    if (insert(handle, definition, depth)) {
      return new DefinitionResult.Created();
    }
    // A concurrent transaction opened the same id first: compare with what it stored.
    return find(handle, definition.accountId()).orElseThrow().definition().equals(definition)
        ? new DefinitionResult.AlreadyExists()
        : new DefinitionResult.Rejected(
            "accountId", "account '" + definition.accountId() + "' exists with another definition");
  }

  private static DefinitionResult.Rejected checkParent(
      AccountDefinition definition, Optional<Account> parent) {
    if (parent.isEmpty()) {
      return new DefinitionResult.Rejected(
          "parentId", "no account '" + definition.parentId() + "'");
    }
    AccountDefinition p = parent.get().definition();
    if (!p.ledgerId().equals(definition.ledgerId())
        || p.type() != definition.type()
        || !p.currency().equals(definition.currency())) {
      return new DefinitionResult.Rejected(
          "parentId",
          "the parent '"
              + p.accountId()
              + "' must have the same ledger, type and currency (it has "
              + p.ledgerId()
              + ", "
              + p.type()
              + ", "
              + p.currency()
              + ")");
    }
    if (parent.get().depth() >= DEPTH_MAX) {
      return new DefinitionResult.Rejected(
          "parentId", "the hierarchy is limited to " + (DEPTH_MAX + 1) + " levels");
    }
    return null;
  }

  private boolean insert(Handle handle, AccountDefinition d, int depth) {
    Instant now = Checks.instant(clock.instant(), "clock");
    int inserted =
        handle
            .createUpdate(
                "INSERT INTO fis_ledger.account (account_id, ledger_id, parent_id, depth, name,"
                    + " account_type, currency, balance_mode, balance_constraint, created_at)"
                    + " VALUES (:id, :ledger, :parent, :depth, :name, :type, :currency, :mode,"
                    + " :constraint, "
                    + Db.micros(":now")
                    + ") ON CONFLICT (account_id) DO NOTHING")
            .bind("id", d.accountId())
            .bind("ledger", d.ledgerId())
            .bind("parent", d.parentId())
            .bind("depth", depth)
            .bind("name", d.name())
            .bind("type", d.type().name())
            .bind("currency", d.currency())
            .bind("mode", d.balanceMode().name())
            .bind("constraint", d.balanceConstraint().name())
            .bind("now", Hashes.micros(now))
            .execute();
    if (inserted == 0) {
      return false;
    }
    handle
        .createUpdate("INSERT INTO fis_ledger.account_balance (account_id) VALUES (:id)")
        .bind("id", d.accountId())
        .execute();
    return true;
  }

  /**
   * Finds an account.
   *
   * @param handle the caller's transaction
   * @param accountId the account
   * @return the account, or empty
   */
  public Optional<Account> find(Handle handle, String accountId) {
    return handle
        .createQuery("SELECT * FROM fis_ledger.account WHERE account_id = :id")
        .bind("id", accountId)
        .map((rs, ctx) -> account(rs))
        .findOne();
  }

  /**
   * The direct children of an account, ordered by id.
   *
   * @param handle the caller's transaction
   * @param accountId the parent
   * @param limit most rows
   * @return the children
   */
  public List<Account> children(Handle handle, String accountId, int limit) {
    return handle
        .createQuery(
            "SELECT * FROM fis_ledger.account WHERE parent_id = :id ORDER BY account_id"
                + " LIMIT :limit")
        .bind("id", accountId)
        .bind("limit", limit)
        .map((rs, ctx) -> account(rs))
        .list();
  }

  /**
   * The accounts of a ledger, ordered by id.
   *
   * @param handle the caller's transaction
   * @param ledgerId the ledger
   * @param limit most rows
   * @return the accounts
   */
  public List<Account> accounts(Handle handle, String ledgerId, int limit) {
    return handle
        .createQuery(
            "SELECT * FROM fis_ledger.account WHERE ledger_id = :id ORDER BY account_id"
                + " LIMIT :limit")
        .bind("id", ledgerId)
        .bind("limit", limit)
        .map((rs, ctx) -> account(rs))
        .list();
  }

  static Account account(ResultSet rs) throws SQLException {
    return new Account(
        new AccountDefinition(
            rs.getString("account_id"),
            rs.getString("ledger_id"),
            rs.getString("parent_id"),
            rs.getString("name"),
            AccountType.valueOf(rs.getString("account_type")),
            rs.getString("currency"),
            BalanceMode.valueOf(rs.getString("balance_mode")),
            BalanceConstraint.valueOf(rs.getString("balance_constraint"))),
        rs.getInt("depth"),
        Db.instant(rs, "created_at"));
  }
}
