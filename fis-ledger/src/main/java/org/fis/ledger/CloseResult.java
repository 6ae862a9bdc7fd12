package org.fis.ledger;

import java.time.Instant;
import java.util.Objects;

/** The outcome of {@link Ledger#closePeriod}. Immutable. */
public sealed interface CloseResult {
  /**
   * The period {@code [periodStart, periodEnd)} is closed and its closing balances recorded.
   *
   * @param ledgerId the ledger
   * @param periodStart the previous close's end, or {@code null} for the first period
   * @param periodEnd the new close's end (exclusive)
   * @param accounts how many closing balances were recorded
   */
  record Closed(String ledgerId, Instant periodStart, Instant periodEnd, int accounts)
      implements CloseResult {
    /** Validates the result. */
    public Closed {
      Objects.requireNonNull(ledgerId, "ledgerId");
      Objects.requireNonNull(periodEnd, "periodEnd");
    }
  }

  /**
   * The ledger is already closed up to this instant or later: nothing written.
   *
   * @param ledgerId the ledger
   * @param closedBefore the current close
   */
  record AlreadyClosed(String ledgerId, Instant closedBefore) implements CloseResult {
    /** Validates the result. */
    public AlreadyClosed {
      Objects.requireNonNull(ledgerId, "ledgerId");
      Objects.requireNonNull(closedBefore, "closedBefore");
    }
  }

  /**
   * The period has not ended yet by the ledger's clock: nothing written.
   *
   * @param periodEnd the requested end
   * @param now the clock's time
   */
  record NotYetEnded(Instant periodEnd, Instant now) implements CloseResult {
    /** Validates the result. */
    public NotYetEnded {
      Objects.requireNonNull(periodEnd, "periodEnd");
      Objects.requireNonNull(now, "now");
    }
  }

  /**
   * No such ledger: nothing written.
   *
   * @param ledgerId the ledger
   */
  record LedgerNotFound(String ledgerId) implements CloseResult {
    /** Validates the result. */
    public LedgerNotFound {
      Objects.requireNonNull(ledgerId, "ledgerId");
    }
  }
}
