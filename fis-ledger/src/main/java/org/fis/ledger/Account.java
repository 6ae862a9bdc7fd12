package org.fis.ledger;

import java.time.Instant;
import java.util.Objects;

/**
 * An account as stored. Immutable.
 *
 * @param definition what was opened
 * @param depth 0 for a top-level account, parent's depth + 1 otherwise
 * @param createdAt when it was opened (from the ledger's clock)
 */
public record Account(AccountDefinition definition, int depth, Instant createdAt) {
  /** Validates the account. */
  public Account {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * The account id.
   *
   * @return the id
   */
  public String accountId() {
    return definition.accountId();
  }
}
