package org.fis.ledger.internal;

import java.util.List;
import org.fis.ledger.Posting;

/**
 * A stored (or, within one submit call, planned) posting with its hashes and every entry. Not API.
 * Immutable.
 *
 * @param posting the posting read model
 * @param requestHash the idempotency hash
 * @param recordHash the tamper-evidence hash
 * @param entries every entry ordered by line number
 */
public record Stored(
    Posting posting, byte[] requestHash, byte[] recordHash, List<EntryRow> entries) {
  /** Copies the entries. */
  public Stored {
    entries = List.copyOf(entries);
  }

  /**
   * The entries that are the posting's own posted lines (effect L).
   *
   * @return the L entries
   */
  public List<EntryRow> postedLines() {
    return entries.stream().filter(e -> e.effect() == 'L').toList();
  }

  /**
   * The held entries (effect H).
   *
   * @return the H entries
   */
  public List<EntryRow> heldLines() {
    return entries.stream().filter(e -> e.effect() == 'H').toList();
  }
}
