package org.fis.accountingpoint;

import java.util.List;
import java.util.Objects;

/** The outcome of a controllable-unit lookup by GSRN and end user id. */
public sealed interface LookupResult {
  /** The accounting point looked up. */
  Gsrn gsrn();

  /**
   * The end user is the current end user of the accounting point.
   *
   * @param gsrn the accounting point
   * @param controllableUnitIds the controllable units registered on it (may be empty)
   * @param fromStaleData whether the answer comes from local data because the adapter failed
   */
  record Matched(Gsrn gsrn, List<String> controllableUnitIds, boolean fromStaleData)
      implements LookupResult {
    /** Validates and copies. */
    public Matched {
      Objects.requireNonNull(gsrn, "gsrn");
      controllableUnitIds = List.copyOf(controllableUnitIds);
    }
  }

  /**
   * The end user is not the current end user. For an accounting point that was not stored before,
   * nothing of the adapter's data was kept.
   *
   * @param gsrn the accounting point
   */
  record EndUserMismatch(Gsrn gsrn) implements LookupResult {
    /** Validates. */
    public EndUserMismatch {
      Objects.requireNonNull(gsrn, "gsrn");
    }
  }

  /**
   * The datahub does not know the accounting point and it is not stored locally.
   *
   * @param gsrn the accounting point
   */
  record UnknownAccountingPoint(Gsrn gsrn) implements LookupResult {
    /** Validates. */
    public UnknownAccountingPoint {
      Objects.requireNonNull(gsrn, "gsrn");
    }
  }

  /**
   * The adapter failed and nothing is stored locally to answer from; try again later.
   *
   * @param gsrn the accounting point
   * @param message why (no personal data)
   */
  record Unavailable(Gsrn gsrn, String message) implements LookupResult {
    /** Validates. */
    public Unavailable {
      Objects.requireNonNull(gsrn, "gsrn");
      Objects.requireNonNull(message, "message");
    }
  }
}
