package org.fis.accountingpoint;

import java.util.Objects;

/** The outcome of one sync of one accounting point. */
public sealed interface SyncResult {
  /** The accounting point. */
  Gsrn gsrn();

  /**
   * The sync merged data that differed from what was stored.
   *
   * @param gsrn the accounting point
   */
  record Changed(Gsrn gsrn) implements SyncResult {
    /** Validates. */
    public Changed {
      Objects.requireNonNull(gsrn, "gsrn");
    }
  }

  /**
   * The adapter's data equalled what was stored: nothing written but the bookkeeping.
   *
   * @param gsrn the accounting point
   */
  record Unchanged(Gsrn gsrn) implements SyncResult {
    /** Validates. */
    public Unchanged {
      Objects.requireNonNull(gsrn, "gsrn");
    }
  }

  /**
   * The sync did not run, or its result was discarded.
   *
   * @param gsrn the accounting point
   * @param reason why (another sync in progress, untracked, claim lost to a timeout)
   */
  record Skipped(Gsrn gsrn, String reason) implements SyncResult {
    /** Validates. */
    public Skipped {
      Objects.requireNonNull(gsrn, "gsrn");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The sync failed; nothing of it was merged, and the accounting point backs off.
   *
   * @param gsrn the accounting point
   * @param kind the class of failure (the same word as {@link FetchResult.Failed#kind()})
   * @param message what went wrong (no personal data)
   */
  record Failed(Gsrn gsrn, Kind kind, String message) implements SyncResult {
    /** Validates. */
    public Failed {
      Objects.requireNonNull(gsrn, "gsrn");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Classes of sync failure. */
  enum Kind {
    /**
     * The adapter was unavailable, rate limited (remotely or by the local rate limit), its circuit
     * was open, or it answered an unexpected status.
     */
    ADAPTER_UNAVAILABLE,
    /** The adapter rejected the API key (401/403). */
    CONFIGURATION,
    /** The adapter's response broke the contract. */
    INVALID_RESPONSE,
    /** The datahub does not know the accounting point (404). */
    NOT_FOUND,
    /** The database write failed. */
    DATABASE
  }
}
