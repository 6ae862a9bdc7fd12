package org.fis.ledger;

import java.util.Objects;
import org.fis.ledger.internal.Checks;

/**
 * An account to open in a ledger's chart of accounts. Accounts are insert-only: their policies
 * never change. A child account has the same ledger, type and currency as its parent. Immutable.
 *
 * @param accountId the id, 1 to 64 characters, unique across ledgers
 * @param ledgerId the ledger
 * @param parentId the parent account in the hierarchy, or {@code null} for a top-level account
 * @param name a display name
 * @param type the account type (gives the normal side)
 * @param currency the only currency the account holds
 * @param balanceMode synchronous or asynchronous running balance
 * @param balanceConstraint the limit checked on every posting; requires synchronous mode
 */
public record AccountDefinition(
    String accountId,
    String ledgerId,
    String parentId,
    String name,
    AccountType type,
    String currency,
    BalanceMode balanceMode,
    BalanceConstraint balanceConstraint) {
  /** Validates the definition. */
  public AccountDefinition {
    Checks.id(accountId, "accountId", Checks.ID_LENGTH_MAX);
    Checks.id(ledgerId, "ledgerId", Checks.ID_LENGTH_MAX);
    if (parentId != null) {
      Checks.id(parentId, "parentId", Checks.ID_LENGTH_MAX);
      if (parentId.equals(accountId)) {
        throw new IllegalArgumentException("parentId: must differ from accountId " + accountId);
      }
    }
    Checks.id(name, "name", 200);
    Objects.requireNonNull(type, "type");
    Checks.currency(currency, "currency");
    Objects.requireNonNull(balanceMode, "balanceMode");
    Objects.requireNonNull(balanceConstraint, "balanceConstraint");
    if (balanceMode == BalanceMode.ASYNCHRONOUS && balanceConstraint != BalanceConstraint.NONE) {
      throw new IllegalArgumentException(
          "balanceConstraint: an asynchronous account cannot carry a constraint, got "
              + balanceConstraint);
    }
  }

  /**
   * A top-level, synchronous, unconstrained account.
   *
   * @param accountId the id
   * @param ledgerId the ledger
   * @param name the display name
   * @param type the type
   * @param currency the currency
   * @return the definition
   */
  public static AccountDefinition of(
      String accountId, String ledgerId, String name, AccountType type, String currency) {
    return new AccountDefinition(
        accountId,
        ledgerId,
        null,
        name,
        type,
        currency,
        BalanceMode.SYNCHRONOUS,
        BalanceConstraint.NONE);
  }

  /**
   * The same definition under a parent.
   *
   * @param parent the parent account id
   * @return a new definition
   */
  public AccountDefinition withParentId(String parent) {
    return new AccountDefinition(
        accountId, ledgerId, parent, name, type, currency, balanceMode, balanceConstraint);
  }

  /**
   * The same definition with another balance mode.
   *
   * @param mode the mode
   * @return a new definition
   */
  public AccountDefinition withBalanceMode(BalanceMode mode) {
    return new AccountDefinition(
        accountId, ledgerId, parentId, name, type, currency, mode, balanceConstraint);
  }

  /**
   * The same definition with another balance constraint.
   *
   * @param constraint the constraint
   * @return a new definition
   */
  public AccountDefinition withBalanceConstraint(BalanceConstraint constraint) {
    return new AccountDefinition(
        accountId, ledgerId, parentId, name, type, currency, balanceMode, constraint);
  }
}
