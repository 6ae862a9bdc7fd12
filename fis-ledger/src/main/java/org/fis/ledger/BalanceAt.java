package org.fis.ledger;

import java.time.Instant;
import org.fis.ledger.internal.Checks;

/**
 * The two time axes of a balance read. Immutable.
 *
 * @param postingTimeBefore only entries whose posting time is before this instant (exclusive), or
 *     {@code null} for all
 * @param knownAt only entries recorded at or before this instant (what the journal knew then), or
 *     {@code null} for current knowledge
 */
public record BalanceAt(Instant postingTimeBefore, Instant knownAt) {
  /** Normalises the instants to microseconds. */
  public BalanceAt {
    postingTimeBefore = Checks.optionalInstant(postingTimeBefore, "postingTimeBefore");
    knownAt = Checks.optionalInstant(knownAt, "knownAt");
  }

  /**
   * As of a posting time, with current knowledge.
   *
   * @param postingTimeBefore exclusive end of the posting time axis
   * @return the query
   */
  public static BalanceAt postingTimeBefore(Instant postingTimeBefore) {
    return new BalanceAt(postingTimeBefore, null);
  }

  /**
   * As known at a recording time.
   *
   * @param knownAt inclusive end of the recording time axis
   * @return the query
   */
  public static BalanceAt knownAt(Instant knownAt) {
    return new BalanceAt(null, knownAt);
  }
}
