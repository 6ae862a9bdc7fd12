package org.fis.ledger;

import java.util.Objects;

/** The outcome of creating a ledger or opening an account. Immutable. */
public sealed interface DefinitionResult {
  /** Created now. */
  record Created() implements DefinitionResult {}

  /** An identical definition already exists: nothing written. */
  record AlreadyExists() implements DefinitionResult {}

  /**
   * The id exists with a different definition, or the definition does not fit what is stored
   * (unknown ledger or parent, parent of another type): nothing written.
   *
   * @param field the offending field
   * @param reason why, in a sentence
   */
  record Rejected(String field, String reason) implements DefinitionResult {
    /** Validates the result. */
    public Rejected {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
