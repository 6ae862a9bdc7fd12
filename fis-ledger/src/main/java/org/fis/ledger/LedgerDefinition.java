package org.fis.ledger;

import org.fis.ledger.internal.Checks;

/**
 * A ledger to create: a namespace for accounts, operation ids and periods. Immutable.
 *
 * @param ledgerId the id, 1 to 64 characters
 * @param name a display name, 1 to 200 characters
 */
public record LedgerDefinition(String ledgerId, String name) {
  /** Validates the definition. */
  public LedgerDefinition {
    Checks.id(ledgerId, "ledgerId", Checks.ID_LENGTH_MAX);
    Checks.id(name, "name", 200);
  }
}
