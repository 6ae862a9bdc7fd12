package org.fis.ledger;

/** What a recorded posting is. Immutable. */
public enum PostingKind {
  /** An ordinary posting (version 1) or a superseding version of one (version 2 and later). */
  POSTING,
  /** The reversal of another operation's current version: its lines with sides swapped. */
  REVERSAL,
  /** A two-phase hold: its lines are pending, reserving amounts without posting them. */
  HOLD,
  /** Posts a hold fully or partly and releases its reservation. */
  CAPTURE,
  /** Releases a hold's reservation without posting anything. */
  VOID,
  /** Releases an expired hold's reservation (written by {@link Ledger#expireHolds}). */
  EXPIRY
}
