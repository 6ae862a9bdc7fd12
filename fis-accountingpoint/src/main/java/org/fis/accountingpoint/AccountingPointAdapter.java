package org.fis.accountingpoint;

import java.time.Instant;

/**
 * The port to the datahub adapter: reads one accounting point's data for a window. {@link
 * AdapterClient} implements it over HTTP per the contract; hosts may plug in another source.
 *
 * <p>Implementations must be thread-safe and must never touch the database.
 */
public interface AccountingPointAdapter {
  /**
   * Reads an accounting point's data valid from {@code validFrom} on (open end).
   *
   * @param gsrn the accounting point
   * @param validFrom start of the requested window
   * @return data, not found or a failure; never null, never throws for remote problems
   */
  FetchResult fetch(Gsrn gsrn, Instant validFrom);
}
